// Browser-test setup: a fresh migrated database with the demo data (what a new user sees on the
// map), an SMTP server that catches the app's mail, and the built app serving on E2E_PORT.
import { execFileSync } from "node:child_process";
import { appendFileSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { startSmtpServer } from "../support/smtp.ts";
import {
  createDatabaseFrom,
  createTemplate,
  databaseUrl,
  dropDatabase,
  startTestServer,
} from "../setup/test-database.ts";
import { startAppServer } from "./support/app-server.ts";

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
  process.env.E2E_SMTP_URL = smtp.url;

  return async () => {
    await app.stop();
    await smtp.stop();
    await dropDatabase(server.adminUrl, name);
    await dropDatabase(server.adminUrl, template);
    await server.stop();
  };
}
