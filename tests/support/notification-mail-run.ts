// Another app instance for the concurrency tests (tests/integration/notification-mail-race.test.ts):
// a process of its own with its own connections, which gets ready, waits for "go" on stdin, runs one
// notification mail job (`per-event`, `daily` or `weekly`) and prints what it queued and when.
import { createInterface } from "node:readline";
import { mailQueue } from "~/modules/mail/queue.server.ts";
import { sendDigests, sendPerEventMails } from "~/modules/notifications/mail.server.ts";
import { disconnectPrisma, prisma } from "~/utils/db.server.ts";
import { ensureQueue, stopJobs } from "~/utils/jobs.server.ts";

const job = process.argv[2];
if (job !== "per-event" && job !== "daily" && job !== "weekly") throw new Error(`unknown job ${job}`);

await ensureQueue(mailQueue);
await prisma.$queryRaw`SELECT 1`;
process.stdout.write("ready\n");
const input = createInterface({ input: process.stdin });
await new Promise((resolve) => input.once("line", resolve));
input.close();
const started = Date.now();
const sent = job === "per-event" ? await sendPerEventMails() : await sendDigests(job);
const finished = Date.now();
process.stdout.write(`${JSON.stringify({ sent, started, finished })}\n`);
await stopJobs();
await disconnectPrisma();
