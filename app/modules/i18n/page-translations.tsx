// The translations a document carries for the browser: a JSON script the server writes from the
// page's namespaces and the browser reads before it hydrates (entry.client.tsx), rendered again
// from the same text so hydration finds what the server sent.
import { createContext, useContext } from "react";
import type { Locale } from "./config.ts";

export type PageTranslations = { locale: Locale; resources: Record<string, Record<string, unknown>> };

export const pageTranslationsId = "page-translations";

const PageTranslationsText = createContext("");
export const PageTranslationsProvider = PageTranslationsText.Provider;

/** The JSON for the script, safe inside <script> (no "</script>" can end it early). */
export function pageTranslationsText(translations: PageTranslations): string {
  return JSON.stringify(translations).replace(/</g, "\\u003c");
}

export function readPageTranslations(): { text: string; translations: PageTranslations } {
  const text = document.getElementById(pageTranslationsId)?.textContent ?? "";
  return { text, translations: JSON.parse(text) as PageTranslations };
}

export function PageTranslationsScript() {
  const text = useContext(PageTranslationsText);
  return (
    <script type="application/json" id={pageTranslationsId} dangerouslySetInnerHTML={{ __html: text }} />
  );
}
