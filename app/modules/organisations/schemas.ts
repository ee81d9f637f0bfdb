// The organisation forms' Zod schemas: profile (create and edit), invitation, member actions.
import { z } from "zod";
import {
  countries,
  languageLevels,
  languages,
  organisationKinds,
  schoolLevels,
  sizeRanges,
  sports,
} from "~/modules/taxonomy/taxonomy.ts";
import { emailField, requiredText } from "~/utils/forms.ts";
import { DESCRIPTION_MAX, languageFieldName } from "./fields.ts";
import { readPoint, type Point } from "~/modules/places/points.ts";

const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: "common:validation.invalidChoice" });

/** An empty select or text field means "not given". */
const blankToUndefined = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

const optionalChoice = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess(blankToUndefined, choice(values).optional());

const optionalText = (max: number) =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ error: "common:validation.invalidValue" })
      .trim()
      .max(max, { error: "common:validation.tooLong" })
      .optional(),
  );

/**
 * `https://trusted.example@other.example` reads as one site and opens another, so a link with a user
 * name or password (even an empty one, "https://@host") is refused. `\` counts as `/`, as in browsers.
 * Zod runs this also after the URL check failed, which reports that case itself.
 */
function hasUserInfo(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  return url.username !== "" || url.password !== "" || /^[a-z]+:[/\\]*[^/\\?#]*@/i.test(value);
}

const website = z.preprocess(
  blankToUndefined,
  z
    .string({ error: "common:validation.invalidValue" })
    .trim()
    .max(300, { error: "common:validation.tooLong" })
    .pipe(z.url({ protocol: /^https?$/, hostname: z.regexes.domain, error: "organisations:errors.website" }))
    .refine((value) => !hasUserInfo(value), { error: "organisations:errors.website" })
    .optional(),
);

const languageFields = Object.fromEntries(
  languages.map((language) => [languageFieldName(language), optionalChoice(languageLevels)]),
) as Record<`level_${(typeof languages)[number]}`, ReturnType<typeof optionalChoice<typeof languageLevels>>>;

export const organisationSchema = z
  .object({
    kind: choice(organisationKinds),
    schoolLevel: optionalChoice(schoolLevels),
    sport: optionalChoice(sports),
    name: requiredText(120),
    country: choice(countries),
    municipalityCode: requiredText(20),
    address: optionalText(200),
    descriptionNl: optionalText(DESCRIPTION_MAX),
    descriptionDe: optionalText(DESCRIPTION_MAX),
    descriptionEn: optionalText(DESCRIPTION_MAX),
    sizeRange: optionalChoice(sizeRanges),
    website,
    removeLogo: z.preprocess((value) => value === "on" || value === "true", z.boolean()),
    // The pin picker's point; checked against the municipality's boundary by the service.
    lat: z.unknown().optional(),
    lon: z.unknown().optional(),
    ...languageFields,
  })
  .superRefine(
    (input, ctx) => {
      if (input.kind === "school" && !input.schoolLevel) {
        ctx.addIssue({ code: "custom", path: ["schoolLevel"], message: "common:validation.required" });
      }
      if (input.kind === "sports_club" && !input.sport) {
        ctx.addIssue({ code: "custom", path: ["sport"], message: "common:validation.required" });
      }
      if (!input.descriptionNl && !input.descriptionDe && !input.descriptionEn) {
        ctx.addIssue({
          code: "custom",
          path: ["descriptionNl"],
          message: "organisations:errors.descriptionRequired",
        });
      }
      if (readPoint(input.lat, input.lon) === "invalid") {
        ctx.addIssue({ code: "custom", path: ["location"], message: "organisations:errors.pointInvalid" });
      }
    },
    // Also when other fields are wrong, so the reader sees every missing part at once.
    { when: () => true },
  )
  .transform(({ removeLogo, lat, lon, ...input }) => ({
    kind: input.kind,
    schoolLevel: input.kind === "school" ? (input.schoolLevel ?? null) : null,
    sport: input.kind === "sports_club" ? (input.sport ?? null) : null,
    name: input.name,
    country: input.country,
    municipalityCode: input.municipalityCode,
    address: input.address ?? "",
    descriptionNl: input.descriptionNl ?? null,
    descriptionDe: input.descriptionDe ?? null,
    descriptionEn: input.descriptionEn ?? null,
    sizeRange: input.sizeRange ?? null,
    website: input.website ?? null,
    languages: languages.flatMap((language) => {
      const level = input[`level_${language}`];
      return level ? [{ language, level }] : [];
    }),
    /** Null when the form left the point empty: the municipality's centroid then. */
    point: readPoint(lat, lon) as Point | null,
    removeLogo,
  }));

export type OrganisationInput = z.output<typeof organisationSchema>;

export const inviteSchema = z.object({ email: emailField });

export const memberActionSchema = z.object({ userId: z.uuid({ error: "common:validation.invalidValue" }) });

export const verificationSchema = z.object({
  intent: z.enum(["verify", "suspend"], { error: "common:validation.invalidChoice" }),
});
