// Mail in integration tests: runs the queued deliveries now and reads what reached the outbox.
import { deliverMail, MAIL_QUEUE, startMailQueue } from "~/modules/mail/queue.server.ts";
import type { Mail } from "~/modules/mail/templates.server.ts";
import { prisma } from "~/utils/db.server.ts";

/**
 * Delivers every queued mail to the outbox now and returns the ones sent to `to`. The queue's own
 * worker may hold a job at that moment, so this waits until no job is left before reading.
 */
export async function mailsTo(to: string): Promise<Mail[]> {
  const boss = await startMailQueue();
  for (;;) {
    const jobs = await boss.fetch<Mail>(MAIL_QUEUE, { batchSize: 20 });
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
  return prisma.outboxMail.findMany({ where: { to }, orderBy: { createdAt: "asc" } });
}
