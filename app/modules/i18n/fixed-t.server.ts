// Server-side translation for mail and for messages built outside React.
import i18next, { type TFunction } from "i18next";
import { fallbackLocale, namespaces, type Locale, type Namespace } from "./config.ts";
import { resources } from "./resources.server.ts";

const instance = i18next.createInstance();
void instance.init({
  resources,
  ns: [...namespaces],
  fallbackLng: fallbackLocale,
  supportedLngs: ["nl", "de", "en"],
  interpolation: { escapeValue: false },
  initImmediate: false,
});

export function getFixedT(locale: Locale, ns: Namespace): TFunction {
  return instance.getFixedT(locale, ns);
}
