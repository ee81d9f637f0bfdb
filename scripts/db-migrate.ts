// `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the embedded database.
import { join } from "node:path";
import { resolveDatabase } from "../server/database.ts";
import { migrate } from "../server/migrations.ts";

const root = join(import.meta.dirname, "..");
const log = (line: string) => console.info(`[migrate] ${line}`);
const database = await resolveDatabase({ root, log });
try {
  const applied = await migrate(database.url, { log });
  log(applied.length ? `applied ${applied.length} migration(s)` : "database is up to date");
} finally {
  await database.stop();
}
