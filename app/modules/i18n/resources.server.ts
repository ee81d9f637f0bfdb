// All translations, bundled into the server; the browser gets only its locale's client namespaces.
import deAuth from "../../../locales/de/auth.json";
import deCommon from "../../../locales/de/common.json";
import deHome from "../../../locales/de/home.json";
import deMail from "../../../locales/de/mail.json";
import enAuth from "../../../locales/en/auth.json";
import enCommon from "../../../locales/en/common.json";
import enHome from "../../../locales/en/home.json";
import enMail from "../../../locales/en/mail.json";
import nlAuth from "../../../locales/nl/auth.json";
import nlCommon from "../../../locales/nl/common.json";
import nlHome from "../../../locales/nl/home.json";
import nlMail from "../../../locales/nl/mail.json";
import { clientNamespaces, type Locale, type Namespace } from "./config.ts";

type NamespaceResources = Record<Namespace, Record<string, unknown>>;

export const resources: Record<Locale, NamespaceResources> = {
  nl: { common: nlCommon, auth: nlAuth, home: nlHome, mail: nlMail },
  de: { common: deCommon, auth: deAuth, home: deHome, mail: deMail },
  en: { common: enCommon, auth: enAuth, home: enHome, mail: enMail },
};

export function clientResources(locale: Locale) {
  return Object.fromEntries(clientNamespaces.map((ns) => [ns, resources[locale][ns]]));
}
