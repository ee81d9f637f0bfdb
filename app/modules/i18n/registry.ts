// The i18next instance of each locale this process renders with, for code outside React (meta
// functions). The server registers one per locale, the browser the one it hydrates with.
import type { i18n } from "i18next";
import type { Locale } from "./config.ts";

const instances = new Map<Locale, i18n>();

export function registerI18n(locale: Locale, instance: i18n): void {
  instances.set(locale, instance);
}

export function i18nFor(locale: Locale): i18n | undefined {
  return instances.get(locale);
}
