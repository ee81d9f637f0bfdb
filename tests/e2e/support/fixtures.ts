// Playwright fixtures: users inserted straight into the database, signed in by a session cookie.
import { randomBytes } from "node:crypto";
import { test as base, expect, type Page } from "@playwright/test";
import pg from "pg";
import { hashPassword } from "../../../app/modules/auth/password.server.ts";
import { generateToken, hashToken } from "../../../app/modules/auth/tokens.ts";

export const PASSWORD = "correct horse battery";

export function uniqueEmail(prefix = "e2e") {
  return `${prefix}-${randomBytes(5).toString("hex")}@test.euregio-partners.example`;
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

type TestUser = { id: string; email: string; name: string; password: string };

export async function insertUser(
  options: { locale?: "nl" | "de" | "en"; role?: string; verified?: boolean; name?: string } = {},
): Promise<TestUser> {
  const email = uniqueEmail();
  const name = options.name ?? "Eva Example";
  const [row] = await query<{ id: string }>(
    `INSERT INTO users (id, email, name, password_hash, locale, role, email_verified_at, updated_at)
     VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, now()) RETURNING id`,
    [
      email,
      name,
      await hashPassword(PASSWORD),
      options.locale ?? "en",
      options.role ?? "member",
      options.verified === false ? null : new Date(),
    ],
  );
  return { id: row!.id, email, name, password: PASSWORD };
}

export async function signInAs(page: Page, user: TestUser) {
  const token = generateToken();
  await query(`INSERT INTO sessions (id, user_id, expires_at) VALUES ($1, $2, now() + interval '30 days')`, [
    hashToken(token),
    user.id,
  ]);
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

export const test = base.extend<{ failOnConsoleError: void }>({
  failOnConsoleError: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      page.on("console", (message) => {
        // A 4xx document answer is logged by Chromium as a failed resource; that is what we test for.
        if (message.type() === "error" && !/status of 4\d\d/.test(message.text()))
          errors.push(message.text());
      });
      await use();
      expect(errors, "browser console errors").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
