// What a loader or action answered, read the same way whether it returned or threw, and whether it
// gave plain data or `data(value, { status, headers })` (single fetch) or a Response (redirects, files).
export type Answer<Body = unknown> = { status: number; headers: Headers; body: Body };

type DataWithInit = { type: "DataWithResponseInit"; data: unknown; init: ResponseInit | null };

function isDataWithInit(value: unknown): value is DataWithInit {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { type?: unknown }).type === "DataWithResponseInit"
  );
}

async function bodyOf(response: Response): Promise<unknown> {
  if (response.body === null) return null;
  const type = response.headers.get("Content-Type") ?? "";
  return /[/+]json\b/.test(type) ? response.clone().json() : response.clone().text();
}

/**
 * Runs a loader or action (or awaits its promise) and gives its status, headers and body. A thrown
 * answer (an error page's `data()`, a redirect) counts as the answer; any other error is rethrown.
 */
export async function answerOf<Body = unknown>(
  run: Promise<unknown> | (() => unknown),
): Promise<Answer<Body>> {
  let result: unknown;
  try {
    result = await (typeof run === "function" ? run() : run);
  } catch (thrown) {
    if (!(thrown instanceof Response) && !isDataWithInit(thrown)) throw thrown;
    result = thrown;
  }
  if (result instanceof Response) {
    return { status: result.status, headers: result.headers, body: (await bodyOf(result)) as Body };
  }
  if (isDataWithInit(result)) {
    const init = result.init ?? {};
    return { status: init.status ?? 200, headers: new Headers(init.headers), body: result.data as Body };
  }
  return { status: 200, headers: new Headers(), body: result as Body };
}

type Message = { key: string; values?: Record<string, string | number> };

/**
 * A form answer's (Conform's result) messages by their keys: the form's own as `formError`, each
 * field's first as `fieldErrors`, and the values shown again (`initialValue`).
 */
export function formMessages(body: unknown): {
  formError?: string;
  fieldErrors: Record<string, string>;
  initialValue?: Record<string, unknown> | null;
} {
  const answer = body as {
    error?: Record<string, Message[] | null>;
    initialValue?: Record<string, unknown> | null;
  };
  const fieldErrors: Record<string, string> = {};
  let formError: string | undefined;
  for (const [name, messages] of Object.entries(answer?.error ?? {})) {
    const key = messages?.[0]?.key;
    if (!key) continue;
    if (name === "") formError = key;
    else fieldErrors[name] = key;
  }
  return { formError, fieldErrors, initialValue: answer?.initialValue };
}
