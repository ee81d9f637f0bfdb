// The one way a page sets up a form: Conform's useForm with the constraints of the form's schema,
// the action's last answer when it was for this form (a page with several forms tells them apart
// by the `form` the answer names), and the values the page loaded. The server checks every submission
// (app/utils/http.server.ts), so without JavaScript a form works the same. The constraints come
// from the page's loader (`formConstraints(schema)`), so the schema and Zod stay on the server.
import type { Constraint } from "@conform-to/dom";
import { useForm, type DefaultValue } from "@conform-to/react";
import type { z } from "zod";
import type { Message } from "~/utils/forms.ts";
import { isFormAnswer } from "./form-answer.ts";

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
