// Picks a locale for requests whose URL has none, from Accept-Language (remix-i18next's parser).
import { RemixI18Next } from "remix-i18next/server";
import { fallbackLocale, isLocale, locales, type Locale } from "./config.ts";

const detector = new RemixI18Next({
  detection: { supportedLanguages: [...locales], fallbackLanguage: fallbackLocale, order: ["header"] },
});

export async function detectLocale(request: Request): Promise<Locale> {
  const locale = await detector.getLocale(request);
  return isLocale(locale) ? locale : fallbackLocale;
}
