// Municipality names in the reader's language (Kleve / Kleef, Nijmegen / Nimwegen), grouped by country.
import type { Locale } from "~/modules/i18n/config.ts";

export type MunicipalityNames = { name: string; nameNl: string | null; nameDe: string | null };

export function municipalityName(municipality: MunicipalityNames, locale: Locale): string {
  if (locale === "nl") return municipality.nameNl ?? municipality.name;
  if (locale === "de") return municipality.nameDe ?? municipality.name;
  return municipality.name;
}

export type MunicipalityOption = MunicipalityNames & { code: string; country: "NL" | "DE"; member: boolean };

export type MunicipalityGroup = {
  country: "NL" | "DE";
  /** The Euregio's own members, or the neighbours the gazetteer also holds. */
  member: boolean;
  options: { value: string; label: string }[];
};

/**
 * Options for a select: per country the Euregio's member municipalities first, then the places
 * around it, names sorted as the reader reads them (a group without places is left out).
 */
export function groupMunicipalities(
  municipalities: MunicipalityOption[],
  locale: Locale,
): MunicipalityGroup[] {
  return (["NL", "DE"] as const).flatMap((country) =>
    [true, false]
      .map((member) => ({
        country,
        member,
        options: municipalities
          .filter((municipality) => municipality.country === country && municipality.member === member)
          .map((municipality) => ({
            value: municipality.code,
            label: municipalityName(municipality, locale),
          }))
          .sort((a, b) => a.label.localeCompare(b.label, locale)),
      }))
      .filter((group) => group.options.length > 0),
  );
}
