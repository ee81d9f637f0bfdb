// `npm run bench:pages [-- --requests 200 --rounds 3 --concurrency 10 --orgs 100000 --small 1000]`:
// what a page costs the server. Starts the production build (BUILD_DIR, default build/) twice, on
// the large synthetic database ("euregio_bench") and on a small one ("euregio_bench_small"), both
// filled by seed:scale when needed, and sends each page a fixed number of requests at a fixed
// concurrency, pages and databases interleaved and the whole repeated, so the ratios hold on a noisy
// machine. CPU time is read from /proc: the server process's, and that of the PostgreSQL backends
// serving its database (client backends only, so autovacuum is not counted). Prints per page and
// database: requests per second, p50/p95, Node and PostgreSQL CPU ms per request, the HTML's bytes
// (raw and gzipped as sent), the page's first-load JavaScript (gzipped), and the targets;
// exits non-zero when one is missed. `--only sign-in` runs the pages whose name holds that text;
// `--profile` writes a V8 CPU profile of the large database's server to .cache/profiles/.
import http from "node:http";
import { parseArgs } from "node:util";
import { gunzipSync, gzipSync } from "node:zlib";
import { resolveDatabase } from "../server/database.ts";
import {
  get,
  log,
  percentile,
  prepareBenchDatabase,
  processTimes,
  root,
  startServer,
  withClient,
  type Server,
} from "./bench-support.ts";

const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "200" },
    rounds: { type: "string", default: "3" },
    concurrency: { type: "string", default: "10" },
    orgs: { type: "string", default: "100000" },
    small: { type: "string", default: "1000" },
    only: { type: "string" },
    profile: { type: "boolean", default: false },
  },
});
const perBatch = Number(values.requests);
const rounds = Number(values.rounds);
const concurrency = Number(values.concurrency);
const orgs = Number(values.orgs);
const smallOrgs = Number(values.small);

const targets = {
  signinNodeMs: 3,
  nodeOverPostgres: 1.5,
  browseOverSignin: 0.5,
  largeOverSmallP95: 1.5,
  firstLoadKb: 100,
};

// ---- CPU accounting from /proc -------------------------------------------------------------------

function cpuMs(pid: number): number | null {
  return processTimes(pid)?.own ?? null;
}

async function backendPids(client: import("pg").Client, database: string): Promise<number[]> {
  const { rows } = await client.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity
     WHERE datname = $1 AND backend_type = 'client backend' AND pid <> pg_backend_pid()`,
    [database],
  );
  return rows.map((row) => row.pid);
}

/**
 * CPU ms PostgreSQL spends for one database from now until the returned function is called: its
 * client backends' own time, and what the postmaster has reaped from processes that ended
 * meanwhile (parallel query workers live only for one query, and a pooled connection may close).
 * Processes of other databases that end meanwhile are counted too; the benchmark keeps them idle.
 */
async function postgresCpu(client: import("pg").Client, database: string) {
  const before = new Map<number, number>();
  let postmaster: number | null = null;
  for (const pid of await backendPids(client, database)) {
    const times = processTimes(pid);
    if (!times) continue;
    before.set(pid, times.own);
    postmaster = times.parent;
  }
  const reapedBefore = postmaster === null ? 0 : (processTimes(postmaster)?.children ?? 0);
  return async () => {
    let total = 0;
    const now = new Set(await backendPids(client, database));
    for (const pid of now) {
      const times = processTimes(pid);
      if (!times) continue;
      total += times.own - (before.get(pid) ?? 0);
      postmaster ??= times.parent;
    }
    if (postmaster !== null) {
      total += (processTimes(postmaster)?.children ?? 0) - reapedBefore;
      // What a backend that ended meanwhile had used before the batch is not the batch's.
      for (const [pid, own] of before) if (!now.has(pid)) total -= own;
    }
    return { ms: total, measured: postmaster !== null };
  };
}

// ---- the servers -------------------------------------------------------------------------------

// ---- requests ------------------------------------------------------------------------------------

/** `count` requests for `path`, `concurrency` at a time; the latencies and the wall time. */
async function batch(agent: http.Agent, port: number, path: string, count: number) {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        next += 1;
        const answer = await get(agent, port, path);
        if (answer.status !== 200) throw new Error(`${path} answered ${answer.status}`);
        latencies.push(answer.ms);
      }
    }),
  );
  return { latencies, wallMs: performance.now() - started };
}

/** The page's first-load JavaScript: the module scripts and modulepreloads its HTML names, gzipped. */
async function firstLoadJs(agent: http.Agent, port: number, html: string): Promise<number> {
  const sources = new Set<string>();
  for (const match of html.matchAll(/<link rel="modulepreload" href="([^"]+)"/g)) sources.add(match[1]!);
  for (const match of html.matchAll(/import\s*(?:[^"']*from\s*)?["'](\/assets\/[^"']+\.js)["']/g))
    sources.add(match[1]!);
  let bytes = 0;
  for (const source of sources) {
    const answer = await get(agent, port, source);
    const raw = answer.body[0] === 0x1f ? gunzipSync(answer.body) : answer.body;
    bytes += gzipSync(raw).length;
  }
  return bytes;
}

// ---- the run ---------------------------------------------------------------------------------------

type Page = { name: string; path: string; kind: "near-empty" | "data" | "browse" | "other" };

async function pagesFor(databaseUrl: string): Promise<Page[]> {
  const slugs = await withClient(databaseUrl, async (client) => {
    const organisation = await client.query<{ slug: string }>(
      "SELECT slug FROM organisations WHERE search_visible AND slug LIKE 'scale-org-%' ORDER BY slug LIMIT 1",
    );
    const request = await client.query<{ slug: string }>(
      "SELECT slug FROM partnership_requests WHERE search_visible ORDER BY slug LIMIT 1",
    );
    return { organisation: organisation.rows[0]!.slug, request: request.rows[0]!.slug };
  });
  return [
    { name: "home", path: "/nl/", kind: "other" },
    { name: "sign-in", path: "/en/signin", kind: "near-empty" },
    { name: "browse DE music", path: "/nl/browse?country=DE&topic=music", kind: "browse" },
    { name: "browse sports Kleve", path: "/nl/browse?kind=sports_club&municipality=GM0268", kind: "browse" },
    {
      name: "browse NL schools (orgs)",
      path: "/de/browse?show=organisations&country=NL&kind=school",
      kind: "browse",
    },
    { name: "search fussball", path: "/nl/browse?q=fussball", kind: "browse" },
    { name: "search Nijmgen", path: "/nl/browse?q=Nijmgen", kind: "browse" },
    { name: "organisation", path: `/nl/organisations/${slugs.organisation}`, kind: "data" },
    { name: "request", path: `/de/requests/${slugs.request}`, kind: "data" },
    { name: "map page", path: "/nl/map", kind: "other" },
    {
      name: "/map/points",
      path: "/map/points?bbox=5.5,51.3,7.0,52.2&zoom=9",
      kind: "other",
    },
  ];
}

type Figures = {
  rps: number[];
  latencies: number[];
  nodeMs: number;
  postgresMs: number;
  requests: number;
  unmeasured: number;
};

const database = await resolveDatabase({ root, log });
const servers: Server[] = [];
try {
  const largeUrl = await prepareBenchDatabase(database.url, { orgs, requests: orgs * 2, log });
  const smallUrl = await prepareBenchDatabase(database.url, {
    orgs: smallOrgs,
    requests: smallOrgs * 2,
    log,
    name: "euregio_bench_small",
  });
  log("starting the production build on both databases");
  servers.push(
    await startServer("100k", largeUrl, 3901, { profile: values.profile }),
    await startServer("1k", smallUrl, 3902),
  );
  let pages = await pagesFor(largeUrl);
  const smallPages = new Map((await pagesFor(smallUrl)).map((page) => [page.name, page.path]));
  if (values.only) pages = pages.filter((page) => page.name.includes(values.only!));

  const agents = new Map(servers.map((server) => [server.name, new http.Agent({ keepAlive: true })]));
  const figures = new Map<string, Figures>();
  const sizes = new Map<string, { raw: number; gzipped: number; js: number }>();
  const pathOf = (server: Server, page: Page) =>
    server.name === "1k" ? smallPages.get(page.name)! : page.path;

  // Warm-up: every page on both servers (the map's points load on the first /map request).
  for (const server of servers) {
    const agent = agents.get(server.name)!;
    for (const page of pages) {
      const answer = await get(agent, server.port, pathOf(server, page));
      if (answer.status !== 200) throw new Error(`${server.name} ${page.path} answered ${answer.status}`);
      await batch(agent, server.port, pathOf(server, page), 20);
      if (server.name === "100k") {
        const raw = gunzipSync(answer.body);
        const js = page.path.startsWith("/map/") ? 0 : await firstLoadJs(agent, server.port, raw.toString());
        sizes.set(page.name, { raw: raw.length, gzipped: answer.body.length, js });
      }
    }
  }

  const statsClient = new (await import("pg")).default.Client({ connectionString: database.url });
  await statsClient.connect();
  for (let round = 1; round <= rounds; round += 1) {
    log(`round ${round} of ${rounds}`);
    for (const page of pages) {
      for (const server of servers) {
        const agent = agents.get(server.name)!;
        const pid = server.child.pid!;
        const nodeBefore = cpuMs(pid)!;
        const stopPostgres = await postgresCpu(statsClient, server.database);
        const { latencies, wallMs } = await batch(agent, server.port, pathOf(server, page), perBatch);
        const nodeAfter = cpuMs(pid)!;
        const postgres = await stopPostgres();
        const key = `${page.name}|${server.name}`;
        const entry: Figures = figures.get(key) ?? {
          rps: [],
          latencies: [],
          nodeMs: 0,
          postgresMs: 0,
          requests: 0,
          unmeasured: 0,
        };
        entry.rps.push((perBatch / wallMs) * 1000);
        entry.latencies.push(...latencies);
        entry.nodeMs += nodeAfter - nodeBefore;
        entry.postgresMs += postgres.ms;
        entry.requests += perBatch;
        if (!postgres.measured) entry.unmeasured += 1;
        figures.set(key, entry);
      }
    }
  }
  await statsClient.end();

  // ---- the report ----------------------------------------------------------------------------------
  const median = (list: number[]) =>
    percentile(
      [...list].sort((a, b) => a - b),
      50,
    );
  const summary = (page: Page, server: string) => {
    const entry = figures.get(`${page.name}|${server}`)!;
    const sorted = [...entry.latencies].sort((a, b) => a - b);
    return {
      rps: median(entry.rps),
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      node: entry.nodeMs / entry.requests,
      postgres: entry.postgresMs / entry.requests,
      unmeasured: entry.unmeasured,
    };
  };
  const fixed = (value: number, digits = 1) => value.toFixed(digits);
  console.info(
    `\n${perBatch} requests per page and round, ${rounds} rounds, ${concurrency} connections; ` +
      `CPU from /proc in 10 ms ticks over ${perBatch * rounds} requests per page and database\n`,
  );
  const header = [
    "page".padEnd(26),
    "db".padEnd(4),
    "req/s".padStart(7),
    "p50 ms".padStart(7),
    "p95 ms".padStart(7),
    "node ms".padStart(8),
    "pg ms".padStart(7),
    "node/pg".padStart(8),
    "HTML KB".padStart(8),
    "gz KB".padStart(6),
    "JS KB gz".padStart(9),
  ];
  console.info(header.join(" "));
  const misses: string[] = [];
  const signin = pages.find((page) => page.kind === "near-empty");
  for (const page of pages) {
    for (const server of servers) {
      const s = summary(page, server.name);
      const size = sizes.get(page.name)!;
      const ratio = s.postgres > 0 ? s.node / s.postgres : Infinity;
      console.info(
        [
          page.name.padEnd(26),
          server.name.padEnd(4),
          fixed(s.rps).padStart(7),
          fixed(s.p50).padStart(7),
          fixed(s.p95).padStart(7),
          fixed(s.node, 2).padStart(8),
          fixed(s.postgres, 2).padStart(7),
          (page.kind === "near-empty" ? "" : fixed(ratio, 2)).padStart(8),
          (server.name === "100k" ? fixed(size.raw / 1024) : "").padStart(8),
          (server.name === "100k" ? fixed(size.gzipped / 1024) : "").padStart(6),
          (server.name === "100k" && size.js ? fixed(size.js / 1024) : "").padStart(9),
        ].join(" ") +
          (s.unmeasured ? `  (PostgreSQL CPU not measured in ${s.unmeasured} batches: no backend seen)` : ""),
      );
    }
  }

  console.info("\ntargets:");
  const check = (ok: boolean, line: string) => {
    console.info(`  ${ok ? "ok  " : "MISS"} ${line}`);
    if (!ok) misses.push(line);
  };
  if (signin) {
    const s = summary(signin, "100k");
    check(
      s.node <= targets.signinNodeMs,
      `sign-in Node CPU ${fixed(s.node, 2)} ms ≤ ${targets.signinNodeMs} ms`,
    );
  }
  for (const page of pages.filter((page) => page.kind === "browse" || page.kind === "data")) {
    const s = summary(page, "100k");
    check(
      s.node <= targets.nodeOverPostgres * s.postgres,
      `${page.name}: Node CPU ${fixed(s.node, 2)} ms ≤ ${targets.nodeOverPostgres} × PostgreSQL ${fixed(s.postgres, 2)} ms`,
    );
  }
  if (signin) {
    const signinRps = summary(signin, "100k").rps;
    for (const page of pages.filter((page) => page.kind === "browse")) {
      const ratio = summary(page, "100k").rps / signinRps;
      check(
        ratio >= targets.browseOverSignin,
        `${page.name}: throughput ÷ sign-in's ${fixed(ratio, 2)} ≥ ${targets.browseOverSignin}`,
      );
    }
  }
  for (const page of pages) {
    const ratio = summary(page, "100k").p95 / summary(page, "1k").p95;
    check(
      ratio <= targets.largeOverSmallP95,
      `${page.name}: p95 100k ÷ 1k ${fixed(ratio, 2)} ≤ ${targets.largeOverSmallP95}`,
    );
  }
  for (const page of pages.filter((page) => !page.path.startsWith("/map"))) {
    const kb = sizes.get(page.name)!.js / 1024;
    check(
      kb <= targets.firstLoadKb,
      `${page.name}: first-load JavaScript ${fixed(kb)} KB gzipped ≤ ${targets.firstLoadKb} KB`,
    );
  }
  if (misses.length > 0) {
    console.error(`\n${misses.length} target(s) missed`);
    process.exitCode = 1;
  }
} finally {
  for (const server of servers) server.child.kill("SIGTERM");
  await Promise.all(servers.map((server) => new Promise((resolve) => server.child.once("exit", resolve))));
  await database.stop();
}
