// Municipality names in the reader's language (Kleve / Kleef, Nijmegen / Nimwegen), grouped by country.
import type { Locale } from "~/modules/i18n/config.ts";

export type MunicipalityNames = { name: string; nameNl: string | null; nameDe: string | null };

export function municipalityName(municipality: MunicipalityNames, locale: Locale): string {
  if (locale === "nl") return municipality.nameNl ?? municipality.name;
  if (locale === "de") return municipality.nameDe ?? municipality.name;
  return municipality.name;
}

export type MunicipalityOption = MunicipalityNames & { code: string; country: "NL" | "DE" };

/** Options for a select: one group per country, names sorted as the reader reads them. */
export function groupMunicipalities(municipalities: MunicipalityOption[], locale: Locale) {
  return (["NL", "DE"] as const).map((country) => ({
    country,
    options: municipalities
      .filter((municipality) => municipality.country === country)
      .map((municipality) => ({ value: municipality.code, label: municipalityName(municipality, locale) }))
      .sort((a, b) => a.label.localeCompare(b.label, locale)),
  }));
}
