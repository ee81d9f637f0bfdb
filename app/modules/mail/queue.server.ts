// Mail delivery through a pg-boss queue, so a failing SMTP server means a retry, not a lost mail.
// Without SMTP_URL, mail lands in the outbox table (read at /dev/mail in development).
import nodemailer, { type Transporter } from "nodemailer";
import PgBoss from "pg-boss";
import { prisma } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import type { Mail } from "./templates.server.ts";

export const MAIL_QUEUE = "send-mail";

type BossHolder = { boss?: PgBoss; starting?: Promise<PgBoss>; transport?: Transporter; stopping?: boolean };
const holder = globalThis as unknown as { __mailBoss?: BossHolder };
const state: BossHolder = (holder.__mailBoss ??= {});

export type QueueOptions = { retryDelaySeconds?: number; pollingIntervalSeconds?: number };

export async function startMailQueue(options: QueueOptions = {}): Promise<PgBoss> {
  if (state.boss) return state.boss;
  state.stopping = false;
  state.starting ??= (async () => {
    const boss = new PgBoss({ connectionString: process.env.DATABASE_URL, schema: "pgboss", max: 4 });
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
    await boss.work<Mail>(
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
  await boss.send(MAIL_QUEUE, mail);
}

export async function deliverMail(mail: Mail): Promise<void> {
  const env = getEnv();
  if (!env.SMTP_URL) {
    await prisma.outboxMail.create({ data: mail });
    return;
  }
  state.transport ??= nodemailer.createTransport(env.SMTP_URL);
  await state.transport.sendMail({ from: env.MAIL_FROM, ...mail });
}
