// Picks a locale for requests whose URL has none, from Accept-Language with its weights, so a
// reader whose first language we lack gets the next one we have ("fr, de;q=0.8" → de). The
// parsing is negotiator's (jshttp, the one behind Express's req.acceptsLanguages).
import Negotiator from "negotiator";
import { fallbackLocale, isLocale, locales, type Locale } from "./config.ts";

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
