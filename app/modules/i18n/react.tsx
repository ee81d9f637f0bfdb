// Translations in React: the page's catalog in context, `useTranslation(ns)` for a `t` bound to a
// namespace (the same call shape as react-i18next's, which this replaces; ADR 0019), and
// `useNamespaces`, which suspends while a navigation's namespaces load.
import { createContext, useContext, type ReactNode } from "react";
import type { Catalog, TFunction } from "./catalog.ts";
import type { Locale, Namespace } from "./config.ts";

const CatalogContext = createContext<Catalog | null>(null);

export function I18nProvider({ catalog, children }: { catalog: Catalog; children: ReactNode }) {
  return <CatalogContext.Provider value={catalog}>{children}</CatalogContext.Provider>;
}

function useCatalog(): Catalog {
  const catalog = useContext(CatalogContext);
  if (!catalog) throw new Error("useTranslation needs an I18nProvider above it");
  return catalog;
}

export function useTranslation(ns: Namespace = "common"): { t: TFunction; i18n: { language: Locale } } {
  const catalog = useCatalog();
  return { t: catalog.fixedT(ns), i18n: { language: catalog.locale } };
}

/**
 * Suspends until the catalog has these namespaces. `tolerant` (for error pages) renders with what
 * is there when one could not be loaded, instead of throwing that error.
 */
export function useNamespaces(names: readonly Namespace[], options: { tolerant?: boolean } = {}): void {
  const catalog = useCatalog();
  let pending: Promise<void> | undefined;
  try {
    pending = catalog.load(names);
  } catch (error) {
    if (!options.tolerant) throw error;
  }
  // Suspense: React renders again once the promise settles.
  if (pending) throw pending;
}
