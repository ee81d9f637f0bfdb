// Which translation namespaces a page needs: "common" and what its routes name in their handle.
// The document carries only these, and a navigation loads the next page's before it shows it.
import { useMatches } from "@remix-run/react";
import { useNamespaces } from "./react.tsx";
import type { Namespace } from "./config.ts";

/** A route's `handle`: the namespaces its components and its answers' messages use. */
export type TranslatedHandle = { i18n: readonly Namespace[] };

export function pageNamespaces(handles: readonly unknown[]): Namespace[] {
  const found = new Set<Namespace>(["common"]);
  for (const handle of handles) {
    const named = (handle as Partial<TranslatedHandle> | undefined)?.i18n;
    if (named) for (const ns of named) found.add(ns);
  }
  return [...found];
}

/**
 * Loads the current page's namespaces. During a navigation this suspends until the next page's
 * are there; Remix navigates in a transition, so the old page stays until then. Error pages pass
 * `tolerant`: they show what they have rather than fail again on a namespace that did not load.
 */
export function usePageNamespaces(options: { tolerant?: boolean } = {}): void {
  const matches = useMatches();
  useNamespaces(pageNamespaces(matches.map((match) => match.handle)), options);
}
