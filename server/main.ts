// Starts Euregio Partners: checks the environment, starts the embedded database when DATABASE_URL
// is unset, applies migrations, seeds demo data on first start, starts the job workers and serves.
// `--dev` serves through Vite with hot reload; otherwise the production build in build/ is served.
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Server } from "node:http";
import { EnvError } from "../app/utils/env.server.ts";

const root = join(import.meta.dirname, "..");
const dev = process.argv.includes("--dev");
if (dev) process.env.NODE_ENV ??= "development";
else process.env.NODE_ENV ??= "production";

const log = (line: string) => console.info(`[euregio] ${line}`);

async function main() {
  const { startJobs, stopAllJobs } = await import("./jobs.ts");
  const { getEnv, resetEnvForTests } = await import("../app/utils/env.server.ts");
  getEnv();
  const { resolveDatabase } = await import("./database.ts");
  const database = await resolveDatabase({ root, log });
  process.env.DATABASE_URL = database.url;
  resetEnvForTests();
  const env = getEnv();
  if (database.embedded) log(`embedded PostgreSQL running at ${database.url.replace(/:[^:@/]+@/, ":***@")}`);

  const running: {
    server?: Server;
    mapChanges?: { stop: () => Promise<void> };
    messages?: { stop: () => Promise<void> };
  } = {};
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal}: shutting down`);
    const stopQueue = stopAllJobs();
    void running.mapChanges?.stop();
    // Ends this instance's event streams, so their clients reconnect to another instance.
    await running.messages?.stop().catch(() => {});
    running.server?.close();
    const { disconnectPrisma } = await import("../app/utils/db.server.ts");
    await stopQueue.catch(() => {});
    await disconnectPrisma().catch(() => {});
    await database.stop().catch((error) => console.error(error));
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  const { migrate } = await import("./migrations.ts");
  await migrate(database.url, { log });

  const { seedDemoData, demoLogins } = await import("../prisma/seed.ts");
  if (database.created) {
    log("first start of the embedded database: adding demo data");
    await seedDemoData();
  }

  await startJobs();
  // The map's points: loaded once now, then kept up to date by the change log as commits are announced.
  const { listenForMapChanges } = await import("../app/modules/map/points/snapshot.server.ts");
  running.mapChanges = listenForMapChanges({ preload: true });
  // New messages: one LISTEN connection for all of this instance's event streams (GET /events).
  const { processMessageHub, stopProcessMessageHub } =
    await import("../app/modules/messaging/realtime/hub.server.ts");
  processMessageHub();
  running.messages = { stop: stopProcessMessageHub };

  if (!dev && !existsSync(join(root, process.env.BUILD_DIR ?? "build", "server/index.js"))) {
    throw new Error("No production build found: run `npm run build` first (or `npm run dev`).");
  }
  const { createApp } = await import("./app.ts");
  const app = await createApp(env);
  running.server = app.listen(env.PORT, env.HOST, () => {
    log(`listening on ${env.APP_URL} (${env.NODE_ENV})`);
    if (env.NODE_ENV === "development") {
      log("demo logins:");
      for (const login of demoLogins) log(`  ${login.role.padEnd(6)} ${login.email}  ${login.password}`);
      if (!env.SMTP_URL) log(`mail is not sent: read it at ${env.APP_URL}/dev/mail`);
    }
  });
}

main().catch((error) => {
  if (error instanceof EnvError || (error instanceof Error && error.name === "DatabaseStartError")) {
    console.error(error.message);
  } else {
    console.error("[euregio] start-up failed:", error);
  }
  process.exit(1);
});
