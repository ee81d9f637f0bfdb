// Picks a locale for requests whose URL has none: the language the reader last chose in this
// browser (a cookie set by the language switch and the account's language), else a signed-in
// user's own, else Accept-Language with its weights, so a reader whose first language we lack gets
// the next one we have ("fr, de;q=0.8" → de). The parsing is negotiator's (jshttp, the one behind
// Express's req.acceptsLanguages).
import Negotiator from "negotiator";
import { getEnv } from "~/utils/env.server.ts";
import { fallbackLocale, isLocale, locales, type Locale } from "./config.ts";

export const LOCALE_COOKIE = "ep_locale";
const LOCALE_COOKIE_SECONDS = 365 * 24 * 60 * 60;

/** Remembers the reader's choice for a year; a language is no secret, but scripts need not read it. */
export function localeCookie(locale: Locale): string {
  const parts = [`${LOCALE_COOKIE}=${locale}`, "Path=/", "HttpOnly", "SameSite=Lax"];
  parts.push(`Max-Age=${LOCALE_COOKIE_SECONDS}`);
  if (getEnv().NODE_ENV === "production") parts.push("Secure");
  return parts.join("; ");
}

export function readLocaleCookie(cookieHeader: string | null | undefined): Locale | null {
  for (const part of cookieHeader?.split(";") ?? []) {
    const [name, value] = part.trim().split("=");
    if (name === LOCALE_COOKIE && isLocale(value)) return value;
  }
  return null;
}

/** The locale for a page asked for without one: chosen here, the account's, or the browser's. */
export function preferredLocale(request: Request, user?: { locale: Locale } | null): Locale {
  return readLocaleCookie(request.headers.get("Cookie")) ?? user?.locale ?? detectLocale(request);
}

/** What the choice depends on, for caches. */
export const PREFERRED_LOCALE_VARY = "Cookie, Accept-Language";

export function detectLocale(request: Request): Locale {
  return localeFromAcceptLanguage(request.headers.get("Accept-Language"));
}

export function localeFromAcceptLanguage(acceptLanguage: string | null | undefined): Locale {
  // "*" would pick our first locale; a reader who accepts anything reads the fallback best.
  const header = acceptLanguage
    ?.split(",")
    .filter((range) => !range.trim().startsWith("*"))
    .join(",");
  if (!header?.trim()) return fallbackLocale;
  const locale = new Negotiator({ headers: { "accept-language": header } }).language([...locales]);
  return isLocale(locale) ? locale : fallbackLocale;
}
