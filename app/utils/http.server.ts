// The one place an AppError becomes an answer: for a form, Conform's result with the messages on
// their fields and what was typed (so a page without JavaScript shows it again), with its status;
// for a page, the translated error page with its status (loaders that forget orErrorPage are caught
// by server/remix.ts, which answers an AppError the same way). Answers are data with a status
// (`data()`), which single fetch sends to the browser as it is.
import { data } from "@remix-run/node";
import type { z } from "zod";
import { AppError, isAppError } from "./errors.ts";
import { parseSubmission, type FormAnswer, type Message } from "./forms.ts";

/** The messages of an AppError, as a form shows them. */
function errorMessages(error: AppError) {
  return {
    formErrors: [{ key: error.messageKey, values: error.values }] satisfies Message[],
    fieldErrors: Object.fromEntries(
      Object.entries(error.fieldErrors).map(([field, key]) => [field, [{ key }] satisfies Message[]]),
    ),
  };
}

function answerInit(status: number, error?: AppError): ResponseInit {
  const retryAfter = error?.retryAfterSeconds;
  return { status, headers: retryAfter ? { "Retry-After": String(retryAfter) } : undefined };
}

/** A form answer for a request whose body could not be read as a form at all (nothing to show again). */
export function refusal(error: AppError, form?: string) {
  const { formErrors, fieldErrors } = errorMessages(error);
  return data<FormAnswer>(
    { status: "error", error: { "": formErrors, ...fieldErrors }, initialValue: null, form },
    answerInit(error.status, error),
  );
}

export type FormOptions = {
  /** Which of the page's forms this is (from the body's `intent`), echoed in the answer as `form`. */
  form?: string | ((formData: FormData) => string | undefined);
  /** Fields never sent back to the browser (passwords, tokens); files never are. */
  hideFields?: string[];
  /** Reads the body (the organisation form streams its logo); may throw an AppError. */
  readForm?: (request: Request) => Promise<FormData>;
};

/**
 * Reads and checks a form, then runs the action's body. An unreadable body is a 400 (or the
 * reader's AppError), failed checks a 400 with the messages on their fields, and an AppError thrown
 * by the body its own status; the form shows them all the same way, with what was typed.
 */
export async function handleForm<S extends z.ZodType, R>(
  request: Request,
  schema: S,
  body: (input: z.output<S>, formData: FormData) => Promise<R>,
  options: FormOptions = {},
) {
  const { hideFields } = options;
  let formData: FormData;
  try {
    formData = await (options.readForm ? options.readForm(request) : request.formData());
  } catch (error) {
    const refused = isAppError(error) ? error : badRequest(error);
    return refusal(refused, typeof options.form === "string" ? options.form : undefined);
  }
  const form = typeof options.form === "function" ? options.form(formData) : options.form;
  let submission: ReturnType<typeof parseSubmission<S>>;
  try {
    submission = parseSubmission(formData, schema);
  } catch (error) {
    return refusal(badRequest(error), form);
  }
  if (submission.status !== "success") {
    const answer = submission.reply({
      formErrors: [{ key: "common:validation.formHasErrors" }],
      hideFields,
    });
    return data<FormAnswer>({ ...answer, form }, { status: 400 });
  }
  try {
    return await body(submission.value, formData);
  } catch (error) {
    if (!isAppError(error)) throw error;
    return data<FormAnswer>(
      { ...submission.reply({ ...errorMessages(error), hideFields }), form },
      answerInit(error.status, error),
    );
  }
}

function badRequest(cause: unknown): AppError {
  return new AppError(400, "common:errors.badRequestText", {}, { cause });
}

/**
 * For loaders whose page shows the refusal itself (a link that no longer works): an AppError becomes
 * its message key with its status; anything else is thrown on.
 */
export function refusedPage(error: unknown) {
  if (!isAppError(error)) throw error;
  return data({ ok: false as const, error: error.messageKey }, answerInit(error.status, error));
}

/** For `throw`: a loader error with its status, rendered by the nearest error boundary. */
export function httpError(status: number, messageKey: string) {
  return data({ messageKey }, { status });
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
