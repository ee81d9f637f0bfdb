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
