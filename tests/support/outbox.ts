// Mail in integration tests: runs the queued account jobs and deliveries now and reads what reached
// the outbox, opened.
import {
  ACCOUNT_MAIL_QUEUE,
  createAccountMailQueue,
  type SealedAccountMailJob,
} from "~/modules/auth/account-mail.server.ts";
import { runAccountMailJob } from "~/modules/auth/service.server.ts";
import { readOutbox } from "~/modules/mail/outbox.server.ts";
import { deliverMail, MAIL_QUEUE, startMailQueue } from "~/modules/mail/queue.server.ts";
import type { SealedMail } from "~/modules/mail/seal.server.ts";
import type { Mail } from "~/modules/mail/templates.server.ts";

/**
 * Runs every job of the queue now. A worker may hold a job at that moment (the mail queue's own
 * does), so this waits until no job is left.
 */
async function drain<T extends object>(queue: string, run: (data: T) => Promise<void>): Promise<void> {
  const boss = await startMailQueue();
  for (;;) {
    const jobs = await boss.fetch<T>(queue, { batchSize: 20 });
    if (jobs && jobs.length > 0) {
      for (const job of jobs) await run(job.data);
      await boss.complete(
        queue,
        jobs.map((job) => job.id),
      );
      continue;
    }
    if ((await boss.getQueueSize(queue, { before: "completed" })) === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Finishes every sign-up and reset request taken so far, as the account-mail worker would. */
export async function runAccountMailJobs(): Promise<void> {
  await createAccountMailQueue(await startMailQueue());
  await drain<SealedAccountMailJob>(ACCOUNT_MAIL_QUEUE, runAccountMailJob);
}

/** Runs the account jobs, then delivers every queued mail to the outbox; returns the ones sent to `to`. */
export async function mailsTo(to: string): Promise<Mail[]> {
  await runAccountMailJobs();
  await drain<SealedMail>(MAIL_QUEUE, deliverMail);
  return readOutbox({ to });
}
