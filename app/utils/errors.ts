// One error type for everything a user can cause: an HTTP status and a translation key (with the
// values its text names), errors on the form's fields, and the cause, kept for the logs only.
// app/utils/http.server.ts turns it into answers for forms and pages, server/remix.ts for a loader
// that let one through; the map's JSON endpoints and the browse and map filters answer it themselves.
export type AppErrorOptions = {
  /** Values the message's text interpolates ({{minutes}}). */
  values?: Record<string, string | number>;
  /** What went wrong underneath; logged, never shown. */
  cause?: unknown;
  /** Sent as Retry-After (429, 503). */
  retryAfterSeconds?: number;
};

export class AppError extends Error {
  readonly values?: Record<string, string | number>;
  readonly retryAfterSeconds?: number;

  constructor(
    readonly status: number,
    readonly messageKey: string,
    readonly fieldErrors: Record<string, string> = {},
    options: AppErrorOptions = {},
  ) {
    super(messageKey, { cause: options.cause });
    this.name = "AppError";
    this.values = options.values;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
