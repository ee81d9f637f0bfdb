// All translations, bundled into the server; a document carries only its page's namespaces.
import deAuth from "../../../locales/de/auth.json";
import deBrowse from "../../../locales/de/browse.json";
import deCommon from "../../../locales/de/common.json";
import deHome from "../../../locales/de/home.json";
import deMail from "../../../locales/de/mail.json";
import deMap from "../../../locales/de/map.json";
import deMatching from "../../../locales/de/matching.json";
import deMessages from "../../../locales/de/messages.json";
import deNotifications from "../../../locales/de/notifications.json";
import deOrganisations from "../../../locales/de/organisations.json";
import deRequests from "../../../locales/de/requests.json";
import deSite from "../../../locales/de/site.json";
import deTaxonomy from "../../../locales/de/taxonomy.json";
import enAuth from "../../../locales/en/auth.json";
import enBrowse from "../../../locales/en/browse.json";
import enCommon from "../../../locales/en/common.json";
import enHome from "../../../locales/en/home.json";
import enMail from "../../../locales/en/mail.json";
import enMap from "../../../locales/en/map.json";
import enMatching from "../../../locales/en/matching.json";
import enMessages from "../../../locales/en/messages.json";
import enNotifications from "../../../locales/en/notifications.json";
import enOrganisations from "../../../locales/en/organisations.json";
import enRequests from "../../../locales/en/requests.json";
import enSite from "../../../locales/en/site.json";
import enTaxonomy from "../../../locales/en/taxonomy.json";
import nlAuth from "../../../locales/nl/auth.json";
import nlBrowse from "../../../locales/nl/browse.json";
import nlCommon from "../../../locales/nl/common.json";
import nlHome from "../../../locales/nl/home.json";
import nlMail from "../../../locales/nl/mail.json";
import nlMap from "../../../locales/nl/map.json";
import nlMatching from "../../../locales/nl/matching.json";
import nlMessages from "../../../locales/nl/messages.json";
import nlNotifications from "../../../locales/nl/notifications.json";
import nlOrganisations from "../../../locales/nl/organisations.json";
import nlRequests from "../../../locales/nl/requests.json";
import nlSite from "../../../locales/nl/site.json";
import nlTaxonomy from "../../../locales/nl/taxonomy.json";
import type { Locale, Namespace } from "./config.ts";

type NamespaceResources = Record<Namespace, Record<string, unknown>>;

export const resources: Record<Locale, NamespaceResources> = {
  nl: {
    common: nlCommon,
    auth: nlAuth,
    home: nlHome,
    organisations: nlOrganisations,
    requests: nlRequests,
    browse: nlBrowse,
    taxonomy: nlTaxonomy,
    map: nlMap,
    matching: nlMatching,
    notifications: nlNotifications,
    messages: nlMessages,
    site: nlSite,
    mail: nlMail,
  },
  de: {
    common: deCommon,
    auth: deAuth,
    home: deHome,
    organisations: deOrganisations,
    requests: deRequests,
    browse: deBrowse,
    taxonomy: deTaxonomy,
    map: deMap,
    matching: deMatching,
    notifications: deNotifications,
    messages: deMessages,
    site: deSite,
    mail: deMail,
  },
  en: {
    common: enCommon,
    auth: enAuth,
    home: enHome,
    organisations: enOrganisations,
    requests: enRequests,
    browse: enBrowse,
    taxonomy: enTaxonomy,
    map: enMap,
    matching: enMatching,
    notifications: enNotifications,
    messages: enMessages,
    site: enSite,
    mail: enMail,
  },
};

/** What a document carries for the browser: the given namespaces of one locale. */
export function pageResources(
  locale: Locale,
  ns: readonly Namespace[],
): Record<string, Record<string, unknown>> {
  return Object.fromEntries(ns.map((name) => [name, resources[locale][name]]));
}
