// `npm run db:seed`: migrates and adds the demo data to DATABASE_URL, or to the embedded database.
import { join } from "node:path";
import { resolveDatabase } from "../server/database.ts";
import { migrate } from "../server/migrations.ts";

const root = join(import.meta.dirname, "..");
const log = (line: string) => console.info(`[seed] ${line}`);
const database = await resolveDatabase({ root, log });
process.env.DATABASE_URL = database.url;
try {
  await migrate(database.url, { log });
  const { seedDemoData, demoLogins } = await import("../prisma/seed.ts");
  await seedDemoData();
  log(`demo data ready; logins (password "${demoLogins[0]?.password}"):`);
  for (const login of demoLogins) log(`  ${login.role.padEnd(6)} ${login.email}`);
  const { disconnectPrisma } = await import("../app/utils/db.server.ts");
  await disconnectPrisma();
} finally {
  await database.stop();
}
