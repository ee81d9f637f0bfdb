// What an action answered a form with, read without Conform: pages whose only forms are buttons
// (the profile's verify, the request's renew) need no form library in their JavaScript.
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
