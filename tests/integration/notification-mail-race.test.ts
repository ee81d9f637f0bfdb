// Two app instances running the same notification mail job at the same moment: two processes, each
// with its own database connections, started together. Every notification still goes out in
// exactly one mail (each user one digest with all of theirs), and none in two, over SMTP.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailQueue, mailWorker } from "~/modules/mail/queue.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { resetEnvForTests } from "~/utils/env.server.ts";
import { ensureQueue } from "~/utils/jobs.server.ts";
import { uniqueEmail } from "../factories/index.ts";
import { drain } from "../support/outbox.ts";
import { startSmtpServer } from "../support/smtp.ts";

const root = join(import.meta.dirname, "..", "..");
const runner = join(root, "tests", "support", "notification-mail-run.ts");

type Run = { sent: number; started: number; finished: number };

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

beforeAll(async () => {
  smtp = await startSmtpServer();
  process.env.SMTP_URL = smtp.url;
  resetEnvForTests();
  // pg-boss's schema and the mail queue exist before the instances start, as on a running site
  // (two processes creating them at the same moment can deadlock inside pg-boss).
  await ensureQueue(mailQueue);
});

afterAll(async () => {
  await smtp.stop();
  delete process.env.SMTP_URL;
  resetEnvForTests();
});

/** Starts a process per job, waits until all are connected, then tells them to go at once. */
async function runAtOnce(jobs: string[]): Promise<Run[]> {
  const children = jobs.map((job) => {
    const child = spawn(process.execPath, ["--import", "tsx", runner, job], {
      cwd: root,
      env: { ...process.env, SMTP_URL: "" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let errors = "";
    child.stderr.on("data", (chunk) => (errors += chunk));
    const lines = createInterface({ input: child.stdout });
    const next = () =>
      new Promise<string>((resolve, reject) => {
        lines.once("line", resolve);
        child.once("exit", (code) => reject(new Error(`runner exited with ${code}: ${errors}`)));
      });
    return { child, next };
  });
  await Promise.all(children.map(async ({ next }) => expect(await next()).toBe("ready")));
  const results = children.map(({ next }) => next());
  for (const { child } of children) child.stdin.end("go\n");
  const runs = (await Promise.all(results)).map((line) => JSON.parse(line) as Run);
  await Promise.all(
    children.map(({ child }) => (child.exitCode !== null ? null : new Promise((r) => child.once("exit", r)))),
  );
  return runs;
}

/**
 * Users with this many unread notifications each, written in bulk (nobody signs in as them, so no
 * password is hashed); the users' e-mail addresses.
 */
async function usersWithNotifications(
  count: number,
  each: number,
  options: { notificationMail?: "per_event" | "daily"; read?: boolean } = {},
): Promise<string[]> {
  const emails = Array.from({ length: count }, (_, index) => uniqueEmail(`race${index}`));
  await prisma.user.createMany({
    data: emails.map((email) => ({
      email,
      name: "Race Test",
      passwordHash: "not-a-hash",
      notificationMail: options.notificationMail ?? "daily",
    })),
  });
  const users = await prisma.user.findMany({ where: { email: { in: emails } }, select: { id: true } });
  await prisma.notification.createMany({
    data: users.flatMap((user, index) =>
      Array.from({ length: each }, (_, n) => ({
        userId: user.id,
        type: "interest_received" as const,
        params: { partner: `Partner ${n}`, organisation: `Org ${index}` },
        path: "/matches",
        readAt: options.read ? new Date() : null,
      })),
    ),
  });
  return emails;
}

/** The two runs overlapped in time: each began before the other ended. */
function overlapped([a, b]: Run[]) {
  return a!.started < b!.finished && b!.started < a!.finished;
}

describe("two instances at once", () => {
  // Each mail takes a new SMTP connection (about 0.15 s here); the runs themselves take about a second.
  it(
    "send each daily user one digest with all their unread notifications, never two",
    { timeout: 90_000 },
    async () => {
      const users = await usersWithNotifications(40, 3);
      // One more whose notifications are all read: claimed by one run or the other, mailed by neither.
      const [reader] = await usersWithNotifications(1, 2, { read: true });

      const runs = await runAtOnce(["daily", "daily"]);
      expect(overlapped(runs), JSON.stringify(runs)).toBe(true);
      expect(runs[0]!.sent + runs[1]!.sent).toBe(users.length);

      await drain(mailWorker);
      for (const email of users) {
        const mails = smtp.received.filter((mail) => mail.to.includes(email));
        expect(mails, email).toHaveLength(1);
        expect(mails[0]!.subject).toBe("Your daily summary from Euregio Partners: 3 new notifications");
      }
      expect(smtp.received.filter((mail) => mail.to.includes(reader!))).toEqual([]);
      expect(await prisma.notification.count({ where: { mailedAt: null } })).toBe(0);

      // A third run later finds nothing to send.
      const [again] = await runAtOnce(["daily"]);
      expect(again!.sent).toBe(0);
    },
  );

  it("send each per-event notification in exactly one mail", { timeout: 90_000 }, async () => {
    const users = await usersWithNotifications(10, 6, { notificationMail: "per_event" });
    const before = smtp.received.length;
    const runs = await runAtOnce(["per-event", "per-event"]);
    expect(overlapped(runs), JSON.stringify(runs)).toBe(true);
    expect(runs[0]!.sent + runs[1]!.sent).toBe(users.length * 6);

    await drain(mailWorker);
    const mails = smtp.received.slice(before);
    expect(mails).toHaveLength(users.length * 6);
    const subjects = new Set(mails.map((mail) => `${mail.to.join()} ${mail.subject}`));
    expect(subjects.size).toBe(users.length * 6);
    expect(await prisma.notification.count({ where: { mailedAt: null } })).toBe(0);
  });
});
