// The one check that a call fails the way a user would see it: an AppError with a status and a key.
import { expect } from "vitest";
import { AppError } from "~/utils/errors.ts";

/**
 * Awaits `promise`, which must reject with an AppError of `status`, and returns that error. With a
 * `key`, it is the error's message key or one of its field errors.
 */
export async function expectAppError(
  promise: Promise<unknown>,
  status: number,
  key?: string,
): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  expect(error.status).toBe(status);
  if (key !== undefined) expect([error.messageKey, ...Object.values(error.fieldErrors)]).toContain(key);
  return error;
}
