// Translation helpers for places without React context (meta functions) and for the messages
// forms and pages answer with (a key and the values its text names).
import { useTranslation } from "react-i18next";
import type { Message } from "~/utils/forms.ts";

type Resources = Record<string, Record<string, unknown>>;

export function lookup(resources: Resources | undefined, key: string): string {
  const [ns = "common", path = ""] = key.includes(":") ? key.split(":") : ["common", key];
  let node: unknown = resources?.[ns];
  for (const part of path.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
  return typeof node === "string" ? node : key;
}

type RootMatch = { id: string; data?: unknown };

/** `<title>` text for meta functions: "Page – Euregio Partners". */
export function pageTitle(matches: RootMatch[], key: string): string {
  const root = matches.find((match) => match.id === "root")?.data as { resources?: Resources } | undefined;
  return `${lookup(root?.resources, key)} – ${lookup(root?.resources, "common:appName")}`;
}

/** Translates a message: a key alone, or a key with its values. */
export function useMessageText() {
  const { t } = useTranslation();
  return (message: Message | string | null | undefined) => {
    if (!message) return undefined;
    return typeof message === "string" ? t(message) : t(message.key, message.values);
  };
}
