// Locales, namespaces and locale-aware paths. The locale is the first path segment (/nl/…, /de/…, /en/…).
export const locales = ["nl", "de", "en"] as const;
export type Locale = (typeof locales)[number];
export const fallbackLocale: Locale = "en";

/** Namespaces sent to the browser; `mail` stays on the server. */
export const clientNamespaces = [
  "common",
  "auth",
  "home",
  "organisations",
  "requests",
  "browse",
  "taxonomy",
  "map",
  "matching",
  "notifications",
  "messages",
  "site",
] as const;
export const namespaces = [...clientNamespaces, "mail"] as const;
export type Namespace = (typeof namespaces)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (locales as readonly string[]).includes(value);
}

/** `/de/account` for ("de", "/account"). */
export function localePath(locale: Locale, path = "/"): string {
  const clean = path.startsWith("/") ? path : `/${path}`;
  return clean === "/" ? `/${locale}/` : `/${locale}${clean}`;
}

/** The language switch's link: remembers the choice, then opens the same page in that language. */
export function chooseLocalePath(pathname: string, search: string, locale: Locale): string {
  return `/language/${locale}?next=${encodeURIComponent(switchLocale(pathname, search, locale))}`;
}

/** The same page in another language: `/de/account?x=1` → `/nl/account?x=1`. */
export function switchLocale(pathname: string, search: string, locale: Locale): string {
  const [, first = "", ...rest] = pathname.split("/");
  const tail = isLocale(first) ? rest.join("/") : [first, ...rest].filter(Boolean).join("/");
  return `/${locale}/${tail}${search}`;
}
