// The browser's catalog: the namespaces the document carried, and the others loaded as their own
// chunks when a page needs them (usePageNamespaces). `mail` never reaches the browser.
import { Catalog, type Bundle } from "./catalog.ts";
import type { Namespace } from "./config.ts";
import type { PageTranslations } from "./page-translations.tsx";

const namespaceFiles = import.meta.glob<Bundle>(
  ["../../../locales/*/*.json", "!../../../locales/*/mail.json"],
  { import: "default" },
);

export function createClientCatalog({ locale, resources }: PageTranslations): Catalog {
  return new Catalog(locale, resources as Partial<Record<Namespace, Bundle>>, {
    load: (language, ns) => {
      const load = namespaceFiles[`../../../locales/${language}/${ns}.json`];
      return load ? load() : Promise.reject(new Error(`no translations for ${language}/${ns}`));
    },
  });
}
