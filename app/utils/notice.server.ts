// One-time notices ("Your request is published") carried across a redirect in a short-lived signed
// cookie, read once by the page they were meant for: a notice says what the reader's own action just
// did, so a link (`?notice=matched`) can never show one. Remix's signed cookies (ADR 0022).
import { createCookie, redirect, type Cookie } from "@remix-run/node";
import { getEnv } from "~/utils/env.server.ts";

const NOTICE_COOKIE = "ep_notice";
/** Long enough for a redirect on a slow line, short enough not to meet a later visit. */
const NOTICE_SECONDS = 60;

type Flash = { notice: string; path: string };

let cookie: Cookie | undefined;

function noticeCookie(): Cookie {
  const env = getEnv();
  cookie ??= createCookie(NOTICE_COOKIE, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: env.NODE_ENV === "production",
    maxAge: NOTICE_SECONDS,
    secrets: [env.SESSION_SECRET],
  });
  return cookie;
}

/** A page's path without its trailing slash: `/de/` and its single-fetch request `/de.data` are `/de`. */
function pagePath(url: string): string {
  const { pathname } = new URL(url, "http://localhost");
  return pathname
    .replace(/\.data$/, "")
    .replace(/^\/_root$/, "/")
    .replace(/(.)\/$/, "$1");
}

function isFlash(value: unknown): value is Flash {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Flash).notice === "string" &&
    typeof (value as Flash).path === "string"
  );
}

/** A redirect to `path` that shows `notice` there once; `headers` may carry other cookies. */
export async function redirectWithNotice(
  path: string,
  notice: string,
  headers: HeadersInit = {},
): Promise<Response> {
  const answer = new Headers(headers);
  const flash: Flash = { notice, path: pagePath(path) };
  answer.append("Set-Cookie", await noticeCookie().serialize(flash));
  return redirect(path, { headers: answer });
}

/**
 * The notice left for this page by the action that redirected here, if it is one of `allowed`, and
 * the header that clears it so it shows only once. A notice for another page is left alone.
 */
export async function takeNotice<Notice extends string>(
  request: Request,
  allowed: readonly Notice[],
): Promise<{ notice: Notice | null; headers: Headers }> {
  const headers = new Headers();
  const flash: unknown = await noticeCookie().parse(request.headers.get("Cookie"));
  if (!isFlash(flash) || flash.path !== pagePath(request.url)) return { notice: null, headers };
  headers.append("Set-Cookie", await noticeCookie().serialize("", { maxAge: 0 }));
  const notice = allowed.find((key) => key === flash.notice) ?? null;
  return { notice, headers };
}
