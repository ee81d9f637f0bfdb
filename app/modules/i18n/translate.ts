// Translation helpers for places without React context (meta functions) and for error keys
// of the form "ns:key|max" that forms return.
import { useTranslation } from "react-i18next";

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

/** Translates an error key from a form answer, with its optional "|max" argument. */
export function useErrorText() {
  const { t } = useTranslation();
  return (key: string | undefined) => {
    if (!key) return undefined;
    const [name = key, max] = key.split("|");
    return t(name, { max });
  };
}
