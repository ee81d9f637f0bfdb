// Translation helpers for places without React context (meta functions) and for the messages
// forms and pages answer with (a key and the values its text names).

import type { Message } from "~/utils/forms.ts";

import { isLocale } from "./config.ts";
import { useTranslation } from "./react.tsx";
import { catalogFor } from "./registry.ts";

type RootMatch = { id: string; data?: unknown };

/** For meta functions: the text of a key in the root loader's locale. */
export function metaText(matches: RootMatch[], key: string): string {
  const locale = (matches.find((match) => match.id === "root")?.data as { locale?: unknown } | undefined)
    ?.locale;
  const catalog = isLocale(locale) ? catalogFor(locale) : undefined;
  return catalog ? catalog.translate("common", key) : key;
}

/** `<title>` text for meta functions: "Page – Euregio Partners". */
export function pageTitle(matches: RootMatch[], key: string): string {
  return `${metaText(matches, key)} – ${metaText(matches, "common:appName")}`;
}

/** A public page's title and description, for search engines and link previews. */
export function pageMeta(matches: RootMatch[], titleKey: string, descriptionKey: string) {
  return [
    { title: pageTitle(matches, titleKey) },
    { name: "description", content: metaText(matches, descriptionKey) },
  ];
}

/** Translates a message: a key alone, or a key with its values. */
export function useMessageText() {
  const { t } = useTranslation();
  return (message: Message | string | null | undefined) => {
    if (!message) return undefined;
    return typeof message === "string" ? t(message) : t(message.key, message.values);
  };
}
