// `npm run bench:map [-- --runs 60 --orgs 100000]`: times the map's data endpoint on the large
// synthetic data set (database "euregio_bench", filled by seed:scale when needed) through the
// production build (BUILD_DIR, default build/), for phone and desktop viewports at several zooms,
// with and without filters. Prints the payload (raw and gzipped as the server sends it) and
// p50/p95 of answering plus gzip, and exits non-zero when a target is missed: p95 < 40 ms and
// < 150 KB gzipped for every viewport. Also prints the one-off costs: loading the points whole (at
// start-up, or when the change log was pruned past a set), and the first search for new words.
// Then the writes (scripts/bench-map-writes.ts): one write on two instances' maps, and reads while
// 10 writes a second run for 60 s, with their targets. `--only viewports` or `--only writes` runs
// one half; `--database NAME` names the bench database.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { gzipSync } from "node:zlib";
import { resolveDatabase } from "../server/database.ts";
import { benchWrites, printWrites } from "./bench-map-writes.ts";
import {
  benchApp,
  benchOptions,
  log,
  prepareBenchDatabase,
  root,
  summarise,
  timeRuns,
  withClient,
  type Timing,
} from "./bench-support.ts";

const targets = { p95: 40, gzippedKb: 150 };
const { orgs, requests, runs, buildFile, database: benchName, only, writes } = benchOptions();

/** The bounding box MapLibre shows for a screen of this size centred here at this zoom. */
function viewport(lon: number, lat: number, zoom: number, width: number, height: number): string {
  const world = 512 * 2 ** zoom;
  const x = (lon + 180) / 360;
  const sin = Math.sin((lat * Math.PI) / 180);
  const y = 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
  const toLon = (mx: number) => mx * 360 - 180;
  const toLat = (my: number) => (Math.atan(Math.sinh(Math.PI * (1 - 2 * my))) * 180) / Math.PI;
  const half = { x: width / 2 / world, y: height / 2 / world };
  return [toLon(x - half.x), toLat(y + half.y), toLon(x + half.x), toLat(y - half.y)]
    .map((value) => value.toFixed(5))
    .join(",");
}

const places = {
  euregio: [6.25, 51.75],
  nijmegen: [5.85, 51.84],
  kleve: [6.14, 51.79],
  duisburg: [6.76, 51.43],
} as const;
const screens = { desktop: [1280, 800], phone: [390, 700] } as const;

type Scenario = { name: string; query: string };

function scenarios(): Scenario[] {
  const list: Scenario[] = [];
  const add = (place: keyof typeof places, screen: keyof typeof screens, zoom: number, filters = "") => {
    const [lon, lat] = places[place];
    const [width, height] = screens[screen];
    const bbox = viewport(lon, lat, zoom, width, height);
    list.push({
      name: `${screen} z${zoom} ${place}${filters ? ` ${filters}` : ""}`,
      query: `bbox=${bbox}&zoom=${zoom}${filters ? `&${filters}` : ""}`,
    });
  };
  for (const zoom of [7, 8, 9, 10, 11, 12, 14, 16]) add("euregio", "desktop", zoom);
  for (const zoom of [9, 12, 15]) add("nijmegen", "desktop", zoom);
  for (const zoom of [10, 13]) add("duisburg", "desktop", zoom);
  for (const zoom of [8, 11, 14]) add("kleve", "phone", zoom);
  add("euregio", "desktop", 8, "country=DE");
  add("euregio", "desktop", 9, "kind=school&topic=neighbour_language");
  add("euregio", "desktop", 9, "topic=music&age=age_12_15&language=de");
  add("nijmegen", "desktop", 11, "municipality=GM0268");
  add("euregio", "desktop", 8, "q=fussball");
  add("euregio", "desktop", 9, "q=Nijmgen");
  add("euregio", "desktop", 8, "show=organisations");
  add("kleve", "desktop", 11, "show=organisations&kind=sports_club");
  add("euregio", "desktop", 9, "show=organisations&language=nl&topic=sport");
  return list;
}

const database = await resolveDatabase({ root, log });
try {
  const benchUrl = await prepareBenchDatabase(database.url, { orgs, requests, log, name: benchName });
  const readPaths = scenarios().map((scenario) => `/map/points?${scenario.query}`);
  if (only !== "writes") await viewports(benchUrl);
  if (only !== "viewports") {
    const result = await benchWrites(benchUrl, readPaths, writes);
    printWrites(result);
    if (result.missed.length) process.exitCode = 1;
  }
} finally {
  await database.stop();
}

async function viewports(benchUrl: string) {
  const app = await benchApp(benchUrl, buildFile);

  const size = await withClient(benchUrl, async (client) => {
    const { rows } = await client.query<Record<string, number>>(`
      SELECT (SELECT count(*)::int FROM organisations WHERE search_visible) AS public_organisations,
             (SELECT count(*)::int FROM partnership_requests WHERE search_visible) AS open_requests`);
    return rows[0]!;
  });

  /** The endpoint's answer and its gzipped size; the time includes gzip, as the server does it. */
  const fetchPoints = async (query: string) => {
    const response = await app.fetch(`/map/points?${query}`);
    const body = Buffer.from(await response.arrayBuffer());
    if (response.status !== 200) throw new Error(`${query} answered ${response.status}: ${body.toString()}`);
    return { body, gzipped: gzipSync(body).length };
  };

  type Row = Timing & { raw: number; gzipped: number; cells: number; total: number };
  const rows: Row[] = [];
  const all: number[] = [];
  for (const scenario of scenarios()) {
    const sample = await fetchPoints(scenario.query);
    const parsed = JSON.parse(sample.body.toString()) as { cells: unknown[]; total: number };
    const timed = await timeRuns(runs, scenario.name, () => fetchPoints(scenario.query));
    all.push(...timed.all);
    rows.push({
      ...timed.timing,
      raw: sample.body.length,
      gzipped: sample.gzipped,
      cells: parsed.cells.length,
      total: parsed.total,
    });
    log(
      `p95 ${timed.timing.p95.toFixed(1)} ms, ${(sample.gzipped / 1024).toFixed(1)} KB gzipped: ${scenario.name}`,
    );
  }
  const lists: Timing[] = [];
  for (const query of [
    `bbox=${viewport(6.25, 51.75, 9, 1280, 800)}&lang=nl`,
    `bbox=${viewport(5.85, 51.84, 12, 1280, 800)}&lang=de&country=NL`,
    `bbox=${viewport(6.25, 51.75, 9, 1280, 800)}&lang=en&near=05154036&page=3`,
  ]) {
    const timed = await timeRuns(runs, `list ${query.replace(/bbox=[^&]+&?/, "")}`, async () => {
      const response = await app.fetch(`/map/items?${query}`);
      if (response.status !== 200) throw new Error(`${query} answered ${response.status}`);
      await response.arrayBuffer();
    });
    lists.push(timed.timing);
  }
  // One-off costs, measured last: loading the points whole (at start-up, or when the change log no
  // longer reaches back to a set; it runs in slices, and requests wait at most freshnessWait for
  // it), and the first search for words. A write is patched in instead: see (d) and (e).
  // The event loop's longest wait meanwhile says whether the load let other work through.
  const coldLoads: Timing[] = [];
  const stalls: string[] = [];
  for (const show of ["requests", "organisations"]) {
    const all: number[] = [];
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    for (let i = 0; i < 3; i += 1) {
      const { loadPointSet } = await import("../app/modules/map/points/snapshot.server.ts");
      const started = performance.now();
      await loadPointSet(show as "requests" | "organisations");
      all.push(performance.now() - started);
    }
    delay.disable();
    coldLoads.push(summarise(`load all ${show} points whole (3 runs)`, all));
    stalls.push(
      `${show} ${(delay.max / 1e6).toFixed(1)} ms (p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms)`,
    );
  }
  const firstWords: Timing[] = [];
  for (const words of ["handball", "Kleve"]) {
    const started = performance.now();
    await fetchPoints(`bbox=${viewport(6.25, 51.75, 8, 1280, 800)}&zoom=8&q=${words}`);
    firstWords.push(summarise(`first search for q=${words}`, [performance.now() - started]));
  }

  await app.disconnect();

  const format = (ms: number) => ms.toFixed(1).padStart(7);
  const kb = (bytes: number) => (bytes / 1024).toFixed(1).padStart(8);
  console.info("\nData size:");
  for (const [name, count] of Object.entries(size)) console.info(`  ${name.padEnd(24)} ${count}`);
  console.info(`\n(a) GET /map/points: answer + gzip (ms, ${runs} runs each after 3 warm-up runs), payload`);
  console.info(
    `${"p50".padStart(7)} ${"p95".padStart(7)} ${"max".padStart(7)} ${"raw KB".padStart(8)} ${"gzip KB".padStart(8)} ${"cells".padStart(6)} ${"points".padStart(7)}  viewport`,
  );
  for (const row of rows) {
    console.info(
      `${format(row.p50)} ${format(row.p95)} ${format(row.max)} ${kb(row.raw)} ${kb(row.gzipped)} ${String(row.cells).padStart(6)} ${String(row.total).padStart(7)}  ${row.name}`,
    );
  }
  const overall = summarise("ALL VIEWPORTS", all);
  console.info(`${format(overall.p50)} ${format(overall.p95)} ${format(overall.max)}  ${overall.name}`);
  console.info(`\n(b) GET /map/items, the list beside the map (ms, ${runs} runs each)`);
  for (const row of lists)
    console.info(`${format(row.p50)} ${format(row.p95)} ${format(row.max)}  ${row.name}`);
  console.info("\n(c) one-off costs (ms)");
  for (const row of [...coldLoads, ...firstWords]) {
    console.info(`${format(row.p50)} ${format(row.max)}  ${row.name}`);
  }
  console.info(`  longest event-loop delay during the whole loads: ${stalls.join(", ")}`);

  const largest = Math.max(...rows.map((row) => row.gzipped));
  const missed = [
    ...rows.filter((row) => row.p95 >= targets.p95).map((row) => `p95 ${row.p95.toFixed(1)} ms: ${row.name}`),
    ...rows
      .filter((row) => row.gzipped >= targets.gzippedKb * 1024)
      .map((row) => `${(row.gzipped / 1024).toFixed(1)} KB gzipped: ${row.name}`),
  ];
  console.info(
    `\nTargets: p95 < ${targets.p95} ms (overall ${overall.p95.toFixed(1)}) and < ${targets.gzippedKb} KB gzipped ` +
      `(largest ${(largest / 1024).toFixed(1)} KB), per viewport.`,
  );
  if (missed.length) {
    console.error(`MISSED:\n  ${missed.join("\n  ")}`);
    process.exitCode = 1;
  } else {
    console.info("All targets met.");
  }
}
