// Every visible request and organisation as a point in memory, newest first, in typed arrays: the
// map filters and clusters them per viewport in a few milliseconds, where PostgreSQL would have to
// read and group up to 150,000 rows per request. A snapshot belongs to one map data version (a
// number bumped by triggers with every write, migration *_map_data_version) and is reloaded when
// that has moved on. See docs/decisions/0010-map-points-in-memory.md.
import {
  activityTypes,
  ageGroups,
  languages,
  organisationKinds,
  topics,
} from "~/modules/taxonomy/taxonomy.ts";
import { prisma } from "~/utils/db.server.ts";

export type Layer = "requests" | "organisations";

export type PointSet = {
  layer: Layer;
  version: bigint;
  size: number;
  ids: string[];
  /** The row's position by id. */
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
   * Organisations only: the masks of each open request, those of organisation i from start[i] to
   * start[i + 1] - 1, since several request filters must hold for one and the same request, as on
   * the browse page.
   */
  requests: { start: Uint32Array; topics: Uint32Array; activities: Uint32Array; ages: Uint32Array } | null;
};

export function mercatorX(lon: number): number {
  return (lon + 180) / 360;
}

export function mercatorY(lat: number): number {
  const sin = Math.sin((lat * Math.PI) / 180);
  return 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
}

// The rows arrive as one text of comma-separated lines, the taxonomy values joined by "|": 150,000
// row objects through the driver, or bit masks computed per row in SQL, cost seconds; one string,
// a split and a sort here cost a fraction of that.
const requestsSql = `
  SELECT string_agg(concat_ws(',', r.id, o.lat, o.lon, r.search_kind, r.search_country,
           r.search_municipality_code, array_to_string(r.topics, '|'), array_to_string(r.activity_types, '|'),
           array_to_string(r.age_groups, '|'), array_to_string(r.working_languages, '|'),
           (extract(epoch FROM r.search_sorted_at) * 1000)::bigint), E'\\n') AS lines
  FROM partnership_requests r JOIN organisations o ON o.id = r.organisation_id
  WHERE r.search_visible`;

const organisationsSql = `
  WITH requests AS (
    SELECT r.organisation_id, string_agg(array_to_string(r.topics, '|'), '|') AS topics,
           string_agg(array_to_string(r.activity_types, '|'), '|') AS activities,
           string_agg(array_to_string(r.age_groups, '|'), '|') AS ages,
           string_agg(concat_ws('/', array_to_string(r.topics, '|'), array_to_string(r.activity_types, '|'),
             array_to_string(r.age_groups, '|')), ';') AS each_request
    FROM partnership_requests r WHERE r.search_visible GROUP BY r.organisation_id
  ), spoken AS (
    SELECT l.organisation_id, string_agg(l.language, '|') AS languages
    FROM organisation_languages l GROUP BY l.organisation_id
  )
  SELECT string_agg(concat_ws(',', o.id, o.lat, o.lon, o.kind, o.country, o.municipality_code,
           coalesce(r.topics, ''), coalesce(r.activities, ''), coalesce(r.ages, ''), coalesce(s.languages, ''),
           (extract(epoch FROM o.created_at) * 1000)::bigint, coalesce(r.each_request, '')), E'\\n') AS lines
  FROM organisations o
  LEFT JOIN requests r ON r.organisation_id = o.id
  LEFT JOIN spoken s ON s.organisation_id = o.id
  WHERE o.search_visible`;

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

type Line = { fields: string[]; sortedAt: number };

/** Newest first, the browse page's order: by date, then by id (descending, as PostgreSQL compares uuids). */
function newestFirst(a: Line, b: Line): number {
  if (a.sortedAt !== b.sortedAt) return b.sortedAt - a.sortedAt;
  const [idA = "", idB = ""] = [a.fields[0], b.fields[0]];
  return idA < idB ? 1 : idA > idB ? -1 : 0;
}

/** Each organisation's open requests (field 11: "topics/activities/ages" per request, joined by ";"). */
function requestMasks(lines: Line[]): NonNullable<PointSet["requests"]> {
  const start = new Uint32Array(lines.length + 1);
  const topics: number[] = [];
  const activities: number[] = [];
  const ages: number[] = [];
  lines.forEach(({ fields }, index) => {
    start[index] = topics.length;
    const list = fields[11];
    if (list) {
      for (const request of list.split(";")) {
        const [topicList = "", activityList = "", ageList = ""] = request.split("/");
        topics.push(topicBits(topicList));
        activities.push(activityBits(activityList));
        ages.push(ageBits(ageList));
      }
    }
  });
  start[lines.length] = topics.length;
  return {
    start,
    topics: Uint32Array.from(topics),
    activities: Uint32Array.from(activities),
    ages: Uint32Array.from(ages),
  };
}

function toPointSet(layer: Layer, version: bigint, text: string): PointSet {
  const lines: Line[] = text
    ? text.split("\n").map((line) => {
        const fields = line.split(",");
        return { fields, sortedAt: Number(fields[10]) };
      })
    : [];
  lines.sort(newestFirst);
  const size = lines.length;
  const set: PointSet = {
    layer,
    version,
    size,
    ids: new Array<string>(size),
    position: new Map(),
    lon: new Float64Array(size),
    lat: new Float64Array(size),
    x: new Float64Array(size),
    y: new Float64Array(size),
    kind: new Uint8Array(size),
    country: new Uint8Array(size),
    municipality: new Uint16Array(size),
    municipalities: [],
    topics: new Uint32Array(size),
    activities: new Uint32Array(size),
    ages: new Uint32Array(size),
    languages: new Uint32Array(size),
    requests: null,
  };
  const municipalityIndex = new Map<string, number>();
  const kindIndex = new Map(organisationKinds.map((kind, index) => [kind as string, index]));
  lines.forEach(({ fields }, index) => {
    const [
      id = "",
      lat,
      lon,
      kind = "",
      country,
      code = "",
      topicList = "",
      activityList = "",
      ageList = "",
      languageList = "",
    ] = fields;
    set.ids[index] = id;
    set.position.set(id, index);
    set.lon[index] = Number(lon);
    set.lat[index] = Number(lat);
    set.x[index] = mercatorX(Number(lon));
    set.y[index] = mercatorY(Number(lat));
    set.kind[index] = kindIndex.get(kind) ?? 0;
    set.country[index] = country === "DE" ? 1 : 0;
    let municipality = municipalityIndex.get(code);
    if (municipality === undefined) {
      municipality = set.municipalities.push(code) - 1;
      municipalityIndex.set(code, municipality);
    }
    set.municipality[index] = municipality;
    set.topics[index] = topicBits(topicList);
    set.activities[index] = activityBits(activityList);
    set.ages[index] = ageBits(ageList);
    set.languages[index] = languageBits(languageList);
  });
  if (layer === "organisations") set.requests = requestMasks(lines);
  return set;
}

export async function currentVersion(): Promise<bigint> {
  const [row] = await prisma.$queryRaw<
    { version: bigint }[]
  >`SELECT version FROM map_data_version WHERE id = 1`;
  return row?.version ?? 0n;
}

export async function loadPointSet(layer: Layer, version: bigint): Promise<PointSet> {
  // Read in one snapshot with the version, so the points are exactly those of that version or newer.
  const rows = await prisma.$transaction(
    async (transaction) => {
      const [row] = await transaction.$queryRaw<
        { version: bigint }[]
      >`SELECT version FROM map_data_version WHERE id = 1`;
      const [text] = await transaction.$queryRawUnsafe<{ lines: string | null }[]>(
        layer === "requests" ? requestsSql : organisationsSql,
      );
      return { version: row?.version ?? version, lines: text?.lines ?? "" };
    },
    { isolationLevel: "RepeatableRead", timeout: 60_000 },
  );
  return toPointSet(layer, rows.version, rows.lines);
}

type Entry = { version: bigint; set: Promise<PointSet>; loaded: PointSet | null };
/** The newest loaded set, the load under way, and at most one waiting to start after it. */
type Slot = { current: Entry | null; running: Entry | null; queued: Entry | null };
type Cache = Map<Layer, Slot>;

const globalCache = globalThis as typeof globalThis & { __mapPointSets?: Cache };
const cache: Cache = (globalCache.__mapPointSets ??= new Map());

/**
 * How long a request waits for new points after a write before it takes the previous ones: small
 * data sets load in milliseconds and are always fresh; 100,000 organisations take a few seconds,
 * during which the map shows the previous version rather than keeping its reader waiting.
 */
export const freshnessWait = 300;

const ignore = () => undefined;

/**
 * Loads run one at a time: a load asked for while another runs waits for it, and one waiting load
 * serves every later version too, since it reads the version when it starts. So frequent writes
 * cost one load after another, never a pile of them.
 */
function load(slot: Slot, layer: Layer, version: bigint): Entry {
  const after = slot.running ? slot.running.set.then(ignore, ignore) : Promise.resolve();
  const entry: Entry = { version, set: after.then(() => loadPointSet(layer, version)), loaded: null };
  const finish = () => {
    if (slot.running === entry) {
      slot.running = slot.queued;
      slot.queued = null;
    }
  };
  entry.set.then((set) => {
    entry.loaded = set;
    if (!slot.current?.loaded || slot.current.loaded.version < set.version) slot.current = entry;
    finish();
  }, finish);
  if (slot.running) slot.queued = entry;
  else slot.running = entry;
  return entry;
}

const settled = <T>(promise: Promise<T>, milliseconds: number) =>
  Promise.race([
    promise.then(() => true),
    new Promise<false>((resolve) => setTimeout(() => resolve(false), milliseconds).unref()),
  ]);

/**
 * The points of a layer as of now: the loaded set while the data version has not moved on, else a
 * new one (loaded once however many requests ask at the same time; see freshnessWait).
 */
export async function pointSet(layer: Layer): Promise<PointSet> {
  const version = await currentVersion();
  let slot = cache.get(layer);
  if (!slot) cache.set(layer, (slot = { current: null, running: null, queued: null }));
  const current = slot.current?.loaded ?? null;
  if (current && current.version >= version) return current;
  const next =
    slot.queued ??
    (slot.running && slot.running.version >= version ? slot.running : null) ??
    load(slot, layer, version);
  if (!current || (await settled(next.set, freshnessWait))) {
    return next.loaded ?? (await next.set);
  }
  return current;
}
