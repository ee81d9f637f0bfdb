// Form parsing with Zod; errors come back as translation keys ("common:validation.required").
import { z } from "zod";

export type FieldErrors = Record<string, string>;
export type ParseResult<T> = { ok: true; data: T } | { ok: false; fieldErrors: FieldErrors };

export const requiredText = (max: number) =>
  z
    .string({ error: "common:validation.required" })
    .trim()
    .min(1, { error: "common:validation.required" })
    .max(max, { error: `common:validation.tooLong|${max}` });

export const emailField = z
  .string({ error: "common:validation.required" })
  .trim()
  .min(1, { error: "common:validation.required" })
  .max(254, { error: "common:validation.tooLong|254" })
  .pipe(z.email({ error: "common:validation.invalidEmail" }))
  .transform((email) => email.toLowerCase());

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

export function formToObject(formData: FormData): Record<string, unknown> {
  return entriesToObject(formData.entries());
}

export function parseForm<T extends z.ZodType>(schema: T, formData: FormData): ParseResult<z.output<T>> {
  const result = schema.safeParse(formToObject(formData));
  if (result.success) return { ok: true, data: result.data };
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? "form");
    const message = issue.message.includes(":") ? issue.message : "common:validation.invalidValue";
    fieldErrors[field] ??= message;
  }
  return { ok: false, fieldErrors };
}
