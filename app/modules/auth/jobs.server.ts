// The auth module's workers: account mail (sign-ups and reset requests off the request path), and
// the hourly clean-up of rate-limit counters whose window ended.
import { defineQueue, type JobWorker } from "~/utils/jobs.server.ts";
import { accountMailQueue, type SealedAccountMailJob } from "./account-mail.server.ts";
import { deleteStaleCounters } from "./rate-limit.server.ts";
import { runAccountMailJob } from "./service.server.ts";

export const accountMailWorker: JobWorker<SealedAccountMailJob> = {
  queue: accountMailQueue,
  options: { pollingIntervalSeconds: 1 },
  handle: runAccountMailJob,
};

export const rateLimitCleanupWorker: JobWorker<object> = {
  queue: defineQueue({ name: "rate-limit-cleanup", options: { policy: "singleton" }, cron: "41 * * * *" }),
  handle: async () => {
    await deleteStaleCounters();
  },
};
