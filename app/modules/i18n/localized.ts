// Texts written in one or more of nl/de/en: the reader's language when present, otherwise another,
// marked with the language it is written in.
import { locales, type Locale } from "./config.ts";

export type LocalizedTexts = Partial<Record<Locale, string | null | undefined>>;

export function pickLocalized(
  texts: LocalizedTexts,
  reader: Locale,
): { text: string; lang: Locale; isFallback: boolean } | null {
  const order = [reader, ...locales.filter((locale) => locale !== reader)];
  for (const lang of order) {
    const text = texts[lang]?.trim();
    if (text) return { text, lang, isFallback: lang !== reader };
  }
  return null;
}
