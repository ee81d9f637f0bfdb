// `npm run bench:matching [-- --runs 60 --orgs 100000 --sample 2]`: times suggestions on the large synthetic
// set (database "euregio_bench", filled by seed:scale when needed, as bench:search does): for `runs`
// different open requests and as many organisations, the candidate selection in PostgreSQL plus the
// scorer, as the suggestions page will call them. Prints p50/p95/max and the candidates scored, and
// exits non-zero when a p95 reaches 50 ms.
import { parseArgs } from "node:util";
import { resolveDatabase } from "../server/database.ts";
import { log, prepareBenchDatabase, root, summarise, withClient, type Timing } from "./bench-support.ts";

const target = 50;
const { values } = parseArgs({
  options: {
    orgs: { type: "string", default: "100000" },
    runs: { type: "string", default: "60" },
    // Another sample of seekers (`--sample 2`): rows no earlier run has read, so from a cold cache.
    sample: { type: "string", default: "" },
  },
});
const orgs = Number(values.orgs);
const runs = Math.max(50, Number(values.runs));

const database = await resolveDatabase({ root, log });
try {
  const benchUrl = await prepareBenchDatabase(database.url, { orgs, requests: orgs * 2, log });
  process.env.DATABASE_URL = benchUrl;
  const { suggestionsForOrganisation, suggestionsForRequest } =
    await import("../app/modules/matching/candidates.server.ts");
  const { disconnectPrisma } = await import("../app/utils/db.server.ts");

  // Different requests and organisations each run, spread over the set by a hash order.
  const sample = await withClient(benchUrl, async (client) => {
    const requests = await client.query<{ id: string }>(
      `SELECT id::text FROM partnership_requests WHERE search_visible ORDER BY md5(id::text || $2) LIMIT $1`,
      [runs + 5, values.sample],
    );
    const organisations = await client.query<{ id: string }>(
      `SELECT id::text FROM organisations WHERE search_visible ORDER BY md5(id::text || $2) LIMIT $1`,
      [runs + 5, values.sample],
    );
    const size = await client.query<{ organisations: number; requests: number }>(
      `SELECT (SELECT count(*)::int FROM organisations WHERE search_visible) AS organisations,
              (SELECT count(*)::int FROM partnership_requests WHERE search_visible) AS requests`,
    );
    return {
      requests: requests.rows.map((row) => row.id),
      organisations: organisations.rows.map((row) => row.id),
      size: size.rows[0]!,
    };
  });
  log(`${sample.size.organisations} public organisations, ${sample.size.requests} open requests`);

  async function time(name: string, ids: string[], run: (id: string) => Promise<unknown[] | null>) {
    // Five warm-up calls on ids not timed, then one call per id.
    for (const id of ids.slice(runs)) await run(id);
    const all: number[] = [];
    let found = 0;
    for (const id of ids.slice(0, runs)) {
      const started = performance.now();
      const suggestions = await run(id);
      all.push(performance.now() - started);
      found += suggestions?.length ?? 0;
    }
    return { timing: summarise(name, all), found: found / runs };
  }

  const rows: { timing: Timing; found: number }[] = [
    await time("suggestions for one request", sample.requests, (id) => suggestionsForRequest(id)),
    await time("suggestions for one organisation", sample.organisations, (id) =>
      suggestionsForOrganisation(id),
    ),
  ];
  console.info(`\nMatching on ${orgs} organisations, ${runs} different seekers each (ms):`);
  console.info(
    `  ${"".padEnd(36)} ${"p50".padStart(7)} ${"p95".padStart(7)} ${"max".padStart(7)}  suggestions`,
  );
  for (const { timing, found } of rows) {
    console.info(
      `  ${timing.name.padEnd(36)} ${timing.p50.toFixed(1).padStart(7)} ${timing.p95.toFixed(1).padStart(7)} ${timing.max.toFixed(1).padStart(7)}  ${found.toFixed(1)} on average`,
    );
  }
  const missed = rows.filter((row) => row.timing.p95 >= target);
  if (missed.length) {
    console.error(`MISSED: p95 < ${target} ms for ${missed.map((row) => row.timing.name).join(", ")}`);
    process.exitCode = 1;
  } else {
    console.info(`Target met: p95 < ${target} ms for both.`);
  }
  await disconnectPrisma();
} finally {
  await database.stop();
}
