// Mail in integration tests: runs the queued account jobs and deliveries now, as the server's
// workers would, and reads what reached the outbox, opened.
import { accountMailWorker } from "~/modules/auth/jobs.server.ts";
import { readOutbox } from "~/modules/mail/outbox.server.ts";
import { mailWorker } from "~/modules/mail/queue.server.ts";
import type { Mail } from "~/modules/mail/templates.server.ts";
import { ensureQueue, type JobWorker } from "~/utils/jobs.server.ts";

/**
 * Runs every job of the worker's queue now. A running worker may hold a job at that moment, so this
 * waits until no job is left.
 */
export async function drain<T extends object>({ queue, handle }: JobWorker<T>): Promise<void> {
  const boss = await ensureQueue(queue);
  for (;;) {
    const jobs = await boss.fetch<T>(queue.name, { batchSize: 20 });
    if (jobs && jobs.length > 0) {
      for (const job of jobs) await handle(job.data);
      await boss.complete(
        queue.name,
        jobs.map((job) => job.id),
      );
      continue;
    }
    if ((await boss.getQueueSize(queue.name, { before: "completed" })) === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Finishes every sign-up and reset request taken so far, as the account-mail worker would. */
export async function runAccountMailJobs(): Promise<void> {
  await drain(accountMailWorker);
}

/** Runs the account jobs, then delivers every queued mail to the outbox; returns the ones sent to `to`. */
export async function mailsTo(to: string): Promise<Mail[]> {
  await runAccountMailJobs();
  await drain(mailWorker);
  return readOutbox({ to });
}
