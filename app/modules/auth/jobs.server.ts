// Registers the account-mail worker (sign-ups and reset requests finished off the request path).
import type PgBoss from "pg-boss";
import {
  ACCOUNT_MAIL_QUEUE,
  createAccountMailQueue,
  type SealedAccountMailJob,
} from "./account-mail.server.ts";
import { runAccountMailJob } from "./service.server.ts";

/** Works the account-mail queue on a started pg-boss (the mail queue's instance). */
export async function startAccountJobs(boss: PgBoss): Promise<void> {
  await createAccountMailQueue(boss);
  await boss.work<SealedAccountMailJob>(ACCOUNT_MAIL_QUEUE, { pollingIntervalSeconds: 1 }, async (jobs) => {
    for (const job of jobs) await runAccountMailJob(job.data);
  });
}
