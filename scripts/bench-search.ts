// `npm run bench:search [-- --runs 60 --orgs 100000]`: times the browse page's searches on a large
// synthetic data set (database "euregio_bench" on DATABASE_URL's server, or on the embedded one,
// filled by seed:scale when it holds fewer organisations). Prints p50/p95 of the search query alone
// and of the full server render through the production build (BUILD_DIR, default build/), and exits
// non-zero when a target is missed: query p95 < 30 ms, render p95 < 80 ms.
import { resolveDatabase } from "../server/database.ts";
import {
  benchApp,
  benchOptions,
  log,
  root,
  prepareBenchDatabase,
  summarise,
  timeRuns,
  withClient,
  type Timing,
} from "./bench-support.ts";

const targets = { query: 30, render: 80 };
const { orgs, requests, runs, buildFile } = benchOptions();

const database = await resolveDatabase({ root, log });
try {
  const benchUrl = await prepareBenchDatabase(database.url, { orgs, requests, log });
  const app = await benchApp(benchUrl, buildFile);

  const { parseBrowseParams } = await import("../app/modules/search/schemas.ts");
  const { searchOrganisations, searchRequests } = await import("../app/modules/search/service.server.ts");

  const size = await withClient(benchUrl, async (client) => {
    const { rows } = await client.query<Record<string, number>>(`
      SELECT (SELECT count(*)::int FROM organisations) AS organisations,
             (SELECT count(*)::int FROM organisations WHERE search_visible) AS public_organisations,
             (SELECT count(*)::int FROM partnership_requests) AS requests,
             (SELECT count(*)::int FROM partnership_requests WHERE search_visible) AS open_requests,
             (SELECT count(*)::int FROM organisation_languages) AS organisation_languages,
             (SELECT count(*)::int FROM municipalities) AS municipalities,
             pg_database_size(current_database())::float8 / 1048576 AS database_mb`);
    return rows[0]!;
  });

  // The second page of a filtered search, as a reader following "next page" would see it.
  const searchFor = (query: string) => {
    const parsed = parseBrowseParams(new URLSearchParams(query));
    if (!parsed.ok) throw new Error(`bad scenario ${query}: ${JSON.stringify(parsed.fieldErrors)}`);
    const { show, cursor, ...filters } = parsed.data;
    return () =>
      show === "organisations"
        ? searchOrganisations(filters, cursor, "nl")
        : searchRequests(filters, cursor, "nl");
  };
  const firstPage = await searchFor("country=DE&topic=music")();
  const scenarios = [
    "country=DE&topic=music",
    "kind=sports_club&municipality=GM0268",
    "country=NL&kind=school&topic=neighbour_language&age=age_12_15&language=de",
    "q=fussball",
    "q=Nijmgen",
    "q=voetbal&country=DE",
    "near=05154036&topic=sport",
    "near=GM0202",
    `country=DE&topic=music&cursor=${firstPage.nextCursor}`,
    "show=organisations&country=NL&kind=sports_club",
    "show=organisations&q=fussball",
    "show=organisations&q=Nijmgen",
    "show=organisations&near=05154036&language=nl",
  ];

  const queries: Timing[] = [];
  const renders: Timing[] = [];
  const allQueries: number[] = [];
  const allRenders: number[] = [];
  for (const scenario of scenarios) {
    const query = await timeRuns(runs, scenario, searchFor(scenario));
    queries.push(query.timing);
    allQueries.push(...query.all);
    const render = await timeRuns(runs, scenario, async () => {
      const response = await app.fetch(`/nl/browse?${scenario}`);
      const body = await response.text();
      if (response.status !== 200 || !body.includes("results-heading")) {
        throw new Error(`render of ${scenario} answered ${response.status}`);
      }
    });
    renders.push(render.timing);
    allRenders.push(...render.all);
    log(
      `query p95 ${query.timing.p95.toFixed(1)} ms, render p95 ${render.timing.p95.toFixed(1)} ms: ${scenario}`,
    );
  }
  await app.disconnect();

  const overall = (all: number[], name: string): Timing => summarise(name, all);
  const format = (ms: number) => ms.toFixed(1).padStart(7);
  const table = (title: string, rows: Timing[], total: Timing) => {
    console.info(`\n${title}  (ms, ${runs} runs each after 3 warm-up runs)`);
    console.info(`${"p50".padStart(7)} ${"p95".padStart(7)} ${"max".padStart(7)}  scenario`);
    for (const row of [...rows, total]) {
      console.info(`${format(row.p50)} ${format(row.p95)} ${format(row.max)}  ${row.name.slice(0, 90)}`);
    }
  };
  console.info("\nData size:");
  for (const [name, count] of Object.entries(size)) console.info(`  ${name.padEnd(24)} ${Math.round(count)}`);
  const queryTotal = overall(allQueries, "ALL SCENARIOS");
  const renderTotal = overall(allRenders, "ALL SCENARIOS");
  table("(a) search query: searchRequests / searchOrganisations", queries, queryTotal);
  table("(b) full server render of /nl/browse (production build, in process)", renders, renderTotal);

  const missed = [
    ...queries
      .filter((row) => row.p95 >= targets.query)
      .map((row) => `query p95 ${row.p95.toFixed(1)} ms: ${row.name}`),
    ...renders
      .filter((row) => row.p95 >= targets.render)
      .map((row) => `render p95 ${row.p95.toFixed(1)} ms: ${row.name}`),
  ];
  console.info(
    `\nTargets: query p95 < ${targets.query} ms (overall ${queryTotal.p95.toFixed(1)}), ` +
      `render p95 < ${targets.render} ms (overall ${renderTotal.p95.toFixed(1)}), per scenario.`,
  );
  if (missed.length) {
    console.error(`MISSED:\n  ${missed.join("\n  ")}`);
    process.exitCode = 1;
  } else {
    console.info("All targets met.");
  }
} finally {
  await database.stop();
}
