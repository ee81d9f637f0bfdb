// The server's i18next instances: one per locale with every namespace, made once and shared by all
// requests (they never change language). Server rendering uses them, and so do mail and the
// messages built outside React (getFixedT).
import i18next, { type i18n, type TFunction } from "i18next";
import { initReactI18next } from "react-i18next";
import { fallbackLocale, locales, namespaces, type Locale, type Namespace } from "./config.ts";
import { registerI18n } from "./registry.ts";
import { resources } from "./resources.server.ts";

function create(locale: Locale): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng: locale,
    fallbackLng: fallbackLocale,
    ns: [...namespaces],
    defaultNS: "common",
    resources,
    interpolation: { escapeValue: false },
    initImmediate: false,
    react: { useSuspense: false },
  });
  registerI18n(locale, instance);
  return instance;
}

const instances = Object.fromEntries(locales.map((locale) => [locale, create(locale)])) as Record<
  Locale,
  i18n
>;

export function renderI18n(locale: Locale): i18n {
  return instances[locale];
}

export function getFixedT(locale: Locale, ns: Namespace): TFunction {
  return instances[locale].getFixedT(locale, ns);
}
