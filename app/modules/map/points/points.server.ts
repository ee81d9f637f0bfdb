// What the map shows of a viewport: the matching points grouped into clusters on a grid of screen
// cells (anchored to the world, so clusters stay put while the map pans), and the list beside the
// map, newest or nearest first. Filters are the browse page's; free text is matched by the search
// service once per words, then kept as a mask over the points' slots, and only the points a write
// added are matched again (see textMask).
import {
  activityTypes,
  ageGroups,
  languages,
  organisationKinds,
  topics,
  workingLanguages,
} from "~/modules/taxonomy/taxonomy.ts";
import type { SearchFilters } from "~/modules/search/schemas.ts";
import {
  matchingIds,
  requireMunicipalityFilter,
  similarNames,
  type SimilarNames,
} from "~/modules/search/service.server.ts";
import { AppError } from "~/utils/errors.ts";
import type { BBox } from "./params.ts";
import { mercatorX, mercatorY, pointSet, type Layer, type PointSet } from "./snapshot.server.ts";

export type PointFilters = Partial<
  Pick<SearchFilters, "q" | "country" | "kind" | "topic" | "activity" | "age" | "language" | "municipality">
>;

/** Tiles are 512 pixels wide in MapLibre; a cluster gathers the points of a cell this wide. */
const tileSize = 512;
const cellPixels = 48;
/** From this zoom on, only points at (nearly) the same place are grouped. */
export const clusterMaxZoom = 16;
const finestCellPixels = 2;
/** More cells than this and the grid gets coarser: the response stays small for any viewport. */
export const maxCells = 1200;
/** A viewport wider or taller than this many pixels is not a screen. */
const maxViewportPixels = 65_536;

/**
 * One cell: `[lon, lat, count, kind]`, where kind is the index into organisationKinds shared by
 * every point in it, or -1; a cell of more than one point adds the bounds of its points,
 * `[…, west, south, east, north]`, which a click zooms to.
 */
export type Cell =
  [number, number, number, number] | [number, number, number, number, number, number, number, number];

export type ViewportPoints = { version: string; zoom: number; total: number; cells: Cell[] };

/** Whether the point in this slot matches (every array of a set is indexed by slot, see columns.ts). */
type Match = (slot: number) => boolean;

const bit = (vocabulary: readonly string[], value: string) => 1 << vocabulary.indexOf(value);

/**
 * A search's matches over the slots of one generation of columns. Slots never change, so the bits
 * of the slots it covers stay right, and a newer set needs only its new slots matched: one query
 * by id for the rows a write touched, instead of the whole search again. For "similar" (names like
 * the words) the organisations found the first time are kept, and new rows are matched against
 * that answer (see matchingIds).
 */
type TextMask = {
  key: string;
  mask: Uint8Array;
  /** Slots below this have their bits. */
  covered: number;
  /** The last extension under way; each waits for the one before. */
  ready: Promise<void>;
  /** "similar" only: the organisations like the words, as first found. */
  names: SimilarNames | null;
};
const textMasks: TextMask[] = [];
const textMaskLimit = 32;

function grownMask(mask: Uint8Array, length: number): Uint8Array {
  if (length <= mask.length) return mask;
  const next = new Uint8Array(Math.max(length, mask.length * 2));
  next.set(mask);
  return next;
}

/** Matches the slots from `entry.covered` up to the set's, by one query over their ids. */
type TextMatch = "words" | "similar" | "corrected";

function extendMask(entry: TextMask, set: PointSet, q: string, match: TextMatch): Promise<void> {
  entry.ready = entry.ready.then(async () => {
    const from = entry.covered;
    const to = set.slots;
    if (to <= from) return;
    if (match === "similar") entry.names ??= await similarNames(q);
    const names = entry.names ?? undefined;
    // The whole search the first time; later only the new slots' rows.
    const found = await matchingIds(set.layer, q, match, {
      only: from === 0 ? undefined : set.ids.slice(from, to),
      names,
    });
    const mask = grownMask(entry.mask, to);
    mask.fill(0, from, to);
    if (from === 0) {
      // The newest slot of each id found; slots written meanwhile are matched by the next extension.
      for (const id of found) {
        const slot = set.position.get(id);
        if (slot !== undefined && slot < to) mask[slot] = 1;
      }
    } else {
      const matched = new Set(found);
      for (let slot = from; slot < to; slot++) if (matched.has(set.ids[slot]!)) mask[slot] = 1;
    }
    entry.mask = mask;
    entry.covered = to;
  });
  return entry.ready;
}

/** Which points the words (or names like them) match, remembered for the last few searches. */
async function textMask(set: PointSet, q: string, match: TextMatch): Promise<Uint8Array> {
  const key = `${set.layer}:${set.generation}:${match}:${q}`;
  let entry = textMasks.find((candidate) => candidate.key === key);
  if (!entry) {
    entry = { key, mask: new Uint8Array(set.slots), covered: 0, ready: Promise.resolve(), names: null };
    textMasks.unshift(entry);
    textMasks.length = Math.min(textMasks.length, textMaskLimit);
  }
  const found = entry;
  try {
    await extendMask(found, set, q, match);
  } catch (error) {
    const index = textMasks.indexOf(found);
    if (index >= 0) textMasks.splice(index, 1);
    throw error;
  }
  return found.mask;
}

const every =
  (tests: Match[]): Match =>
  (index) =>
    tests.every((test) => test(index));

function anyMatch(set: PointSet, match: Match): boolean {
  for (let index = 0; index < set.size; index++) if (match(set.order[index]!)) return true;
  return false;
}

/** A test for every filter given, or null when nothing can match. */
async function matcher(set: PointSet, filters: PointFilters): Promise<Match | null> {
  await requireMunicipalityFilter(filters.municipality);
  const tests: Match[] = [];
  if (filters.country) {
    const country = filters.country === "DE" ? 1 : 0;
    tests.push((index) => set.country[index] === country);
  }
  if (filters.kind) {
    const kind = organisationKinds.indexOf(filters.kind);
    tests.push((index) => set.kind[index] === kind);
  }
  if (filters.municipality) {
    const municipality = set.municipalities.indexOf(filters.municipality);
    if (municipality < 0) return null;
    tests.push((index) => set.municipality[index] === municipality);
  }
  const masks: [Uint32Array, number][] = [];
  if (filters.topic) masks.push([set.topics, bit(topics, filters.topic)]);
  if (filters.activity) masks.push([set.activities, bit(activityTypes, filters.activity)]);
  if (filters.age) masks.push([set.ages, bit(ageGroups, filters.age)]);
  if (filters.language) {
    // Requests are written in nl, de or en only: another language cannot match.
    if (set.layer === "requests" && !(workingLanguages as readonly string[]).includes(filters.language)) {
      return null;
    }
    masks.push([set.languages, bit(languages, filters.language)]);
  }
  for (const [values, flag] of masks) tests.push((index) => (values[index]! & flag) !== 0);
  const requests = set.requests;
  const requestMasks: [Uint32Array, number][] = [];
  if (requests && filters.topic) requestMasks.push([requests.topics, bit(topics, filters.topic)]);
  if (requests && filters.activity)
    requestMasks.push([requests.activities, bit(activityTypes, filters.activity)]);
  if (requests && filters.age) requestMasks.push([requests.ages, bit(ageGroups, filters.age)]);
  if (requests && requestMasks.length > 1) {
    // An organisation matches several request filters with one request that has them all.
    tests.push((index) => {
      for (let request = requests.start[index]!; request < requests.end[index]!; request++) {
        if (requestMasks.every(([values, flag]) => (values[request]! & flag) !== 0)) return true;
      }
      return false;
    });
  }
  if (!filters.q) return every(tests);
  // As the browse search: the words first; names like them only when the words find nothing
  // anywhere under the other filters (a typo such as "Nijmgen"), then the words corrected to the
  // taxonomy's labels ("Hocky" → "Hockey").
  const words = await textMask(set, filters.q, "words");
  const byWords = every([...tests, (index) => words[index] === 1]);
  if (anyMatch(set, byWords)) return byWords;
  const similar = await textMask(set, filters.q, "similar");
  const bySimilar = every([...tests, (index) => similar[index] === 1]);
  if (anyMatch(set, bySimilar)) return bySimilar;
  const corrected = await textMask(set, filters.q, "corrected");
  return every([...tests, (index) => corrected[index] === 1]);
}

type Window = { x0: number; x1: number; y0: number; y1: number };

function mercatorWindow(bbox: BBox): Window {
  return {
    x0: mercatorX(bbox.west),
    x1: mercatorX(bbox.east),
    y0: mercatorY(bbox.north),
    y1: mercatorY(bbox.south),
  };
}

/** The slots of the matching points inside the window, in the set's (newest first) order. */
function pointsIn(set: PointSet, window: Window | null, match: Match): Uint32Array {
  const found = new Uint32Array(set.size);
  let count = 0;
  const { x, y, order } = set;
  for (let position = 0; position < set.size; position++) {
    const index = order[position]!;
    if (window) {
      const px = x[index]!;
      const py = y[index]!;
      if (px < window.x0 || px > window.x1 || py < window.y0 || py > window.y1) continue;
    }
    if (match(index)) found[count++] = index;
  }
  return found.subarray(0, count);
}

const round = (value: number) => Math.round(value * 1e5) / 1e5;

/** Groups points into square cells `pixels` wide at this zoom; null when there would be too many. */
function gridCells(set: PointSet, points: Uint32Array, window: Window, scale: number): Cell[] | null {
  const column0 = Math.floor(window.x0 * scale);
  const row0 = Math.floor(window.y0 * scale);
  const rows = Math.floor(window.y1 * scale) - row0 + 1;
  const cellOf = new Map<number, number>();
  const count: number[] = [];
  const sumLon: number[] = [];
  const sumLat: number[] = [];
  const bounds: number[][] = [];
  const kind: number[] = [];
  for (const index of points) {
    const key =
      (Math.floor(set.x[index]! * scale) - column0) * rows + (Math.floor(set.y[index]! * scale) - row0);
    const lon = set.lon[index]!;
    const lat = set.lat[index]!;
    let cell = cellOf.get(key);
    if (cell === undefined) {
      if (cellOf.size === maxCells) return null;
      cell = count.length;
      cellOf.set(key, cell);
      count.push(1);
      sumLon.push(lon);
      sumLat.push(lat);
      bounds.push([lon, lat, lon, lat]);
      kind.push(set.kind[index]!);
      continue;
    }
    count[cell]!++;
    sumLon[cell]! += lon;
    sumLat[cell]! += lat;
    const box = bounds[cell]!;
    if (lon < box[0]!) box[0] = lon;
    if (lat < box[1]!) box[1] = lat;
    if (lon > box[2]!) box[2] = lon;
    if (lat > box[3]!) box[3] = lat;
    if (kind[cell] !== set.kind[index]) kind[cell] = -1;
  }
  return count.map((n, cell): Cell => {
    const head: [number, number, number, number] = [
      round(sumLon[cell]! / n),
      round(sumLat[cell]! / n),
      n,
      kind[cell]!,
    ];
    if (n === 1) return head;
    const [west, south, east, north] = bounds[cell]!.map(round) as [number, number, number, number];
    return [...head, west, south, east, north];
  });
}

export function viewportTooLarge(bbox: BBox, zoom: number): boolean {
  const window = mercatorWindow(bbox);
  const worldPixels = tileSize * 2 ** zoom;
  return (
    (window.x1 - window.x0) * worldPixels > maxViewportPixels ||
    (window.y1 - window.y0) * worldPixels > maxViewportPixels
  );
}

/** The clusters and single points of a viewport. */
export async function viewportPoints(
  layer: Layer,
  filters: PointFilters,
  bbox: BBox,
  zoom: number,
): Promise<ViewportPoints> {
  if (viewportTooLarge(bbox, zoom)) {
    throw new AppError(400, "map:errors.viewportTooLarge", { bbox: "map:errors.viewportTooLarge" });
  }
  const set = await pointSet(layer);
  const match = await matcher(set, filters);
  const version = String(set.version);
  const level = Math.floor(zoom);
  if (!match) return { version, zoom: level, total: 0, cells: [] };
  const window = mercatorWindow(bbox);
  const points = pointsIn(set, window, match);
  let pixels = level >= clusterMaxZoom ? finestCellPixels : cellPixels;
  for (;;) {
    const cells = gridCells(set, points, window, (tileSize * 2 ** level) / pixels);
    if (cells) return { version, zoom: level, total: points.length, cells };
    pixels *= 2;
  }
}

export type ViewportList = { total: number; ids: string[] };

const earthRadius = 6_371_008.8;

function metresBetween(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const toRadians = Math.PI / 180;
  const dLat = (lat2 - lat1) * toRadians;
  const dLon = (lon2 - lon1) * toRadians;
  const a =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(lat1 * toRadians) * Math.cos(lat2 * toRadians) * Math.sin(dLon / 2) ** 2;
  return 2 * earthRadius * Math.asin(Math.sqrt(a));
}

/** The k-th smallest value (0-based) of the array, which is reordered (quickselect). */
function kthSmallest(values: Float64Array, k: number): number {
  let low = 0;
  let high = values.length - 1;
  while (low < high) {
    const pivot = values[(low + high) >> 1]!;
    let i = low;
    let j = high;
    while (i <= j) {
      while (values[i]! < pivot) i++;
      while (values[j]! > pivot) j--;
      if (i <= j) {
        const swap = values[i]!;
        values[i++] = values[j]!;
        values[j--] = swap;
      }
    }
    if (k <= j) high = j;
    else if (k >= i) low = i;
    else return values[k]!;
  }
  return values[k]!;
}

/**
 * The first `count` points nearest to `center`, in order: only the points up to the count-th
 * distance are sorted (found by quickselect), not every point in the viewport. The set's order
 * breaks ties, so pages follow on from each other.
 */
function nearestFirst(
  set: PointSet,
  points: Uint32Array,
  center: { lat: number; lon: number },
  count: number,
): number[] {
  const distances = new Float64Array(points.length);
  points.forEach((index, position) => {
    distances[position] = metresBetween(center.lat, center.lon, set.lat[index]!, set.lon[index]!);
  });
  const limit = count < points.length ? kthSmallest(Float64Array.from(distances), count - 1) : Infinity;
  const near: number[] = [];
  points.forEach((_, position) => {
    if (distances[position]! <= limit) near.push(position);
  });
  // Ties by position in `points`, which is the set's order.
  near.sort((a, b) => distances[a]! - distances[b]! || a - b);
  return near.map((position) => points[position]!);
}

/**
 * One page of the matching points in the viewport (the whole map without one): newest first, or
 * nearest to a municipality first. Returns the ids; the caller reads their details.
 */
export async function viewportList(
  layer: Layer,
  filters: PointFilters,
  bbox: BBox | null,
  options: { page: number; pageSize: number; near?: { lat: number; lon: number } | null },
): Promise<ViewportList> {
  const set = await pointSet(layer);
  const match = await matcher(set, filters);
  if (!match) return { total: 0, ids: [] };
  let points: ArrayLike<number> = pointsIn(set, bbox ? mercatorWindow(bbox) : null, match);
  if (options.near) {
    points = nearestFirst(set, points as Uint32Array, options.near, options.page * options.pageSize);
  }
  const start = (options.page - 1) * options.pageSize;
  const ids: string[] = [];
  for (let position = start; position < Math.min(points.length, start + options.pageSize); position++) {
    ids.push(set.ids[points[position]!]!);
  }
  return { total: points.length, ids };
}
