// The map's query strings: the browse page's filters plus the viewport. A bounding box is
// "west,south,east,north" in degrees, inside the Web Mercator world; zoom is MapLibre's.
import { z } from "zod";
import { locales } from "~/modules/i18n/config.ts";
import { filterShape, resolveSort, unknownParameter } from "~/modules/search/schemas.ts";

/** Web Mercator stops short of the poles. */
export const maxLatitude = 85.051129;
export const maxZoom = 22;

export type BBox = { west: number; south: number; east: number; north: number };

const bboxSchema = z.string().transform((text, context): BBox => {
  const parts = text.split(",");
  const numbers = parts.map((part) => (part.trim() === "" ? Number.NaN : Number(part)));
  const [west = NaN, south = NaN, east = NaN, north = NaN] = numbers;
  const valid =
    parts.length === 4 &&
    numbers.every(Number.isFinite) &&
    west >= -180 &&
    east <= 180 &&
    west <= east &&
    south >= -maxLatitude &&
    north <= maxLatitude &&
    south <= north;
  if (!valid) context.addIssue({ code: "custom", message: "map:errors.bbox" });
  return { west, south, east, north };
});

const zoomSchema = z
  .string()
  .regex(/^\d{1,2}(\.\d{1,6})?$/, { error: "map:errors.zoom" })
  .transform(Number)
  .pipe(z.number().max(maxZoom, { error: "map:errors.zoom" }));

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

/** The map itself sorts its list newest first or, from a place, nearest first; words do not rank it. */
function mapSort(params: Parameters<typeof resolveSort>[0]) {
  const { sort, nearMissing } = resolveSort(params);
  return { sort: sort === "relevance" ? ("newest" as const) : sort, nearMissing };
}

/** `/map/points`: the clusters and points of one viewport. */
export const pointsParamsSchema = z
  .strictObject(
    {
      ...filterShape,
      bbox: z.string({ error: "map:errors.bbox" }).pipe(bboxSchema),
      zoom: z.string({ error: "map:errors.zoom" }).pipe(zoomSchema),
      lang: optional(z.enum(locales)),
    },
    unknownParameter,
  )
  .transform((params) => {
    const q = params.q || undefined;
    return { ...params, q, sort: mapSort({ ...params, q }).sort };
  });
export type PointsParams = z.output<typeof pointsParamsSchema>;

const pageSchema = z.coerce
  .number({ error: "browse:errors.invalidValue" })
  .int({ error: "browse:errors.invalidValue" })
  .min(1, { error: "browse:errors.invalidValue" })
  .max(1000, { error: "browse:errors.invalidValue" });

/** The map page and `/map/items`: the list of one viewport (the whole Euregio without a bbox). */
export const listParamsSchema = z
  .strictObject(
    {
      ...filterShape,
      bbox: optional(bboxSchema),
      page: optional(pageSchema),
      lang: optional(z.enum(locales)),
    },
    unknownParameter,
  )
  .transform((params) => {
    const q = params.q || undefined;
    return { ...params, q, page: params.page ?? 1, ...mapSort({ ...params, q }) };
  });
export type ListParams = z.output<typeof listParamsSchema>;
