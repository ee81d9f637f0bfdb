// The account-mail queue: sign-up and password-reset requests are finished by a job, so the request
// itself does the same work whether or not the address is registered. Job data is sealed at rest.
import type PgBoss from "pg-boss";
import type { Locale } from "~/modules/i18n/config.ts";
import { startMailQueue } from "~/modules/mail/queue.server.ts";
import { openText, sealText } from "~/modules/mail/seal.server.ts";
import { getEnv } from "~/utils/env.server.ts";

export const ACCOUNT_MAIL_QUEUE = "account-mail";

export type AccountMailJob =
  | {
      kind: "signUp";
      name: string;
      email: string;
      locale: Locale;
      passwordHash: string;
      /** Absent in jobs queued before sign-ups remembered their browser. */
      browserHash?: string | null;
    }
  | { kind: "passwordReset"; email: string };

/** Everything sealed, the address too: unlike a mail, the job names no one deletion has to find. */
export type SealedAccountMailJob = { sealed: string };

const created = new WeakMap<PgBoss, Promise<void>>();

/** Creates the queue once per pg-boss instance: pg-boss refuses jobs for a queue it does not have. */
export function createAccountMailQueue(boss: PgBoss): Promise<void> {
  let creating = created.get(boss);
  if (!creating) {
    creating = boss.createQueue(ACCOUNT_MAIL_QUEUE, {
      name: ACCOUNT_MAIL_QUEUE,
      retryLimit: 5,
      retryDelay: 30,
      retryBackoff: true,
    });
    created.set(boss, creating);
    creating.catch(() => created.delete(boss));
  }
  return creating;
}

export async function enqueueAccountMail(job: AccountMailJob): Promise<void> {
  const boss = await startMailQueue();
  await createAccountMailQueue(boss);
  const sealed = sealText(getEnv().SESSION_SECRET, "account job", JSON.stringify(job));
  // A request not handled within a day is dropped; asking again is cheap.
  await boss.send(ACCOUNT_MAIL_QUEUE, { sealed } satisfies SealedAccountMailJob, { retentionDays: 1 });
}

export function openAccountMailJob(job: SealedAccountMailJob): AccountMailJob {
  return JSON.parse(openText(getEnv().SESSION_SECRET, "account job", job.sealed)) as AccountMailJob;
}
