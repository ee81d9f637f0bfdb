// The partnership request form's Zod schema: texts in nl/de/en (at least one full pair), taxonomy
// keys only, group size, timeframe, radius. Messages are translation keys.
import { z } from "zod";
import { locales } from "~/modules/i18n/config.ts";
import {
  activityTypes,
  ageGroups,
  organisationKinds,
  topics,
  workingLanguages,
} from "~/modules/taxonomy/taxonomy.ts";

import {
  DATE_YEAR_MAX,
  DATE_YEAR_MIN,
  DESCRIPTION_MAX,
  descriptionField,
  GROUP_SIZE_MAX,
  GROUP_SIZE_MIN,
  RADIUS_DEFAULT,
  RADIUS_MAX,
  RADIUS_MIN,
  TITLE_MAX,
  titleField,
} from "./fields.ts";

/** Empty text means "not written in this language". */
const optionalText = (max: number) =>
  z
    .string({ error: "common:validation.invalidValue" })
    .trim()
    .max(max, { error: "common:validation.tooLong" })
    .optional()
    .transform((value) => (value ? value : null));

/** A checkbox group: one value arrives as a string, several as an array, none as nothing. */
const keyList = <const T extends readonly [string, ...string[]]>(keys: T, requiredKey?: string) => {
  const list = z.array(z.enum(keys, { error: "common:validation.invalidChoice" }));
  return z
    .preprocess(
      (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
      requiredKey ? list.min(1, { error: requiredKey }) : list,
    )
    .transform((values) => [...new Set(values)]);
};

const optionalInt = (min: number, max: number, error: string) =>
  z.preprocess(
    (value) => (value === "" || value === undefined ? undefined : value),
    z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error }).optional(),
  );

const optionalDate = z.preprocess(
  (value) => (value === "" || value === undefined ? undefined : value),
  z
    .string({ error: "requests:validation.invalidDate" })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "requests:validation.invalidDate" })
    // Round-trips, so 30 February is refused rather than read as 2 March.
    .refine((value) => new Date(Date.parse(`${value}T00:00:00Z`) || 0).toISOString().startsWith(value), {
      error: "requests:validation.invalidDate",
    })
    .refine(
      (value) => {
        const year = Number(value.slice(0, 4));
        return year >= DATE_YEAR_MIN && year <= DATE_YEAR_MAX;
      },
      { error: "requests:validation.dateRange" },
    )
    .transform((value) => new Date(`${value}T00:00:00Z`))
    .optional(),
);

const checkbox = z.preprocess((value) => value !== undefined && value !== "", z.boolean());

export const requestSchema = z
  .object({
    titleNl: optionalText(TITLE_MAX),
    titleDe: optionalText(TITLE_MAX),
    titleEn: optionalText(TITLE_MAX),
    descriptionNl: optionalText(DESCRIPTION_MAX),
    descriptionDe: optionalText(DESCRIPTION_MAX),
    descriptionEn: optionalText(DESCRIPTION_MAX),
    activityTypes: keyList(activityTypes, "requests:validation.activityRequired"),
    topics: keyList(topics, "requests:validation.topicRequired"),
    ageGroups: keyList(ageGroups),
    partnerKinds: keyList(organisationKinds),
    workingLanguages: keyList(workingLanguages),
    groupSizeMin: optionalInt(GROUP_SIZE_MIN, GROUP_SIZE_MAX, "requests:validation.groupSize"),
    groupSizeMax: optionalInt(GROUP_SIZE_MIN, GROUP_SIZE_MAX, "requests:validation.groupSize"),
    startsOn: optionalDate,
    endsOn: optionalDate,
    flexible: checkbox,
    radiusKm: z.preprocess(
      (value) => (value === "" || value === undefined ? RADIUS_DEFAULT : value),
      z.coerce
        .number({ error: "requests:validation.radius" })
        .int({ error: "requests:validation.radius" })
        .min(RADIUS_MIN, { error: "requests:validation.radius" })
        .max(RADIUS_MAX, { error: "requests:validation.radius" }),
    ),
    crossBorderOnly: checkbox,
  })
  .superRefine(
    (input, ctx) => {
      // Runs even when single fields failed, so the reader sees every problem at once.
      const texts = input as Partial<Record<string, unknown>>;
      let complete = 0;
      for (const locale of locales) {
        const title = texts[titleField(locale)];
        const description = texts[descriptionField(locale)];
        if (title && description) complete++;
        else if (title) {
          ctx.addIssue({
            code: "custom",
            path: [descriptionField(locale)],
            message: "requests:validation.descriptionMissing",
          });
        } else if (description) {
          ctx.addIssue({
            code: "custom",
            path: [titleField(locale)],
            message: "requests:validation.titleMissing",
          });
        }
      }
      if (complete === 0) {
        ctx.addIssue({ code: "custom", path: ["texts"], message: "requests:validation.oneLanguage" });
      }
      const { groupSizeMin, groupSizeMax, startsOn, endsOn, flexible } = input;
      if (
        typeof groupSizeMin === "number" &&
        typeof groupSizeMax === "number" &&
        groupSizeMin > groupSizeMax
      ) {
        ctx.addIssue({
          code: "custom",
          path: ["groupSizeMax"],
          message: "requests:validation.groupSizeOrder",
        });
      }
      if (flexible !== true) {
        if (!(startsOn instanceof Date)) {
          ctx.addIssue({
            code: "custom",
            path: ["startsOn"],
            message: "requests:validation.timeframeRequired",
          });
        }
        if (!(endsOn instanceof Date)) {
          ctx.addIssue({
            code: "custom",
            path: ["endsOn"],
            message: "requests:validation.timeframeRequired",
          });
        }
        if (startsOn instanceof Date && endsOn instanceof Date && startsOn > endsOn) {
          ctx.addIssue({ code: "custom", path: ["endsOn"], message: "requests:validation.endBeforeStart" });
        }
      }
    },
    { when: () => true },
  )
  .transform((input) =>
    // A flexible timeframe has no dates.
    input.flexible ? { ...input, startsOn: undefined, endsOn: undefined } : input,
  );

export type RequestInput = z.output<typeof requestSchema>;

/** Which button was pressed on the new-request form. */
export const submitIntentSchema = z.enum(["draft", "publish"], { error: "common:validation.invalidChoice" });
