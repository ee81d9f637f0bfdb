// Loader side of the AppError mapping: a service refusal becomes the error page with its status.
import { httpError } from "~/utils/http.server.ts";
import { isAppError } from "~/utils/errors.ts";

export async function orErrorPage<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (isAppError(error)) throw httpError(error.status, error.messageKey);
    throw error;
  }
}
