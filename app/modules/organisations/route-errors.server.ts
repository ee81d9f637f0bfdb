// Loaders call services that throw AppError; this turns one into the translated error page's answer.
import { isAppError } from "~/utils/errors.ts";
import { httpError } from "~/utils/http.server.ts";

export async function orHttpError<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (isAppError(error)) throw httpError(error.status, error.messageKey);
    throw error;
  }
}
