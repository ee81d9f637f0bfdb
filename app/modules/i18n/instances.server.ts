// The server's catalogs: one per locale with every namespace, made once and shared by all requests
// (they never change language; English fills any gap). Server rendering uses them, and so do mail
// and the messages built outside React (getFixedT).
import { Catalog, type TFunction } from "./catalog.ts";
import { fallbackLocale, locales, type Locale, type Namespace } from "./config.ts";
import { registerCatalog } from "./registry.ts";
import { resources } from "./resources.server.ts";

const fallback = new Catalog(fallbackLocale, resources[fallbackLocale]);

const catalogs = Object.fromEntries(
  locales.map((locale) => {
    const catalog =
      locale === fallbackLocale ? fallback : new Catalog(locale, resources[locale], { fallback });
    registerCatalog(catalog);
    return [locale, catalog];
  }),
) as Record<Locale, Catalog>;

export function renderCatalog(locale: Locale): Catalog {
  return catalogs[locale];
}

export function getFixedT(locale: Locale, ns: Namespace): TFunction {
  return catalogs[locale].fixedT(ns);
}
