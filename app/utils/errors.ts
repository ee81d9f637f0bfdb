// One error type for everything a user can cause: an HTTP status and a translation key.
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly messageKey: string,
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(messageKey);
    this.name = "AppError";
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
