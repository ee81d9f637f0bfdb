// The PostgreSQL server tests run against: DATABASE_URL when set, otherwise an embedded one that
// lives for the test run. A migrated template database is made once per run; each test file
// (and the e2e app) gets its own copy.
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "../../server/database.ts";
import { migrate } from "../../server/migrations.ts";

const root = join(import.meta.dirname, "..", "..");

export type TestServer = { adminUrl: string; stop: () => Promise<void> };

export async function startTestServer(): Promise<TestServer> {
  const url = process.env.DATABASE_URL?.trim();
  if (url) return { adminUrl: url, stop: async () => {} };
  const database = await startEmbeddedPostgres({
    dataDir: join(root, ".data", "test-postgres"),
    database: "postgres",
  });
  return { adminUrl: database.url, stop: database.stop };
}

export function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function withAdmin<T>(adminUrl: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export async function createTemplate(adminUrl: string): Promise<string> {
  const name = `euregio_tpl_${randomBytes(4).toString("hex")}`;
  await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  await migrate(databaseUrl(adminUrl, name));
  return name;
}

export async function createDatabaseFrom(
  adminUrl: string,
  template: string,
  prefix = "euregio_t",
): Promise<string> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  return name;
}

export async function dropDatabase(adminUrl: string, name: string) {
  await withAdmin(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}
