// The browse page's URL: filters, sort and cursor, checked with Zod; errors are translation keys.
import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding } from "@oslojs/encoding";
import { z } from "zod";
import {
  activityTypes,
  ageGroups,
  countries,
  languages,
  organisationKinds,
  topics,
} from "~/modules/taxonomy/taxonomy.ts";
import { entriesToObject, type ParseResult } from "~/utils/forms.ts";

export const pageSize = 20;
import { sorts, type Sort } from "./results.ts";
export const shows = ["requests", "organisations"] as const;

/** A gazetteer code: CBS "GM0268" or a German Gemeindeschlüssel "05154036". */
const municipalityCode = z.string().regex(/^(GM\d{4}|\d{8})$/, { error: "browse:errors.invalidValue" });

/** An empty form field means "no filter", so `?country=` is the same as no `country`. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  optional(z.enum(values, { error: "browse:errors.invalidValue" }));

/**
 * A row's date as pageOf writes it (toISOString), so it round-trips exactly: "2026-02-30", year 0000
 * or +275760 would reach PostgreSQL and fail there. Rows are dated by the app itself, well within these years.
 */
const dateKey = z.string().refine((value) => {
  const date = new Date(value);
  if (Number.isNaN(date.getTime()) || date.toISOString() !== value) return false;
  const year = date.getUTCFullYear();
  return year >= 2000 && year <= 2100;
});
/** ts_rank and word similarity: small non-negative numbers; the bound only keeps forgeries out. */
const rankKey = z.number().min(0).max(1e6);
/** Chord distance between two points of the earth in metres, at most its diameter (≈ 12,756 km). */
const distanceKey = z.number().min(0).max(13_000_000);
const id = z.uuid();

// The key's type follows the sort, so a forged cursor is refused here and never reaches the SQL casts.
// Relevance carries a date when it fell back to newest first (see countThenRows).
const cursorShape = z.discriminatedUnion("s", [
  z.strictObject({ s: z.literal("newest"), k: dateKey, i: id }),
  z.strictObject({ s: z.literal("relevance"), k: z.union([rankKey, dateKey]), i: id }),
  z.strictObject({ s: z.literal("distance"), k: distanceKey, i: id }),
]);
export type Cursor = z.infer<typeof cursorShape>;

/** Opaque to the reader: the sort key and id of the last result shown. */
export function encodeCursor(cursor: { s: Sort; k: number | string; i: string }): string {
  return encodeBase64urlNoPadding(new TextEncoder().encode(JSON.stringify(cursor)));
}

export function decodeCursor(text: string): Cursor | null {
  try {
    const json = new TextDecoder("utf-8", { fatal: true }).decode(decodeBase64urlIgnorePadding(text));
    const parsed = cursorShape.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The filters the browse page and the map share. */
export const filterShape = {
  show: choice(shows).transform((show) => show ?? "requests"),
  q: optional(z.string().trim().max(100, { error: "browse:errors.queryTooLong" })),
  country: choice(countries),
  kind: choice(organisationKinds),
  topic: choice(topics),
  activity: choice(activityTypes),
  age: choice(ageGroups),
  language: choice(languages),
  municipality: optional(municipalityCode),
  near: optional(municipalityCode),
  sort: choice(sorts),
};

type SortInput = { q?: string | undefined; near?: string | undefined; sort?: Sort | undefined };

/**
 * The sort a search uses: the chosen one, else nearest first with a place, best match with words.
 * "Nearest first" without a place cannot be done; rather than refuse the page, the search falls back
 * to the order it would have had, and `nearMissing` lets the page say why (the browse and map pages
 * first try the member's own municipality, see nearestFromOwnPlace).
 */
export function resolveSort(params: SortInput): { sort: Sort; nearMissing: boolean } {
  const fallback: Sort = params.near ? "distance" : params.q ? "relevance" : "newest";
  let sort: Sort = params.sort ?? fallback;
  const nearMissing = sort === "distance" && !params.near;
  if (nearMissing) sort = params.q ? "relevance" : "newest";
  // Without words there is nothing to rank by, so "best match" falls back to the newest.
  if (sort === "relevance" && !params.q) sort = "newest";
  return { sort, nearMissing };
}

export const unknownParameter = { error: "browse:errors.unknownParameter" } as const;

export const browseParamsSchema = z
  .strictObject({ ...filterShape, cursor: optional(z.string().max(300)) }, unknownParameter)
  .transform((params, context) => {
    const q = params.q || undefined;
    const { sort, nearMissing } = resolveSort({ ...params, q });
    let cursor: Cursor | undefined;
    if (params.cursor) {
      const decoded = decodeCursor(params.cursor);
      if (!decoded || decoded.s !== sort) {
        context.addIssue({ code: "custom", path: ["cursor"], message: "browse:errors.invalidCursor" });
      } else {
        cursor = decoded;
      }
    }
    return { ...params, q, sort, cursor, nearMissing };
  });

export type BrowseParams = z.output<typeof browseParamsSchema>;
export type SearchFilters = Omit<BrowseParams, "show" | "cursor" | "nearMissing">;

/** Reads a query string with a schema; a repeated or unknown parameter is an error, not a guess. */
export function parseSearchParams<T extends z.ZodType>(
  schema: T,
  searchParams: URLSearchParams,
): ParseResult<z.output<T>> {
  const result = schema.safeParse(entriesToObject(searchParams));
  if (result.success) return { ok: true, data: result.data };
  const fieldErrors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const field = issue.code === "unrecognized_keys" ? "form" : String(issue.path[0] ?? "form");
    fieldErrors[field] ??= /^(browse|map):/.test(issue.message)
      ? issue.message
      : "browse:errors.invalidValue";
  }
  return { ok: false, fieldErrors };
}

export function parseBrowseParams(searchParams: URLSearchParams): ParseResult<BrowseParams> {
  return parseSearchParams(browseParamsSchema, searchParams);
}

/** The query string for a search, without empty values, so shared links stay short. */
export function browseSearch(params: Partial<Record<keyof BrowseParams, string | undefined>>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `?${text}` : "";
}
