// The one way a page sets up a form: Conform's useForm with the constraints of the form's schema,
// the action's last answer when it was for this form (a page with several forms tells them apart
// by the `form` the answer names), and the values the page loaded. The server checks every submission
// (app/utils/http.server.ts), so without JavaScript a form works the same. The constraints come
// from the page's loader (`formConstraints(schema)`), so the schema and Zod stay on the server.
import type { Constraint } from "@conform-to/dom";
import { useForm, type DefaultValue } from "@conform-to/react";
import type { z } from "zod";
import type { FormAnswer, Message } from "~/utils/forms.ts";

/** An action's data is a form answer when it carries Conform's status. */
export function isFormAnswer(value: unknown): value is FormAnswer {
  return typeof value === "object" && value !== null && "status" in value && "error" in value;
}

/** The form-level message of an answer (for forms of buttons only, which have no fields to mark). */
export function formErrorOf(answer: unknown): Message | undefined {
  return isFormAnswer(answer)
    ? (answer.error?.[""]?.[0] ?? Object.values(answer.error ?? {})[0]?.[0])
    : undefined;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Values<S extends z.ZodType> = z.input<S> & Record<string, any>;

/** `S` is the form's schema type: `useAppForm<typeof signInSchema>(constraints, …)`. */
export function useAppForm<S extends z.ZodType>(
  constraint: Record<string, Constraint>,
  options: { id: string; answer?: unknown; form?: string; defaultValue?: DefaultValue<Values<S>> },
) {
  const { id, answer, form, defaultValue } = options;
  const lastResult = isFormAnswer(answer) && (!form || answer.form === form) ? answer : undefined;
  return useForm<Values<S>, z.output<S>, Message[]>({ id, lastResult, constraint, defaultValue });
}
