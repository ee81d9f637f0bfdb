// Playwright fixtures: test data made by the integration tests' factories (tests/factories), through
// Prisma on the browser tests' database, and deleted again when the test ends; users signed in by a
// session cookie.
import { PrismaPg } from "@prisma/adapter-pg";
import { test as base, expect, type Page } from "@playwright/test";
import pg from "pg";
import { PrismaClient } from "../../../app/generated/prisma/client.ts";
import {
  createFactories,
  uniqueEmail as anyEmail,
  type CreatedRow,
  type Database,
  type Factories,
} from "../../factories/index.ts";

let database: Database | undefined;

/** This worker's Prisma client on E2E_DATABASE_URL (the worker fixture below disconnects it). */
function e2eDatabase(): Database {
  const url = process.env.E2E_DATABASE_URL;
  if (!url)
    throw new Error("E2E_DATABASE_URL is not set: run the browser tests through playwright.config.ts");
  database ??= new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 2 }) });
  return database;
}

export async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** A new session for the user (deleted with the user), as the ep_session cookie of the page's context. */
export async function signInAs(page: Page, user: { id: string }) {
  const { token } = await createFactories(e2eDatabase()).createSession(user.id);
  await page
    .context()
    .addCookies([
      { name: "ep_session", value: token, domain: "localhost", path: "/", httpOnly: true, sameSite: "Lax" },
    ]);
}

/** Every translation key path, to check that no page shows one raw. */
export async function allKeyPaths(): Promise<string[]> {
  const { readFileSync, readdirSync } = await import("node:fs");
  const { join } = await import("node:path");
  const dir = join(import.meta.dirname, "..", "..", "..", "locales", "en");
  const keys: string[] = [];
  const walk = (value: unknown, prefix: string) => {
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const path = prefix ? `${prefix}.${key}` : key;
      if (child && typeof child === "object") walk(child, path);
      else if (path.includes(".")) keys.push(path);
    }
  };
  for (const file of readdirSync(dir)) walk(JSON.parse(readFileSync(join(dir, file), "utf8")), "");
  return keys;
}

/**
 * The factories, plus `uniqueEmail` for an account a test signs up through the pages. What they make,
 * the organisations the test's users register through the pages, and the accounts signed up with
 * those addresses are deleted when the test ends, so no test sees another's leftovers.
 */
export type TestFactories = Factories & { uniqueEmail: (prefix?: string) => string };

async function removeCreated(db: Database, created: CreatedRow[], emails: string[]) {
  const ids = (table: CreatedRow["table"]) =>
    created.filter((row) => row.table === table).map((row) => row.id);
  const signedUp = await db.user.findMany({ where: { email: { in: emails } }, select: { id: true } });
  const users = [...ids("users"), ...signedUp.map((user) => user.id)];
  const registered = await db.organisation.findMany({
    where: { memberships: { some: { userId: { in: users } }, every: { userId: { in: users } } } },
    select: { id: true },
  });
  const organisations = [...ids("organisations"), ...registered.map((organisation) => organisation.id)];
  const logos = await db.organisation.findMany({
    where: { id: { in: organisations }, logoId: { not: null } },
    select: { logoId: true },
  });
  await db.partnershipRequest.deleteMany({ where: { id: { in: ids("partnershipRequests") } } });
  // Requests, memberships, invitations and languages go with their organisation, sessions with their user.
  await db.organisation.deleteMany({ where: { id: { in: organisations } } });
  await db.organisationLogo.deleteMany({ where: { id: { in: logos.map((row) => row.logoId!) } } });
  await db.user.deleteMany({ where: { id: { in: users } } });
}

export const test = base.extend<
  { factories: TestFactories; failOnConsoleError: void },
  { e2eDatabase: Database }
>({
  e2eDatabase: [
    // Playwright requires an object pattern here, even without dependencies.
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      await use(e2eDatabase());
      await database?.$disconnect();
      database = undefined;
    },
    { scope: "worker", auto: true },
  ],
  factories: async ({ e2eDatabase: db }, use) => {
    const created: CreatedRow[] = [];
    const emails: string[] = [];
    const factories = createFactories(db, (row) => created.push(row));
    const uniqueEmail = (prefix = "e2e") => {
      const email = anyEmail(prefix);
      emails.push(email);
      return email;
    };
    await use({ ...factories, uniqueEmail });
    await removeCreated(db, created, emails);
  },
  failOnConsoleError: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      page.on("console", (message) => {
        // A 4xx document answer is logged by Chromium as a failed resource; that is what we test for.
        // Remix 2's single fetch logs the abort of a data request that a newer navigation replaced (the
        // map navigates on every move); nothing failed (ADR 0014).
        const expected = [/status of 4\d\d/, /^AbortError: signal is aborted without reason/];
        if (message.type() === "error" && !expected.some((pattern) => pattern.test(message.text())))
          errors.push(message.text());
      });
      await use();
      expect(errors, "browser console errors").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
