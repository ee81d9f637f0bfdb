// A suggestion's reasons in the reader's words: the scorer gives keys and taxonomy values, this
// names the values (topics, age groups, languages) in the reader's language and joins lists the
// way that language does ("Musik und Bildende Kunst", "muziek en beeldende kunst").
import type { TFunction } from "~/modules/i18n/catalog.ts";
import type { Locale } from "~/modules/i18n/config.ts";
import type { Reason } from "./score.ts";

/** Which taxonomy vocabulary names a reason's parameter. */
const vocabularies: Record<string, string> = {
  topics: "topic",
  activities: "activity",
  ages: "ageGroup",
  language: "language",
  mine: "language",
  theirs: "language",
};

/**
 * Topic and activity labels start with a capital to stand alone ("Muziek"); inside a Dutch or English
 * sentence they are common nouns ("werken aan muziek"). German writes nouns with a capital anyway.
 */
const common = new Set(["topic", "activity"]);

export function reasonText(t: TFunction, reason: Reason, locale: Locale): string {
  const label = (name: string, value: string) => {
    const vocabulary = vocabularies[name];
    if (!vocabulary) return value;
    const text = t(`taxonomy:${vocabulary}.${value}`);
    return locale !== "de" && common.has(vocabulary) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
  };
  const list = new Intl.ListFormat(locale, { type: "conjunction" });
  const values = Object.fromEntries(
    Object.entries(reason.values).map(([name, value]) => [
      name,
      typeof value === "number"
        ? new Intl.NumberFormat(locale).format(value)
        : typeof value === "string"
          ? label(name, value)
          : list.format(value.map((item) => label(name, item))),
    ]),
  );
  return t(reason.key, values);
}
