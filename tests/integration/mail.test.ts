// Mail goes through the pg-boss queue to a real SMTP server, translated, and survives a failing server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountMailWorker } from "~/modules/auth/jobs.server.ts";
import { signUp } from "~/modules/auth/service.server.ts";
import { mailQueue, mailWorker } from "~/modules/mail/queue.server.ts";
import { ensureQueue, startWorkers } from "~/utils/jobs.server.ts";
import { resetEnvForTests } from "~/utils/env.server.ts";
import { startSmtpServer, waitFor } from "../support/smtp.ts";
import { uniqueEmail } from "../factories/index.ts";

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

beforeAll(async () => {
  // The first two deliveries are refused with a temporary error.
  smtp = await startSmtpServer({ rejectFirst: 2 });
  process.env.SMTP_URL = smtp.url;
  resetEnvForTests();
  // The workers the app runs: the account job makes the user and queues the verification mail.
  // The mail queue retries after a second here instead of half a minute.
  await ensureQueue({ ...mailQueue, options: { ...mailQueue.options, retryDelay: 1 } });
  await startWorkers([accountMailWorker, mailWorker], { pollingIntervalSeconds: 0.5 });
});

afterAll(async () => {
  await smtp.stop();
  delete process.env.SMTP_URL;
  resetEnvForTests();
});

describe("mail delivery", () => {
  it("retries when the SMTP server refuses, then delivers the Dutch verification mail with a working link", async () => {
    const email = uniqueEmail("nl");
    await signUp(
      { name: "Daan Bakker", email, password: "samen-over-de-grens", locale: "nl" },
      "198.51.100.1",
    );
    const mail = await waitFor(() => smtp.received.find((m) => m.to.includes(email)), 30_000);
    expect(smtp.attempts()).toBeGreaterThanOrEqual(3);
    expect(mail.subject).toBe("Bevestig uw e-mailadres voor Euregio Partners");
    expect(mail.text).toContain("Beste Daan Bakker,");
    expect(mail.text).toMatch(/\/nl\/verify-email\?token=[a-z2-7]{32}/);
    expect(mail.html).toContain("E-mailadres bevestigen");
  });
});
