import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { parseSubmission } from "~/utils/forms.ts";
import { requestSchema } from "./schemas.ts";

/** The submission as data, or each field's first message key (the values are checked where they matter). */
function parseForm<S extends z.ZodType>(schema: S, formData: FormData) {
  const submission = parseSubmission(formData, schema);
  if (submission.status === "success") return { ok: true as const, data: submission.value };
  const fieldErrors = Object.fromEntries(
    Object.entries(submission.error ?? {}).map(([field, messages]) => [field, messages?.[0]?.key]),
  );
  return { ok: false as const, fieldErrors, error: submission.error };
}

function form(entries: [string, string][]) {
  const data = new FormData();
  for (const [key, value] of entries) data.append(key, value);
  return data;
}

const valid: [string, string][] = [
  ["titleNl", "Uitwisseling groep 8"],
  ["descriptionNl", "Wij zoeken een Duitse basisschool."],
  ["activityTypes", "exchange_visit"],
  ["topics", "neighbour_language"],
  ["topics", "sport"],
  ["startsOn", "2027-03-01"],
  ["endsOn", "2027-06-30"],
  ["radiusKm", "40"],
  ["crossBorderOnly", "on"],
];

describe("partnership request form", () => {
  it("accepts a complete Dutch request and reads checkbox groups as lists", () => {
    const result = parseForm(requestSchema, form(valid));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.topics).toEqual(["neighbour_language", "sport"]);
    expect(result.data.activityTypes).toEqual(["exchange_visit"]);
    expect(result.data.titleDe).toBeNull();
    expect(result.data.crossBorderOnly).toBe(true);
    expect(result.data.flexible).toBe(false);
    expect(result.data.startsOn?.toISOString()).toBe("2027-03-01T00:00:00.000Z");
  });

  it("reports every problem at once, each as a translation key on its field", () => {
    const result = parseForm(
      requestSchema,
      form([
        ["topics", "astrology"],
        ["groupSizeMin", "30"],
        ["groupSizeMax", "10"],
        ["startsOn", "2027-06-30"],
        ["endsOn", "2027-03-01"],
        ["radiusKm", "900"],
      ]),
    );
    expect(result).toMatchObject({
      ok: false,
      fieldErrors: {
        texts: "requests:validation.oneLanguage",
        activityTypes: "requests:validation.activityRequired",
        topics: "common:validation.invalidChoice",
        groupSizeMax: "requests:validation.groupSizeOrder",
        endsOn: "requests:validation.endBeforeStart",
        radiusKm: "requests:validation.radius",
      },
    });
  });

  it("asks for the missing half of a title and description pair", () => {
    const result = parseForm(
      requestSchema,
      form([...valid, ["titleDe", "Austausch"], ["descriptionEn", "Only a description"]]),
    );
    expect(result.ok ? {} : result.fieldErrors).toEqual({
      descriptionDe: "requests:validation.descriptionMissing",
      titleEn: "requests:validation.titleMissing",
    });
  });

  it("limits lengths, group sizes and working languages", () => {
    const result = parseForm(
      requestSchema,
      form([
        ...valid.filter(([key]) => key !== "titleNl"),
        ["titleNl", "x".repeat(121)],
        ["groupSizeMin", "0"],
        ["workingLanguages", "fr"],
        ["partnerKinds", "pub"],
      ]),
    );
    expect(result.ok ? {} : result.fieldErrors).toEqual({
      titleNl: "common:validation.tooLong",
      groupSizeMin: "requests:validation.groupSize",
      workingLanguages: "common:validation.invalidChoice",
      partnerKinds: "common:validation.invalidChoice",
    });
    // The limit travels with the message, for "at most 120 characters".
    expect(result.ok ? null : result.error?.titleNl).toEqual([
      { key: "common:validation.tooLong", values: { max: 120 } },
    ]);
  });

  it("needs dates unless the timeframe is flexible, and drops dates when it is", () => {
    const undated = valid.filter(([key]) => key !== "startsOn" && key !== "endsOn");
    const missing = parseForm(requestSchema, form(undated));
    expect(missing.ok ? {} : missing.fieldErrors).toEqual({
      startsOn: "requests:validation.timeframeRequired",
      endsOn: "requests:validation.timeframeRequired",
    });
    const flexible = parseForm(requestSchema, form([...valid, ["flexible", "on"]]));
    expect(flexible.ok && flexible.data.startsOn).toBeUndefined();
    const badDate = parseForm(
      requestSchema,
      form([...undated, ["startsOn", "2027-02-30"], ["flexible", "on"]]),
    );
    expect(badDate.ok ? {} : badDate.fieldErrors).toEqual({ startsOn: "requests:validation.invalidDate" });
  });

  it("refuses dates outside the years 2000 to 2100, also in a flexible timeframe, and keeps the first and last day", () => {
    const undated = valid.filter(([key]) => key !== "startsOn" && key !== "endsOn");
    for (const [startsOn, endsOn] of [
      ["0000-01-01", "2027-06-30"],
      ["1999-12-31", "2027-06-30"],
      ["2027-03-01", "2101-01-01"],
      ["2027-03-01", "9999-12-31"],
    ] as const) {
      for (const flexible of [[], [["flexible", "on"]]] as [string, string][][]) {
        const result = parseForm(
          requestSchema,
          form([...undated, ["startsOn", startsOn], ["endsOn", endsOn], ...flexible]),
        );
        const field = startsOn < "2000" ? "startsOn" : "endsOn";
        expect(result.ok ? {} : result.fieldErrors, `${startsOn} ${endsOn}`).toEqual({
          [field]: "requests:validation.dateRange",
        });
      }
    }
    const edges = parseForm(
      requestSchema,
      form([...undated, ["startsOn", "2000-01-01"], ["endsOn", "2100-12-31"]]),
    );
    expect(edges.ok && [edges.data.startsOn?.toISOString(), edges.data.endsOn?.toISOString()]).toEqual([
      "2000-01-01T00:00:00.000Z",
      "2100-12-31T00:00:00.000Z",
    ]);
  });

  it("turns cross-border off only when the box is unticked", () => {
    const result = parseForm(requestSchema, form(valid.filter(([key]) => key !== "crossBorderOnly")));
    expect(result.ok && result.data.crossBorderOnly).toBe(false);
  });
});
