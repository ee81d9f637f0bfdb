// Browser-test setup: a fresh migrated database with the demo data (what a new user sees on the
// map), an SMTP server that catches the app's mail, and the built app serving on E2E_PORT.
import { execFileSync } from "node:child_process";
import { appendFileSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { startSmtpServer } from "../support/smtp.ts";
import {
  createDatabaseFrom,
  createTemplate,
  databaseUrl,
  dropDatabase,
  startTestServer,
} from "../setup/test-database.ts";
import { startAppServer } from "./support/app-server.ts";

async function queryOnce<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows[0]!;
  } finally {
    await client.end();
  }
}

/** The fixtures delete what a test made (support/fixtures.ts); rows left over name a test that does not. */
async function warnAboutLeftovers(url: string, seededAt: Date) {
  const left = await queryOnce<{ users: number; organisations: number; requests: number }>(
    url,
    `SELECT (SELECT count(*) FROM users WHERE created_at > $1)::int AS users,
            (SELECT count(*) FROM organisations WHERE created_at > $1)::int AS organisations,
            (SELECT count(*) FROM partnership_requests WHERE created_at > $1)::int AS requests`,
    [seededAt],
  );
  if (left.users + left.organisations + left.requests > 0)
    console.warn(
      `Browser tests left ${left.users} users, ${left.organisations} organisations and ${left.requests} requests behind: ` +
        "make them through the `factories` fixture (or its uniqueEmail for sign-ups), which deletes them.",
    );
}

export default async function globalSetup() {
  const outDir = join(import.meta.dirname, "..", "..", "test-results");
  mkdirSync(outDir, { recursive: true });
  const mailbox = join(outDir, `e2e-mailbox-${process.env.E2E_PORT}.jsonl`);
  rmSync(mailbox, { force: true });

  const server = await startTestServer();
  const template = await createTemplate(server.adminUrl);
  const name = await createDatabaseFrom(server.adminUrl, template, "euregio_e2e");
  const url = databaseUrl(server.adminUrl, name);
  execFileSync(
    process.execPath,
    ["--import", "tsx", join(import.meta.dirname, "..", "..", "scripts", "db-seed.ts")],
    {
      env: { ...process.env, DATABASE_URL: url },
      stdio: "ignore",
    },
  );
  // What the demo data alone shows on the map: tests add rows of their own for a while, never fewer.
  const demo = await queryOnce<{ count: number; seeded_at: Date }>(
    url,
    "SELECT count(*)::int AS count, now() AS seeded_at FROM partnership_requests WHERE search_visible",
  );
  const smtp = await startSmtpServer({
    onMail: (mail) => appendFileSync(mailbox, `${JSON.stringify(mail)}\n`),
  });
  const app = await startAppServer({
    port: Number(process.env.E2E_PORT),
    databaseUrl: url,
    smtpUrl: smtp.url,
  });

  process.env.E2E_DATABASE_URL = url;
  process.env.E2E_ADMIN_DATABASE_URL = server.adminUrl;
  process.env.E2E_TEMPLATE_DATABASE = template;
  process.env.E2E_MAILBOX = mailbox;
  process.env.E2E_DEMO_OPEN_REQUESTS = String(demo.count);
  process.env.E2E_SMTP_URL = smtp.url;

  return async () => {
    await app.stop();
    await smtp.stop();
    await warnAboutLeftovers(url, demo.seeded_at);
    await dropDatabase(server.adminUrl, name);
    await dropDatabase(server.adminUrl, template);
    await server.stop();
  };
}
