// The mail the app sent during the browser tests, as caught by the SMTP server of the global setup.
import { existsSync, readFileSync } from "node:fs";
import type { ReceivedMail } from "../../support/smtp.ts";
import { waitFor } from "../../support/smtp.ts";

function readMailbox(): ReceivedMail[] {
  const file = process.env.E2E_MAILBOX;
  if (!file) throw new Error("E2E_MAILBOX is not set: run the browser tests through playwright.config.ts");
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as ReceivedMail);
}

/**
 * Waits for the n-th mail (1-based) to `to` and returns it. The default covers the mail queue's
 * polling; a test that may meet a failed first send gives the account-mail job's 30 s retry room.
 */
export function waitForMail(to: string, nth = 1, timeoutMs = 30_000): Promise<ReceivedMail> {
  return waitFor(() => readMailbox().filter((mail) => mail.to.includes(to))[nth - 1], timeoutMs);
}

export function linkIn(mail: ReceivedMail): string {
  const link = mail.text.match(/https?:\/\/\S+token=[a-z2-7]+/)?.[0];
  if (!link) throw new Error(`no link in mail:\n${mail.text}`);
  return link;
}
