// The account-mail queue: sign-up and password-reset requests are finished by a job, so the request
// itself does the same work whether or not the address is registered. Job data is sealed at rest.
import type { Locale } from "~/modules/i18n/config.ts";
import { openText, sealText } from "~/modules/mail/seal.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { defineQueue } from "~/utils/jobs.server.ts";

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

export const accountMailQueue = defineQueue<SealedAccountMailJob>({
  name: ACCOUNT_MAIL_QUEUE,
  options: { retryLimit: 5, retryDelay: 30, retryBackoff: true },
});

export async function enqueueAccountMail(job: AccountMailJob): Promise<void> {
  const sealed = sealText(getEnv().SESSION_SECRET, "account job", JSON.stringify(job));
  // A request not handled within a day is dropped; asking again is cheap.
  await accountMailQueue.send({ sealed }, { retentionDays: 1 });
}

export function openAccountMailJob(job: SealedAccountMailJob): AccountMailJob {
  return JSON.parse(openText(getEnv().SESSION_SECRET, "account job", job.sealed)) as AccountMailJob;
}
