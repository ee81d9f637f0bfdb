// The per-event mail queue and its wake-up, apart from the mail's texts: notify.server.ts (which the
// matches code imports) needs only this, so the pages that notify carry none of the mail's code.
import type { Prisma } from "~/generated/prisma/client.ts";
import { defineQueue, jobsDb } from "~/utils/jobs.server.ts";

/** Per-event mail: woken by every notifying transaction that reaches a per-event user, and each minute. */
export const NOTIFICATION_MAIL_QUEUE = "notification-mail";
export const NOTIFICATION_MAIL_CRON = "* * * * *";

export const notificationMailQueue = defineQueue<object>({
  name: NOTIFICATION_MAIL_QUEUE,
  options: { retryLimit: 5, retryDelay: 10, retryBackoff: true },
  cron: NOTIFICATION_MAIL_CRON,
});

/**
 * Wakes the per-event mail job from inside the transaction that wrote notifications (`db` is that
 * transaction): the job is there exactly when the notifications are committed, so it never runs
 * before them, and a rolled-back change sends nothing. The minutely run catches anything else.
 */
export async function wakePerEventMail(db: Pick<Prisma.TransactionClient, "$queryRawUnsafe">) {
  await notificationMailQueue.send({ woken: "notify" }, { db: jobsDb(db) });
}
