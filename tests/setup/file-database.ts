// Per integration test file: a fresh copy of the migrated template (console-error.ts runs too).
import { afterAll, inject } from "vitest";
import { createDatabaseFrom, databaseUrl, dropDatabase } from "./test-database.ts";

const adminUrl = inject("adminDatabaseUrl");
const name = await createDatabaseFrom(adminUrl, inject("templateDatabase"));
process.env.DATABASE_URL = databaseUrl(adminUrl, name);
process.env.NODE_ENV = "test";
process.env.SESSION_SECRET ??= "test-secret-test-secret-test-secret-0123";
delete process.env.SMTP_URL;

afterAll(async () => {
  const { closeMailTransport } = await import("~/modules/mail/queue.server.ts");
  const { stopJobs } = await import("~/utils/jobs.server.ts");
  const { disconnectPrisma } = await import("~/utils/db.server.ts");
  await stopJobs();
  closeMailTransport();
  await disconnectPrisma();
  await dropDatabase(adminUrl, name);
});
