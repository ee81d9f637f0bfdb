// Mail in integration tests: runs the queued deliveries now and reads what reached the outbox, opened.
import { readOutbox } from "~/modules/mail/outbox.server.ts";
import { deliverMail, MAIL_QUEUE, startMailQueue } from "~/modules/mail/queue.server.ts";
import type { SealedMail } from "~/modules/mail/seal.server.ts";
import type { Mail } from "~/modules/mail/templates.server.ts";

/**
 * Delivers every queued mail to the outbox now and returns the ones sent to `to`. The queue's own
 * worker may hold a job at that moment, so this waits until no job is left before reading.
 */
export async function mailsTo(to: string): Promise<Mail[]> {
  const boss = await startMailQueue();
  for (;;) {
    const jobs = await boss.fetch<SealedMail>(MAIL_QUEUE, { batchSize: 20 });
    if (jobs && jobs.length > 0) {
      for (const job of jobs) await deliverMail(job.data);
      await boss.complete(
        MAIL_QUEUE,
        jobs.map((job) => job.id),
      );
      continue;
    }
    if ((await boss.getQueueSize(MAIL_QUEUE, { before: "completed" })) === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return readOutbox({ to });
}
