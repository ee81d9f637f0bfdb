// Who may see a page: every protected loader and action starts with one of these.
import { redirect, type AppLoadContext } from "@remix-run/node";
import { isLocale, localePath, fallbackLocale } from "~/modules/i18n/config.ts";
import { getEnv } from "~/utils/env.server.ts";
import { httpError } from "~/utils/http.server.ts";
import { isStaff } from "./roles.ts";
import type { Auth } from "./session.server.ts";

function localeOf(request: Request) {
  const first = new URL(request.url).pathname.split("/")[1];
  return isLocale(first) ? first : fallbackLocale;
}

export function getAuth(context: AppLoadContext): Auth | null {
  return context.auth ?? null;
}

/** The signed-in user's session, or a redirect to sign-in that returns here afterwards. */
export function requireUser(context: AppLoadContext, request: Request): Auth {
  if (context.auth) return context.auth;
  const url = new URL(request.url);
  const back = `${url.pathname}${url.search}`;
  throw redirect(`${localePath(localeOf(request), "/signin")}?redirectTo=${encodeURIComponent(back)}`);
}

export function requireStaff(context: AppLoadContext, request: Request): Auth {
  const auth = requireUser(context, request);
  if (!isStaff(auth.user)) throw httpError(403, "auth:staffOnly");
  return auth;
}

/** Pages like sign-in send a signed-in user on to their account. */
export function requireAnonymous(context: AppLoadContext, request: Request) {
  if (context.auth) throw redirect(localePath(localeOf(request), "/account"));
}

/**
 * A target to go on to after sign-in: a path on this site, or the fallback. The value is parsed the
 * way a browser would (so "/\t/evil.example" cannot turn into "//evil.example"), and anything with
 * control characters or spaces is refused rather than cleaned.
 */
export function safeRedirectTarget(value: unknown, fallback: string): string {
  if (typeof value !== "string" || !value.startsWith("/") || /[\s\\]/u.test(value) || hasControl(value)) {
    return fallback;
  }
  const base = new URL(getEnv().APP_URL);
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base.origin || url.username || url.password) return fallback;
  const target = `${url.pathname}${url.search}${url.hash}`;
  // "//host" would leave the site once it is a Location header again.
  return target.startsWith("//") ? fallback : target;
}

function hasControl(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return true;
  }
  return false;
}
