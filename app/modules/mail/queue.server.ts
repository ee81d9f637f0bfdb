// Mail delivery through a pg-boss queue, so a failing SMTP server means a retry, not a lost mail.
// Without SMTP_URL, mail lands in the outbox table (read at /dev/mail in development). Jobs and
// outbox hold the mail sealed; it is opened only to be sent.
import nodemailer, { type Transporter } from "nodemailer";
import PgBoss from "pg-boss";
import { getEnv } from "~/utils/env.server.ts";
import { addToOutbox, MAIL_KEPT_DAYS } from "./outbox.server.ts";
import { openMail, sealMail, type SealedMail } from "./seal.server.ts";
import type { Mail } from "./templates.server.ts";

export const MAIL_QUEUE = "send-mail";

// Even sealed, a delivered mail should not stay in the database: a completed job leaves pgboss.job
// a minute after it finished (the least that keeps pg-boss's cron running: no job may be throttled
// for longer than this) and the archive a minute later; maintenance runs every two minutes, so it
// is gone within about five. A failed job keeps its error in pgboss.job for as long as its links
// could work, then goes the same way. These settings hold for every queue on this pg-boss; none of
// ours reads finished jobs.
const JOB_RETENTION = {
  archiveCompletedAfterSeconds: 60,
  archiveFailedAfterSeconds: MAIL_KEPT_DAYS * 24 * 60 * 60,
  deleteAfterSeconds: 60,
} satisfies PgBoss.ConstructorOptions;

type BossHolder = { boss?: PgBoss; starting?: Promise<PgBoss>; transport?: Transporter; stopping?: boolean };
const holder = globalThis as unknown as { __mailBoss?: BossHolder };
const state: BossHolder = (holder.__mailBoss ??= {});

export type QueueOptions = { retryDelaySeconds?: number; pollingIntervalSeconds?: number };

export async function startMailQueue(options: QueueOptions = {}): Promise<PgBoss> {
  if (state.boss) return state.boss;
  state.stopping = false;
  state.starting ??= (async () => {
    const boss = new PgBoss({
      connectionString: process.env.DATABASE_URL,
      schema: "pgboss",
      max: 4,
      ...JOB_RETENTION,
    });
    // Once stopping has begun, lost connections are expected (the embedded database stops too).
    boss.on("error", (error) => {
      if (!state.stopping) console.error("[mail queue]", error.message);
    });
    await boss.start();
    await boss.createQueue(MAIL_QUEUE, {
      name: MAIL_QUEUE,
      retryLimit: 10,
      retryDelay: options.retryDelaySeconds ?? 30,
      retryBackoff: true,
    });
    await boss.work<SealedMail>(
      MAIL_QUEUE,
      { pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2, batchSize: 5 },
      async (jobs) => {
        for (const job of jobs) await deliverMail(job.data);
      },
    );
    state.boss = boss;
    return boss;
  })();
  return state.starting;
}

export async function stopMailQueue() {
  const boss = state.boss;
  state.stopping = true;
  state.boss = undefined;
  state.starting = undefined;
  state.transport?.close();
  state.transport = undefined;
  await boss?.stop({ graceful: true, timeout: 5_000 });
}

export async function enqueueMail(mail: Mail): Promise<void> {
  const boss = await startMailQueue();
  // A mail not sent within the week carries only dead links: it is dropped instead of kept.
  await boss.send(MAIL_QUEUE, sealMail(getEnv().SESSION_SECRET, mail), { retentionDays: MAIL_KEPT_DAYS });
}

export async function deliverMail(mail: SealedMail): Promise<void> {
  const env = getEnv();
  if (!env.SMTP_URL) {
    await addToOutbox(mail);
    return;
  }
  state.transport ??= nodemailer.createTransport(env.SMTP_URL);
  await state.transport.sendMail({ from: env.MAIL_FROM, ...openMail(env.SESSION_SECRET, mail) });
}
