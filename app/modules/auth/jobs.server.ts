// The account-mail worker: finishes sign-ups and reset requests off the request path.
import type { JobWorker } from "~/utils/jobs.server.ts";
import { accountMailQueue, type SealedAccountMailJob } from "./account-mail.server.ts";
import { runAccountMailJob } from "./service.server.ts";

export const accountMailWorker: JobWorker<SealedAccountMailJob> = {
  queue: accountMailQueue,
  options: { pollingIntervalSeconds: 1 },
  handle: runAccountMailJob,
};
