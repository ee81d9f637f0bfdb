// The outbox, where mail goes when SMTP_URL is unset: sealed rows, opened for /dev/mail and the
// tests, and deleted by an hourly job once every link they carry has died.
import { prisma } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { defineQueue, type JobWorker } from "~/utils/jobs.server.ts";
import { openMail, type SealedMail } from "./seal.server.ts";
import type { Mail } from "./templates.server.ts";

/** The longest a link in a mail works (an invitation, organisations/service.server.ts); no mail is kept longer. */
export const MAIL_KEPT_DAYS = 7;

export const OUTBOX_EXPIRY_QUEUE = "outbox-expiry";
export const OUTBOX_EXPIRY_CRON = "23 * * * *";

export async function addToOutbox(mail: SealedMail): Promise<void> {
  await prisma.outboxMail.create({ data: { to: mail.to, sealed: mail.sealed } });
}

export type OutboxMail = Mail & { id: string; createdAt: Date };

/** Newest first, or, for one address, in the order sent. */
export async function readOutbox(options: { to?: string; take?: number }): Promise<OutboxMail[]> {
  const rows = await prisma.outboxMail.findMany({
    where: options.to === undefined ? {} : { to: options.to },
    orderBy: { createdAt: options.to === undefined ? "desc" : "asc" },
    take: options.take,
  });
  const secret = getEnv().SESSION_SECRET;
  return rows.flatMap((row) => {
    try {
      return [{ ...openMail(secret, row), id: row.id, createdAt: row.createdAt }];
    } catch {
      // Sealed under an earlier SESSION_SECRET: unreadable now, and gone within the week.
      return [];
    }
  });
}

export async function deleteExpiredOutboxMails(now = new Date()): Promise<number> {
  const { count } = await prisma.outboxMail.deleteMany({
    where: { createdAt: { lt: new Date(now.getTime() - MAIL_KEPT_DAYS * 24 * 60 * 60 * 1000) } },
  });
  return count;
}

/** Hourly: the outbox forgets mails whose links have all died. */
export const outboxExpiryWorker: JobWorker<object> = {
  queue: defineQueue({
    name: OUTBOX_EXPIRY_QUEUE,
    options: { policy: "singleton" },
    cron: OUTBOX_EXPIRY_CRON,
  }),
  handle: async () => {
    await deleteExpiredOutboxMails();
  },
};
