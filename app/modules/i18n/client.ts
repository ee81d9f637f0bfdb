// The browser's i18next instance: the namespaces the document carried, and the others loaded as
// their own chunks when a page needs them (usePageNamespaces). `mail` never reaches the browser.
import i18next, { type i18n } from "i18next";
import resourcesToBackend from "i18next-resources-to-backend";
import { initReactI18next } from "react-i18next";
import type { PageTranslations } from "./page-translations.tsx";

const namespaceFiles = import.meta.glob(["../../../locales/*/*.json", "!../../../locales/*/mail.json"]);

export function createClientI18n({ locale, resources }: PageTranslations): i18n {
  const instance = i18next.createInstance();
  void instance
    .use(initReactI18next)
    .use(
      resourcesToBackend((language: string, namespace: string) => {
        const load = namespaceFiles[`../../../locales/${language}/${namespace}.json`];
        if (!load) throw new Error(`no translations for ${language}/${namespace}`);
        return load();
      }),
    )
    .init({
      lng: locale,
      // Every key is in every locale (locales.test.ts): there is nothing to fall back to.
      fallbackLng: false,
      ns: Object.keys(resources),
      defaultNS: "common",
      resources: { [locale]: resources },
      partialBundledLanguages: true,
      interpolation: { escapeValue: false },
      initImmediate: false,
      react: { useSuspense: true },
    });
  return instance;
}
