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

/** Reads only string values: a file where text belongs is a wrong type, not a crash. */
export function formToObject(formData: FormData): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of formData.entries()) {
    if (key in object) {
      object[key] = [object[key], value].flat();
    } else {
      object[key] = typeof value === "string" ? value : { file: true };
    }
  }
  return object;
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
