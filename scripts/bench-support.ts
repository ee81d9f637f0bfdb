// Shared by the benchmarks: their options, the large synthetic database beside the default one,
// and timing.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import http from "node:http";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import pg from "pg";
import { migrate } from "../server/migrations.ts";
import { seedScale } from "./seed-scale.ts";

export const root = join(import.meta.dirname, "..");
export const log = (line: string) => console.info(`[bench] ${line}`);

/**
 * `--orgs`, `--requests` (twice the organisations), `--runs`, `--database` (the bench database's
 * name), bench:map's `--only viewports|writes`, `--write-seconds`, `--baseline-seconds` and
 * `--writes-per-second`, and the production build to time.
 */
export function benchOptions() {
  const { values } = parseArgs({
    options: {
      orgs: { type: "string", default: "100000" },
      requests: { type: "string" },
      runs: { type: "string", default: "60" },
      database: { type: "string", default: "euregio_bench" },
      only: { type: "string" },
      "write-seconds": { type: "string", default: "60" },
      "baseline-seconds": { type: "string", default: "60" },
      "writes-per-second": { type: "string", default: "10" },
    },
  });
  const orgs = Number(values.orgs);
  const requests = values.requests === undefined ? orgs * 2 : Number(values.requests);
  const buildFile = join(resolve(root, process.env.BUILD_DIR ?? "build"), "server", "index.js");
  if (!existsSync(buildFile)) {
    console.error(`No production build at ${buildFile}: run \`npm run build\` (or set BUILD_DIR) first.`);
    process.exit(2);
  }
  return {
    orgs,
    requests,
    runs: Number(values.runs),
    buildFile,
    database: values.database,
    only: values.only,
    writes: {
      seconds: Number(values["write-seconds"]),
      baselineSeconds: Number(values["baseline-seconds"]),
      writesPerSecond: Number(values["writes-per-second"]),
    },
  };
}

export async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A bench database (default euregio_bench) beside the server's default one, created, migrated and filled when needed. */
export async function prepareBenchDatabase(
  serverUrl: string,
  options: { orgs: number; requests: number; log: (line: string) => void; name?: string },
): Promise<string> {
  const name = options.name ?? "euregio_bench";
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const benchUrl = url.toString();
  await withClient(serverUrl, async (client) => {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) await client.query(`CREATE DATABASE "${name}"`);
  });
  await migrate(benchUrl, { log: options.log });
  const present = await withClient(benchUrl, async (client) => {
    const { rows } = await client.query<{ count: number }>(
      "SELECT count(*)::int AS count FROM organisations WHERE slug LIKE 'scale-org-%'",
    );
    return rows[0]?.count ?? 0;
  });
  if (present !== options.orgs) {
    options.log(`filling ${name} with ${options.orgs} organisations and ${options.requests} requests`);
    await seedScale(benchUrl, options);
  }
  return benchUrl;
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export type Timing = { name: string; p50: number; p95: number; max: number };

export function summarise(name: string, all: number[]): Timing {
  const sorted = [...all].sort((a, b) => a - b);
  return { name, p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1)! };
}

/** Three warm-up runs, then `runs` timed ones. */
export async function timeRuns(
  runs: number,
  name: string,
  run: () => Promise<unknown>,
): Promise<{ all: number[]; timing: Timing }> {
  for (let i = 0; i < 3; i += 1) await run();
  const all: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await run();
    all.push(performance.now() - started);
  }
  return { all, timing: summarise(name, all) };
}

/**
 * Points the app at the bench database and loads the production build in this process; returns
 * what answers a path as the server would (without the network), and what closes the database.
 */
export async function benchApp(benchUrl: string, buildFile: string) {
  process.env.DATABASE_URL = benchUrl;
  process.env.NODE_ENV = "production";
  process.env.SESSION_SECRET ??= "bench-secret-bench-secret-bench-secret-0";
  const { disconnectPrisma } = await import("../app/utils/db.server.ts");
  const { createRequestHandler } = await import("@remix-run/node");
  const handler = createRequestHandler(await import(pathToFileURL(buildFile).href), "production");
  const context = { cspNonce: "", clientIp: "127.0.0.1", auth: null, isDevelopment: false };
  return {
    fetch: (path: string) => handler(new Request(`http://localhost${path}`), context),
    disconnect: disconnectPrisma,
  };
}

// ---- servers, requests and CPU from /proc (bench:pages, bench:map) ----------------------------

const ticksPerSecond = 100; // USER_HZ on Linux

export type ProcessTimes = { own: number; children: number; parent: number };

export function processTimes(pid: number): ProcessTimes | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces) start after the last ")".
    const fields = stat
      .slice(stat.lastIndexOf(")") + 2)
      .split(" ")
      .map(Number);
    const ms = (ticks: number) => (ticks / ticksPerSecond) * 1000;
    return {
      parent: fields[1]!,
      own: ms(fields[11]! + fields[12]!),
      children: ms(fields[13]! + fields[14]!),
    };
  } catch {
    return null;
  }
}

export type Server = {
  name: string;
  port: number;
  child: ChildProcess;
  database: string;
  url: string;
  /** Everything it printed so far. */
  output: () => string;
};

/** The production server (server/main.ts) on the database, once it listens; `env` adds to its environment. */
export async function startServer(
  name: string,
  databaseUrl: string,
  port: number,
  options: { profile?: boolean; env?: Record<string, string> } = {},
): Promise<Server> {
  const profile = options.profile ?? false;
  const profiling = profile ? ["--cpu-prof", "--cpu-prof-dir", join(root, ".cache", "profiles")] : [];
  const child = spawn(process.execPath, [...profiling, "--import", "tsx", join(root, "server", "main.ts")], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      APP_URL: `http://127.0.0.1:${port}`,
      SESSION_SECRET: process.env.SESSION_SECRET ?? "bench-secret-bench-secret-bench-secret-0",
      // The benchmark sends thousands of requests from one address; the limits' own counting stays.
      RATE_LIMIT_SCALE: "1000",
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (output.includes("listening on")) {
        clearInterval(timer);
        resolve();
      }
    }, 100);
    child.once("exit", (code) => {
      clearInterval(timer);
      reject(new Error(`the ${name} server exited with ${code}:\n${output}`));
    });
  });
  return {
    name,
    port,
    child,
    output: () => output,
    database: new URL(databaseUrl).pathname.slice(1),
    url: databaseUrl,
  };
}

export type Answer = { status: number; body: Buffer; ms: number };

/** One GET through the agent, gzip accepted as a browser would. */
export function get(agent: http.Agent, port: number, path: string): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const request = http.get(
      {
        host: "127.0.0.1",
        port,
        path,
        agent,
        headers: { "accept-encoding": "gzip", "accept-language": "nl" },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            body: Buffer.concat(chunks),
            ms: performance.now() - started,
          }),
        );
        response.on("error", reject);
      },
    );
    request.on("error", reject);
  });
}
