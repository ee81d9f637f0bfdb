// Maps AppError to HTTP answers in one place: a status and a translation key, never a stack trace.
// Answers are data with a status (`data()`), which single fetch sends to the browser as it is.
import { data } from "@remix-run/node";
import { isAppError } from "./errors.ts";
import { parseForm, type FieldErrors } from "./forms.ts";
import type { z } from "zod";

export type ActionFailure = { ok: false; formError: string; fieldErrors: FieldErrors; intent?: string };

export function failure(status: number, formError: string, fieldErrors: FieldErrors = {}, intent?: string) {
  return data<ActionFailure>({ ok: false, formError, fieldErrors, intent }, { status });
}

/** For `throw`: a loader error with its status, rendered by the nearest error boundary. */
export function httpError(status: number, messageKey: string) {
  return data({ messageKey }, { status });
}

/** Runs an action body; a thrown AppError becomes a translated 4xx answer for the form. */
export async function handleForm<S extends z.ZodType, R>(
  request: Request,
  schema: S,
  body: (input: z.output<S>, formData: FormData) => Promise<R>,
  options: { intent?: string } = {},
): Promise<R | ReturnType<typeof failure>> {
  let formData: FormData;
  try {
    formData = await request.formData();
  } catch {
    return failure(400, "common:errors.badRequestText", {}, options.intent);
  }
  const parsed = parseForm(schema, formData);
  if (!parsed.ok) return failure(400, "common:validation.formHasErrors", parsed.fieldErrors, options.intent);
  try {
    return await body(parsed.data, formData);
  } catch (error) {
    if (isAppError(error)) return failure(error.status, error.messageKey, error.fieldErrors, options.intent);
    throw error;
  }
}

/** For loaders: a service's AppError becomes the translated error page with its status. */
export async function orErrorPage<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (isAppError(error)) throw httpError(error.status, error.messageKey);
    throw error;
  }
}
