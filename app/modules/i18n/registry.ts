// The catalog of each locale this process renders with, for code outside React (meta functions).
// The server registers one per locale, the browser the one it hydrates with.
import type { Catalog } from "./catalog.ts";
import type { Locale } from "./config.ts";

const catalogs = new Map<Locale, Catalog>();

export function registerCatalog(catalog: Catalog): void {
  catalogs.set(catalog.locale, catalog);
}

export function catalogFor(locale: Locale): Catalog | undefined {
  return catalogs.get(locale);
}
