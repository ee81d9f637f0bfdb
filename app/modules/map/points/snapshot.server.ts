// Every visible request and organisation as a point in memory, newest first (columns.ts): the map
// filters and clusters them per viewport in a few milliseconds, where PostgreSQL would have to read
// and group up to 150,000 rows per request. A set belongs to one map data version (a number bumped
// by triggers with every write); when that has moved on, the rows named by map_changes since the
// set's version are re-read and patched in, and only a set the log cannot answer for (at start-up,
// or older than its pruning) is loaded whole, in slices that let requests through. LISTEN/NOTIFY
// brings every instance up to date right after a commit; the per-request version check stays as
// the fallback. See docs/decisions/0010-map-points-in-memory.md and 0023-map-incremental-updates.md.
import pg from "pg";
import { prisma } from "~/utils/db.server.ts";
import {
  applyPatch,
  compacted,
  emptyColumns,
  needsCompaction,
  parseLines,
  pointSetOf,
  writeSlot,
  type Layer,
  type Point,
  type PointSet,
} from "./columns.ts";

export { mercatorX, mercatorY, type Layer, type PointSet } from "./columns.ts";

// The rows arrive as one text of comma-separated lines in the set's order, the taxonomy values
// joined by "|": 150,000 row objects through the driver, or bit masks computed per row in SQL, cost
// seconds; one string split here costs a fraction of that. `only` narrows to the ids it names (an
// SQL array expression, such as a subquery's ANY).
function requestsSql(only: string | null): string {
  return `
  SELECT string_agg(concat_ws(',', r.id, o.lat, o.lon, r.search_kind, r.search_country,
           r.search_municipality_code, array_to_string(r.topics, '|'), array_to_string(r.activity_types, '|'),
           array_to_string(r.age_groups, '|'), array_to_string(r.working_languages, '|'),
           (extract(epoch FROM r.search_sorted_at) * 1000)::bigint), E'\\n'
           ORDER BY r.search_sorted_at DESC, r.id DESC) AS lines
  FROM partnership_requests r JOIN organisations o ON o.id = r.organisation_id
  WHERE r.search_visible${only ? ` AND r.id = ${only}` : ""}`;
}

function organisationsSql(only: string | null): string {
  const narrow = (column: string) => (only ? ` AND ${column} = ${only}` : "");
  return `
  WITH requests AS (
    SELECT r.organisation_id, string_agg(array_to_string(r.topics, '|'), '|') AS topics,
           string_agg(array_to_string(r.activity_types, '|'), '|') AS activities,
           string_agg(array_to_string(r.age_groups, '|'), '|') AS ages,
           string_agg(concat_ws('/', array_to_string(r.topics, '|'), array_to_string(r.activity_types, '|'),
             array_to_string(r.age_groups, '|')), ';') AS each_request
    FROM partnership_requests r WHERE r.search_visible${narrow("r.organisation_id")} GROUP BY r.organisation_id
  ), spoken AS (
    SELECT l.organisation_id, string_agg(l.language, '|') AS languages
    FROM organisation_languages l WHERE TRUE${narrow("l.organisation_id")} GROUP BY l.organisation_id
  )
  SELECT string_agg(concat_ws(',', o.id, o.lat, o.lon, o.kind, o.country, o.municipality_code,
           coalesce(r.topics, ''), coalesce(r.activities, ''), coalesce(r.ages, ''), coalesce(s.languages, ''),
           (extract(epoch FROM o.created_at) * 1000)::bigint, coalesce(r.each_request, '')), E'\\n'
           ORDER BY o.created_at DESC, o.id DESC) AS lines
  FROM organisations o
  LEFT JOIN requests r ON r.organisation_id = o.id
  LEFT JOIN spoken s ON s.organisation_id = o.id
  WHERE o.search_visible${narrow("o.id")}`;
}

const rowsSql = (layer: Layer, only: string | null) =>
  layer === "requests" ? requestsSql(only) : organisationsSql(only);

export async function currentVersion(): Promise<bigint> {
  const [row] = await prisma.$queryRaw<
    { version: bigint }[]
  >`SELECT version FROM map_data_version WHERE id = 1`;
  return row?.version ?? 0n;
}

/** What one update of a set cost this process, for the benchmark and MAP_TIMINGS=1. */
export type UpdateReport = {
  layer: Layer;
  kind: "full" | "patch";
  version: bigint;
  /** Points re-read (a full load: all of them). */
  points: number;
  /** Changed ids named by the log (a full load: 0). */
  changed: number;
  /** The event loop's time spent parsing and patching, summed over the slices (wall clock). */
  busyMilliseconds: number;
  /**
   * The process's CPU time over those same slices (process.cpuUsage): unlike the wall clock, not
   * inflated when the machine's other processes take the core away meanwhile.
   */
  cpuMilliseconds: number;
  /** From the start of the update to the new set, database time included. */
  totalMilliseconds: number;
};

type Listener = (report: UpdateReport) => void;

type Source = { current: PointSet | null; wanted: bigint; running: Promise<PointSet> | null };
type State = { sources: Map<Layer, Source>; listeners: Set<Listener>; listening: MapListener | null };

const globalState = globalThis as typeof globalThis & { __mapPointSources?: State };
// One per process, also when the Remix build and the server entry are bundled separately.
const state: State = (globalState.__mapPointSources ??= {
  sources: new Map(),
  listeners: new Set(),
  listening: null,
});

function sourceOf(layer: Layer): Source {
  let source = state.sources.get(layer);
  if (!source) state.sources.set(layer, (source = { current: null, wanted: 0n, running: null }));
  return source;
}

/** Calls `listener` after every update of a set in this process; returns what unsubscribes. */
export function onPointSetUpdate(listener: Listener): () => void {
  state.listeners.add(listener);
  return () => state.listeners.delete(listener);
}

function report(entry: UpdateReport) {
  for (const listener of state.listeners) listener(entry);
  if (process.env.MAP_TIMINGS === "1") {
    console.info(
      `[map] ${entry.layer} v${entry.version} ${entry.kind}: ${entry.changed} changed, ${entry.points} read, ` +
        `busy ${entry.busyMilliseconds.toFixed(2)} ms, cpu ${entry.cpuMilliseconds.toFixed(2)} ms, ` +
        `total ${entry.totalMilliseconds.toFixed(1)} ms`,
    );
  }
}

/** Adds up the wall-clock and CPU time of the synchronous stretches between start() and stop(). */
function meter() {
  let wall = 0;
  let cpu = 0;
  let wallStart = 0;
  let cpuStart: NodeJS.CpuUsage | null = null;
  return {
    start() {
      wallStart = performance.now();
      cpuStart = process.cpuUsage();
    },
    stop() {
      if (!cpuStart) return;
      wall += performance.now() - wallStart;
      const used = process.cpuUsage(cpuStart);
      cpu += (used.user + used.system) / 1000;
      cpuStart = null;
    },
    /** Runs synchronous work inside one stretch. */
    time<T>(work: () => T): T {
      this.start();
      try {
        return work();
      } finally {
        this.stop();
      }
    },
    get wall() {
      return wall;
    },
    get cpu() {
      return cpu;
    },
  };
}

/** Parses the text in slices, timing each slice (the yields between them are not counted). */
async function parseTimed(text: string, busy: ReturnType<typeof meter>, each: (point: Point) => void) {
  busy.start();
  await parseLines(text, each, busy);
  busy.stop();
}

/** Every visible point of the layer, read in one snapshot with the version (so exactly that version's points). */
export async function loadPointSet(layer: Layer): Promise<PointSet> {
  const started = performance.now();
  const read = await prisma.$transaction(
    async (transaction) => {
      const [row] = await transaction.$queryRaw<
        { version: bigint }[]
      >`SELECT version FROM map_data_version WHERE id = 1`;
      const [text] = await transaction.$queryRawUnsafe<{ lines: string | null }[]>(rowsSql(layer, null));
      return { version: row?.version ?? 0n, lines: text?.lines ?? "" };
    },
    { isolationLevel: "RepeatableRead", timeout: 60_000 },
  );
  const columns = emptyColumns(Math.max(1024, Math.ceil(read.lines.length / 64)));
  const busy = meter();
  await parseTimed(read.lines, busy, (point) => writeSlot(columns, point));
  const set = busy.time(() => pointSetOf(layer, read.version, columns, orderOf(columns.count)));
  report({
    layer,
    kind: "full",
    version: set.version,
    points: set.size,
    changed: 0,
    busyMilliseconds: busy.wall,
    cpuMilliseconds: busy.cpu,
    totalMilliseconds: performance.now() - started,
  });
  return set;
}

function orderOf(count: number): Uint32Array {
  const order = new Uint32Array(count);
  for (let slot = 0; slot < count; slot++) order[slot] = slot;
  return order;
}

type Changes =
  { kind: "none" } | { kind: "full" } | { kind: "rows"; version: bigint; changed: string[]; lines: string };

/**
 * One statement, so one snapshot and one round trip: the version, how far back the log answers,
 * the ids it names for the layer after $2 up to that version, and those rows as they are now.
 */
function changesSql(layer: Layer): string {
  return `
  WITH current AS (SELECT version, changes_from FROM map_data_version WHERE id = 1),
  changed AS (
    SELECT DISTINCT c.row_id FROM map_changes c, current
    WHERE c.layer = $1 AND c.version > $2::bigint AND c.version <= current.version
      AND current.changes_from <= $2::bigint
  )
  SELECT current.version, current.changes_from,
         (SELECT coalesce(array_agg(row_id::text), '{}') FROM changed) AS ids,
         (${rowsSql(layer, "ANY (SELECT row_id FROM changed)")}) AS lines
  FROM current`;
}

/**
 * What the log says changed for the set's layer since its version, with the changed rows as they
 * are now; "full" when the log no longer reaches back to the set's version, or names more rows
 * than a full load reads.
 */
async function readChanges(set: PointSet): Promise<Changes> {
  const [row] = await prisma.$queryRawUnsafe<
    { version: bigint; changes_from: bigint; ids: string[]; lines: string | null }[]
  >(changesSql(set.layer), set.layer, String(set.version));
  if (!row || row.version <= set.version) return { kind: "none" };
  if (set.version < row.changes_from) return { kind: "full" };
  if (row.ids.length > Math.max(set.size, 1024)) return { kind: "full" };
  return { kind: "rows", version: row.version, changed: row.ids, lines: row.lines ?? "" };
}

/** The set brought up to the database's version: patched from the log, or loaded whole. */
async function advance(layer: Layer, set: PointSet | null): Promise<PointSet> {
  if (!set) return loadPointSet(layer);
  const started = performance.now();
  const changes = await readChanges(set);
  if (changes.kind === "none") return set;
  if (changes.kind === "full") return loadPointSet(layer);
  const busy = meter();
  const points: Point[] = [];
  await parseTimed(changes.lines, busy, (point) => points.push(point));
  const next = busy.time(() => {
    const patched = applyPatch(set, changes.version, { changed: changes.changed, points });
    return needsCompaction(patched) ? compacted(patched) : patched;
  });
  report({
    layer,
    kind: "patch",
    version: next.version,
    points: points.length,
    changed: changes.changed.length,
    busyMilliseconds: busy.wall,
    cpuMilliseconds: busy.cpu,
    totalMilliseconds: performance.now() - started,
  });
  return next;
}

/**
 * Brings the layer's set up to at least `version`. Updates run one at a time per layer: one asked
 * for while another runs is served by it when that one reads a new enough version, or by one more
 * round after it, which reads whatever is newest then. So frequent writes never pile up.
 */
export function refreshPointSet(layer: Layer, version: bigint): Promise<PointSet> {
  const source = sourceOf(layer);
  if (version > source.wanted) source.wanted = version;
  source.running ??= (async () => {
    try {
      for (;;) {
        const before = source.current;
        const set = await advance(layer, before);
        source.current = set;
        if (set.version >= source.wanted || set === before) return set;
      }
    } finally {
      source.running = null;
    }
  })();
  return source.running;
}

/**
 * How long a request waits for new points after a write before it takes the previous ones: a
 * patch takes milliseconds, so this matters only while a set is loaded whole (at start-up, or
 * after the log was pruned past it), when the map shows the previous version rather than keeping
 * its reader waiting.
 */
export const freshnessWait = 300;

const settled = <T>(promise: Promise<T>, milliseconds: number) =>
  Promise.race([
    promise.then(() => true),
    new Promise<false>((resolve) => setTimeout(() => resolve(false), milliseconds).unref()),
  ]);

/** The points of a layer as of now: the set while the data version has not moved on, else the next one (see freshnessWait). */
export async function pointSet(layer: Layer): Promise<PointSet> {
  const version = await currentVersion();
  const current = sourceOf(layer).current;
  if (current && current.version >= version) return current;
  const next = refreshPointSet(layer, version);
  if (!current || (await settled(next, freshnessWait))) return next;
  return current;
}

/** The sets this process holds, by layer (none before their first use). */
export function loadedPointSet(layer: Layer): PointSet | null {
  return state.sources.get(layer)?.current ?? null;
}

/** The listening connection's application_name, to tell it apart in pg_stat_activity. */
export const mapListenerName = "euregio-map-listener";

export type MapListener = { stop: () => Promise<void>; connected: () => boolean };

/**
 * Listens on one dedicated connection for the triggers' NOTIFY (the version a commit made) and
 * brings this process's sets up to it at once, so a write through another instance is on this
 * one's map before anyone asks; reconnects after a second when the connection is lost, and then
 * catches up with whatever it missed. Loads both layers at the start, so no first request waits.
 */
export function listenForMapChanges(
  options: { url?: string; log?: (line: string) => void; preload?: boolean } = {},
): MapListener {
  const url = options.url ?? process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: the database has not been started");
  const log = options.log ?? ((line: string) => console.error(`[map] ${line}`));
  const layers: Layer[] = ["requests", "organisations"];
  let client: pg.Client | null = null;
  let stopped = false;
  let isConnected = false;
  let retry: NodeJS.Timeout | null = null;

  const catchUp = (version: bigint | null, all: boolean) => {
    for (const layer of layers) {
      if (!all && !loadedPointSet(layer)) continue;
      const run = version === null ? currentVersion() : Promise.resolve(version);
      run
        .then((target) => refreshPointSet(layer, target))
        .catch((error: unknown) => log(`update of ${layer} failed: ${String(error)}`));
    }
  };

  const connect = async () => {
    retry = null;
    const next = new pg.Client({ connectionString: url, application_name: mapListenerName });
    const lost = (error?: unknown) => {
      if (client !== next) return;
      client = null;
      isConnected = false;
      next.end().catch(() => undefined);
      if (stopped) return;
      if (error) log(`listener lost its connection: ${String(error)}`);
      retry = setTimeout(() => void connect(), 1000);
      retry.unref();
    };
    client = next;
    next.on("error", lost);
    next.on("end", () => lost());
    next.on("notification", (message) => {
      if (message.channel !== "map_changes" || !message.payload) return;
      catchUp(BigInt(message.payload), false);
    });
    try {
      await next.connect();
      await next.query("LISTEN map_changes");
      if (client !== next) return;
      isConnected = true;
      // Whatever was committed while not listening (or before): the version check finds it.
      catchUp(null, options.preload ?? false);
    } catch (error) {
      lost(error);
    }
  };
  void connect();

  const listener: MapListener = {
    connected: () => isConnected,
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      const current = client;
      client = null;
      isConnected = false;
      if (state.listening === listener) state.listening = null;
      await current?.end().catch(() => undefined);
    },
  };
  state.listening = listener;
  return listener;
}

/**
 * Deletes change rows older than `olderThanSeconds` and moves changes_from past them, so a set
 * older than what is left is loaded whole rather than patched from an incomplete log.
 */
export async function pruneMapChanges(olderThanSeconds: number): Promise<number> {
  const [row] = await prisma.$queryRaw<{ deleted: number }[]>`
    WITH gone AS (
      DELETE FROM map_changes WHERE created_at < now() - make_interval(secs => ${olderThanSeconds})
      RETURNING version
    ), moved AS (
      UPDATE map_data_version SET changes_from = greatest(changes_from, (SELECT max(version) FROM gone))
      WHERE id = 1 AND EXISTS (SELECT 1 FROM gone)
      RETURNING 1
    )
    SELECT (SELECT count(*)::int FROM gone) AS deleted, (SELECT count(*)::int FROM moved) AS moved`;
  return row?.deleted ?? 0;
}
