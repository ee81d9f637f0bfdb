// Every worker the server runs: one pg-boss (app/utils/jobs.server.ts), each module's own jobs.
import { accountMailWorker, rateLimitCleanupWorker } from "../app/modules/auth/jobs.server.ts";
import { outboxExpiryWorker } from "../app/modules/mail/outbox.server.ts";
import { mapChangesPruneWorker } from "../app/modules/map/points/jobs.server.ts";
import { closeMailTransport, mailWorker } from "../app/modules/mail/queue.server.ts";
import {
  dailyDigestWorker,
  notificationMailWorker,
  weeklyDigestWorker,
} from "../app/modules/notifications/mail.server.ts";
import { weeklySuggestionsWorker } from "../app/modules/notifications/weekly/suggestions.server.ts";
import { requestExpiryWorker } from "../app/modules/requests/jobs.server.ts";
import { startWorkers, stopJobs } from "../app/utils/jobs.server.ts";

export const workers = [
  mailWorker,
  accountMailWorker,
  outboxExpiryWorker,
  requestExpiryWorker,
  rateLimitCleanupWorker,
  mapChangesPruneWorker,
  notificationMailWorker,
  dailyDigestWorker,
  weeklyDigestWorker,
  weeklySuggestionsWorker,
];

export function startJobs() {
  return startWorkers(workers);
}

export async function stopAllJobs() {
  await stopJobs();
  closeMailTransport();
}
