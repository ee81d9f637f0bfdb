// Mail delivery through a pg-boss queue, so a failing SMTP server means a retry, not a lost mail.
// Without SMTP_URL, mail lands in the outbox table (read at /dev/mail in development). Jobs and
// outbox hold the mail sealed; it is opened only to be sent.
import nodemailer, { type Transporter } from "nodemailer";
import type PgBoss from "pg-boss";
import { getEnv } from "~/utils/env.server.ts";
import { defineQueue, type JobWorker } from "~/utils/jobs.server.ts";
import { addToOutbox, MAIL_KEPT_DAYS } from "./outbox.server.ts";
import { openMail, sealMail, type SealedMail } from "./seal.server.ts";
import type { Mail } from "./templates.server.ts";

export const MAIL_QUEUE = "send-mail";

export const mailQueue = defineQueue<SealedMail>({
  name: MAIL_QUEUE,
  // Someone waits for a reset or sign-up mail: the first retry comes after 5 s, then doubling
  // (5 s · 2^n with backoff), the twelfth after about six hours.
  options: { retryLimit: 12, retryDelay: 5, retryBackoff: true },
});

export const mailWorker: JobWorker<SealedMail> = {
  queue: mailQueue,
  options: { pollingIntervalSeconds: 2, batchSize: 5 },
  handle: deliverMail,
};

const holder = globalThis as unknown as { __mailTransport?: Transporter };

/**
 * Queues a mail. `db` writes the job through the caller's transaction (pg-boss's own option), so the
 * mail is queued exactly when the caller's change commits: the notification mails use it to mark
 * their notifications mailed and queue the mail as one.
 */
export async function enqueueMail(mail: Mail, options: { db?: PgBoss.Db } = {}): Promise<void> {
  // A mail not sent within the week carries only dead links: it is dropped instead of kept.
  await mailQueue.send(sealMail(getEnv().SESSION_SECRET, mail), {
    retentionDays: MAIL_KEPT_DAYS,
    ...(options.db ? { db: options.db } : {}),
  });
}

export async function deliverMail(mail: SealedMail): Promise<void> {
  const env = getEnv();
  if (!env.SMTP_URL) {
    await addToOutbox(mail);
    return;
  }
  holder.__mailTransport ??= nodemailer.createTransport(env.SMTP_URL);
  await holder.__mailTransport.sendMail({ from: env.MAIL_FROM, ...openMail(env.SESSION_SECRET, mail) });
}

export function closeMailTransport() {
  holder.__mailTransport?.close();
  holder.__mailTransport = undefined;
}
