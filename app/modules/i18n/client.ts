// Creates the i18next instance React renders with, from the resources the root loader sent.
import i18next, { type i18n } from "i18next";
import { initReactI18next } from "react-i18next";
import { clientNamespaces, fallbackLocale, type Locale } from "./config.ts";

export function createI18n(locale: Locale, resources: Record<string, Record<string, unknown>>): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: locale,
    fallbackLng: fallbackLocale,
    ns: [...clientNamespaces],
    defaultNS: "common",
    resources: { [locale]: resources },
    interpolation: { escapeValue: false },
    initImmediate: false,
    react: { useSuspense: false },
  });
  return instance;
}
