// The one form pipeline's shapes, shared by server and browser: a form is read into a Conform
// submission checked by the form's Zod schema; what goes wrong is a list of messages, each a
// translation key with the values it names ({{max}}), never a string to take apart.
import { parse, type Submission, type SubmissionResult } from "@conform-to/dom";
import { z } from "zod";

/** A translation key and the values its text interpolates. */
export type Message = { key: string; values?: Record<string, string | number> };

/** What an action answers a form with: Conform's result (errors, the values to show again) and which form of the page it was. */
export type FormAnswer = SubmissionResult<Message[]> & { form?: string };

export type FieldErrors = Record<string, string>;
export type ParseResult<T> = { ok: true; data: T } | { ok: false; fieldErrors: FieldErrors };

export const requiredText = (max: number) =>
  z
    .string({ error: "common:validation.required" })
    .trim()
    .min(1, { error: "common:validation.required" })
    .max(max, { error: "common:validation.tooLong" });

export const emailField = z
  .string({ error: "common:validation.required" })
  .trim()
  .min(1, { error: "common:validation.required" })
  .max(254, { error: "common:validation.tooLong" })
  .pipe(z.email({ error: "common:validation.invalidEmail" }))
  .transform((email) => email.toLowerCase());

/** An issue's message as our Message: its key (or "invalid value" for Zod's own), and the limit it names. */
export function issueMessage(issue: z.core.$ZodIssue): Message {
  if (!issue.message.includes(":")) return { key: "common:validation.invalidValue" };
  if (issue.code === "too_big") return { key: issue.message, values: { max: Number(issue.maximum) } };
  if (issue.code === "too_small") return { key: issue.message, values: { min: Number(issue.minimum) } };
  return { key: issue.message };
}

/** The first issue of each top-level field (an array's items report on the array; "" is the form). */
export function schemaErrors(error: z.ZodError): Record<string, Message[]> {
  const errors: Record<string, Message[]> = {};
  for (const issue of error.issues) {
    const field = issue.path.length > 0 ? String(issue.path[0]) : "";
    errors[field] ??= [issueMessage(issue)];
  }
  return errors;
}

/**
 * Which of a page's forms a body is for: its `intent`, when it is one of the discriminated union's
 * (for handleForm's `form`, so the answer reaches the form that was sent).
 */
export function intentIn(union: { options: readonly { shape: { intent: { value: unknown } } }[] }) {
  const intents = new Set(union.options.map((option) => option.shape.intent.value));
  return (formData: FormData): string | undefined => {
    const intent = formData.get("intent");
    return typeof intent === "string" && intents.has(intent) ? intent : undefined;
  };
}

/**
 * Reads a form into a Conform submission checked by `schema`. Throws (as Conform does) on a field
 * name that is no valid path, such as `a[` or `__proto__`; the server answers that with a 400.
 */
export function parseSubmission<S extends z.ZodType>(
  formData: FormData | URLSearchParams,
  schema: S,
): Submission<z.input<S>, Message[], z.output<S>> {
  return parse<z.output<S>, Message[]>(formData, {
    resolve(payload) {
      const result = schema.safeParse(payload);
      return result.success ? { value: result.data } : { error: schemaErrors(result.error) };
    },
  }) as Submission<z.input<S>, Message[], z.output<S>>;
}

/**
 * Entries as an object: a repeated key becomes an array, grown in place so that many repeats stay
 * linear. Only strings are read: a file where text belongs is a wrong type, not a crash.
 */
export function entriesToObject(entries: Iterable<[string, FormDataEntryValue]>): Record<string, unknown> {
  const object: Record<string, unknown> = Object.create(null);
  const repeated = new Set<string>();
  for (const [key, entry] of entries) {
    const value = typeof entry === "string" ? entry : { file: true };
    if (!(key in object)) {
      object[key] = value;
    } else if (repeated.has(key)) {
      (object[key] as unknown[]).push(value);
    } else {
      object[key] = [object[key], value];
      repeated.add(key);
    }
  }
  return object;
}
