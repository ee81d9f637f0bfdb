// The map's points in typed arrays, as slots that are written once and never changed: a write to a
// point appends a new slot and drops the old one from the order, so a set that a request is still
// reading stays valid while the next version is made beside it, and a change costs the points it
// touches plus one pass over the order (see docs/decisions/0023-map-incremental-updates.md).
// Pure: the SQL that fills it is in snapshot.server.ts.
import {
  activityTypes,
  ageGroups,
  languages,
  organisationKinds,
  topics,
} from "~/modules/taxonomy/taxonomy.ts";

export type Layer = "requests" | "organisations";

/** One point as read from its line of text (see snapshot.server.ts for the fields). */
export type Point = {
  id: string;
  /** Milliseconds since 1970: the newest-first key. */
  sortedAt: number;
  lon: number;
  lat: number;
  kind: number;
  country: number;
  municipality: string;
  topics: number;
  activities: number;
  ages: number;
  languages: number;
  /** Organisations only: topics, activities and ages of each open request. */
  requests: [number, number, number][];
};

type Float = "sortedAt" | "lon" | "lat" | "x" | "y";
type Small = "kind" | "country";
type Mask = "topics" | "activities" | "ages" | "languages";
type RequestMask = "requestTopics" | "requestActivities" | "requestAges";

/** The storage of one layer; a new generation starts with every full load and compaction. */
export type Columns = Record<Float, Float64Array> &
  Record<Small, Uint8Array> &
  Record<Mask, Uint32Array> &
  Record<RequestMask, Uint32Array> & {
    generation: number;
    /** Slots written so far. */
    count: number;
    ids: string[];
    /** Index into `municipalities`. */
    municipality: Uint16Array;
    municipalities: string[];
    municipalityIndex: Map<string, number>;
    /** Each slot's open requests: requestStart[slot] up to requestEnd[slot] - 1 in the request masks. */
    requestStart: Uint32Array;
    requestEnd: Uint32Array;
    requestCount: number;
    /** The newest slot of each id in the newest set. */
    position: Map<string, number>;
  };

export type PointSet = {
  layer: Layer;
  version: bigint;
  generation: number;
  /** Slots written when this set was made; its order names none beyond. */
  slots: number;
  size: number;
  /** The set's points as slots, newest first: every other array here is indexed by slot. */
  order: Uint32Array;
  ids: string[];
  /** The newest slot of an id (in the newest set: a set may be outdated by the time it is read). */
  position: Map<string, number>;
  lon: Float64Array;
  lat: Float64Array;
  /** Web Mercator, 0..1 from west to east and from north to south. */
  x: Float64Array;
  y: Float64Array;
  /** Index into organisationKinds. */
  kind: Uint8Array;
  /** 0 for NL, 1 for DE. */
  country: Uint8Array;
  /** Index into `municipalities`. */
  municipality: Uint16Array;
  municipalities: string[];
  /** Bit masks over the taxonomy lists; an organisation has the bits of its open requests. */
  topics: Uint32Array;
  activities: Uint32Array;
  ages: Uint32Array;
  /** Working languages of a request, languages spoken by an organisation. */
  languages: Uint32Array;
  /**
   * Organisations only: the masks of each open request, those of slot s from start[s] to
   * end[s] - 1, since several request filters must hold for one and the same request, as on the
   * browse page.
   */
  requests: {
    start: Uint32Array;
    end: Uint32Array;
    topics: Uint32Array;
    activities: Uint32Array;
    ages: Uint32Array;
  } | null;
  columns: Columns;
};

export function mercatorX(lon: number): number {
  return (lon + 180) / 360;
}

export function mercatorY(lat: number): number {
  const sin = Math.sin((lat * Math.PI) / 180);
  return 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
}

function bits(vocabulary: readonly string[]): (values: string) => number {
  const bit = new Map(vocabulary.map((value, index) => [value, 1 << index]));
  return (values) => {
    let mask = 0;
    if (values) for (const value of values.split("|")) mask |= bit.get(value) ?? 0;
    return mask;
  };
}

const topicBits = bits(topics);
const activityBits = bits(activityTypes);
const ageBits = bits(ageGroups);
const languageBits = bits(languages);
const kindIndex = new Map(organisationKinds.map((kind, index) => [kind as string, index]));

/**
 * One line of the load's text: id, lat, lon, kind, country, municipality code, topics, activities,
 * ages, languages (values joined by "|"), the sort key in milliseconds, and for organisations each
 * open request as "topics/activities/ages", joined by ";".
 */
export function parseLine(line: string): Point {
  const [
    id = "",
    lat,
    lon,
    kind = "",
    country,
    municipality = "",
    topicList = "",
    activityList = "",
    ageList = "",
    languageList = "",
    sortedAt,
    requestList = "",
  ] = line.split(",");
  return {
    id,
    sortedAt: Number(sortedAt),
    lon: Number(lon),
    lat: Number(lat),
    kind: kindIndex.get(kind) ?? 0,
    country: country === "DE" ? 1 : 0,
    municipality,
    topics: topicBits(topicList),
    activities: activityBits(activityList),
    ages: ageBits(ageList),
    languages: languageBits(languageList),
    requests: requestList
      ? requestList.split(";").map((request) => {
          const [topicValues = "", activityValues = "", ageValues = ""] = request.split("/");
          return [topicBits(topicValues), activityBits(activityValues), ageBits(ageValues)];
        })
      : [],
  };
}

/** How long one slice of parsing may hold the event loop before it lets other work run. */
const sliceMilliseconds = 8;
const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Each line of the text as a point, in slices of at most sliceMilliseconds; `around` is told
 * when a slice ends and the next begins (to time the slices without the waits between them).
 */
export async function parseLines(
  text: string,
  each: (point: Point) => void,
  around?: { stop: () => void; start: () => void },
): Promise<void> {
  let sliceStart = performance.now();
  let start = 0;
  let lines = 0;
  while (start < text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    each(parseLine(text.slice(start, end)));
    start = end + 1;
    if (++lines % 256 === 0 && performance.now() - sliceStart > sliceMilliseconds) {
      around?.stop();
      await yieldToLoop();
      around?.start();
      sliceStart = performance.now();
    }
  }
}

let generations = 0;

export function emptyColumns(capacity = 1024, requestCapacity = capacity): Columns {
  return {
    generation: ++generations,
    count: 0,
    ids: [],
    sortedAt: new Float64Array(capacity),
    lon: new Float64Array(capacity),
    lat: new Float64Array(capacity),
    x: new Float64Array(capacity),
    y: new Float64Array(capacity),
    kind: new Uint8Array(capacity),
    country: new Uint8Array(capacity),
    municipality: new Uint16Array(capacity),
    municipalities: [],
    municipalityIndex: new Map(),
    topics: new Uint32Array(capacity),
    activities: new Uint32Array(capacity),
    ages: new Uint32Array(capacity),
    languages: new Uint32Array(capacity),
    requestStart: new Uint32Array(capacity),
    requestEnd: new Uint32Array(capacity),
    requestCount: 0,
    requestTopics: new Uint32Array(requestCapacity),
    requestActivities: new Uint32Array(requestCapacity),
    requestAges: new Uint32Array(requestCapacity),
    position: new Map(),
  };
}

/** A copy twice as long (at least `needed`): sets made before keep the old array, which stays as it was. */
function grown<T extends Float64Array | Uint32Array | Uint16Array | Uint8Array>(array: T, needed: number): T {
  if (needed <= array.length) return array;
  const next = new (array.constructor as new (length: number) => T)(Math.max(needed, array.length * 2));
  next.set(array);
  return next;
}

const slotArrays = [
  "sortedAt",
  "lon",
  "lat",
  "x",
  "y",
  "kind",
  "country",
  "municipality",
  "topics",
  "activities",
  "ages",
  "languages",
  "requestStart",
  "requestEnd",
] as const;
const requestArrays = ["requestTopics", "requestActivities", "requestAges"] as const;

/** Writes the point into a new slot and makes it the id's newest; returns the slot. */
export function writeSlot(columns: Columns, point: Point): number {
  const slot = columns.count;
  if (slot >= columns.lon.length) {
    const arrays = columns as Record<
      (typeof slotArrays)[number],
      Float64Array | Uint32Array | Uint16Array | Uint8Array
    >;
    for (const name of slotArrays) arrays[name] = grown(arrays[name], slot + 1);
  }
  const requestsEnd = columns.requestCount + point.requests.length;
  if (requestsEnd > columns.requestTopics.length) {
    for (const name of requestArrays) columns[name] = grown(columns[name], requestsEnd);
  }
  columns.ids[slot] = point.id;
  columns.sortedAt[slot] = point.sortedAt;
  columns.lon[slot] = point.lon;
  columns.lat[slot] = point.lat;
  columns.x[slot] = mercatorX(point.lon);
  columns.y[slot] = mercatorY(point.lat);
  columns.kind[slot] = point.kind;
  columns.country[slot] = point.country;
  let municipality = columns.municipalityIndex.get(point.municipality);
  if (municipality === undefined) {
    municipality = columns.municipalities.push(point.municipality) - 1;
    columns.municipalityIndex.set(point.municipality, municipality);
  }
  columns.municipality[slot] = municipality;
  columns.topics[slot] = point.topics;
  columns.activities[slot] = point.activities;
  columns.ages[slot] = point.ages;
  columns.languages[slot] = point.languages;
  columns.requestStart[slot] = columns.requestCount;
  for (const [topicMask, activityMask, ageMask] of point.requests) {
    const request = columns.requestCount++;
    columns.requestTopics[request] = topicMask;
    columns.requestActivities[request] = activityMask;
    columns.requestAges[request] = ageMask;
  }
  columns.requestEnd[slot] = columns.requestCount;
  columns.count = slot + 1;
  columns.position.set(point.id, slot);
  return slot;
}

/** The point in a slot, as parseLine would have read it. */
export function readSlot(columns: Columns, slot: number): Point {
  const requests: [number, number, number][] = [];
  for (let request = columns.requestStart[slot]!; request < columns.requestEnd[slot]!; request++) {
    requests.push([
      columns.requestTopics[request]!,
      columns.requestActivities[request]!,
      columns.requestAges[request]!,
    ]);
  }
  return {
    id: columns.ids[slot]!,
    sortedAt: columns.sortedAt[slot]!,
    lon: columns.lon[slot]!,
    lat: columns.lat[slot]!,
    kind: columns.kind[slot]!,
    country: columns.country[slot]!,
    municipality: columns.municipalities[columns.municipality[slot]!]!,
    topics: columns.topics[slot]!,
    activities: columns.activities[slot]!,
    ages: columns.ages[slot]!,
    languages: columns.languages[slot]!,
    requests,
  };
}

/**
 * Whether slot a comes before slot b in the browse page's order: newest first, then by id
 * descending (as PostgreSQL compares uuids, which is how lower-case hex text compares).
 */
export function newer(columns: Columns, a: number, b: number): boolean {
  const at = columns.sortedAt[a]!;
  const bt = columns.sortedAt[b]!;
  if (at !== bt) return at > bt;
  return columns.ids[a]! > columns.ids[b]!;
}

/**
 * The order without the dropped slots and with the added ones in their places: one pass over the
 * order, so a change to k points costs k log k plus the set's size in copies, not a sort.
 */
export function mergeOrder(
  columns: Columns,
  order: Uint32Array,
  dropped: ReadonlySet<number>,
  added: readonly number[],
): Uint32Array {
  const adding = [...added].sort((a, b) => (newer(columns, a, b) ? -1 : newer(columns, b, a) ? 1 : 0));
  const next = new Uint32Array(order.length - dropped.size + adding.length);
  let out = 0;
  let add = 0;
  for (let index = 0; index < order.length; index++) {
    const slot = order[index]!;
    if (dropped.size && dropped.has(slot)) continue;
    while (add < adding.length && newer(columns, adding[add]!, slot)) next[out++] = adding[add++]!;
    next[out++] = slot;
  }
  while (add < adding.length) next[out++] = adding[add++]!;
  return next.length === out ? next : next.subarray(0, out);
}

/** A set over the columns as they are now: later slots and grown arrays do not change it. */
export function pointSetOf(layer: Layer, version: bigint, columns: Columns, order: Uint32Array): PointSet {
  return {
    layer,
    version,
    generation: columns.generation,
    slots: columns.count,
    size: order.length,
    order,
    ids: columns.ids,
    position: columns.position,
    lon: columns.lon,
    lat: columns.lat,
    x: columns.x,
    y: columns.y,
    kind: columns.kind,
    country: columns.country,
    municipality: columns.municipality,
    municipalities: columns.municipalities,
    topics: columns.topics,
    activities: columns.activities,
    ages: columns.ages,
    languages: columns.languages,
    requests:
      layer === "organisations"
        ? {
            start: columns.requestStart,
            end: columns.requestEnd,
            topics: columns.requestTopics,
            activities: columns.requestActivities,
            ages: columns.requestAges,
          }
        : null,
    columns,
  };
}

/** What a change did to a set: the points re-read, and the ids whose point is gone. */
export type Patch = { changed: readonly string[]; points: readonly Point[] };

/**
 * The next set after a change: the changed ids' old slots dropped, their re-read points (none for
 * a point no longer visible) appended and merged into the order. The set must be its columns'
 * newest (sets are made one after the other per layer).
 */
export function applyPatch(set: PointSet, version: bigint, patch: Patch): PointSet {
  const { columns } = set;
  if (set.slots !== columns.count || set.generation !== columns.generation) {
    throw new Error("applyPatch: the set is not its columns' newest");
  }
  const dropped = new Set<number>();
  for (const id of patch.changed) {
    const slot = columns.position.get(id);
    if (slot === undefined) continue;
    dropped.add(slot);
    columns.position.delete(id);
  }
  const added = patch.points.map((point) => writeSlot(columns, point));
  return pointSetOf(set.layer, version, columns, mergeOrder(columns, set.order, dropped, added));
}

/** Dropped slots beyond this share of the live ones are copied away (a new generation). */
export function needsCompaction(set: PointSet): boolean {
  return set.slots - set.size > Math.max(set.size, 4096);
}

/** The same set in fresh columns holding only its own slots, in order. */
export function compacted(set: PointSet): PointSet {
  const columns = emptyColumns(Math.max(set.size, 1024), Math.max(set.columns.requestCount, 1024));
  const order = new Uint32Array(set.size);
  set.order.forEach((slot, index) => {
    order[index] = writeSlot(columns, readSlot(set.columns, slot));
  });
  return pointSetOf(set.layer, set.version, columns, order);
}
