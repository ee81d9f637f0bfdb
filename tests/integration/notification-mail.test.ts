// Mail about notifications, received over SMTP: a per-event user's mail comes within seconds of the
// commit with the workers running as the server runs them (and never for a change rolled back), and
// the daily and weekly digests list the unread notifications in the recipient's language with
// absolute links, are never sent empty and never twice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailQueue, mailWorker } from "~/modules/mail/queue.server.ts";
import {
  DIGEST_LIST_LIMIT,
  NOTIFICATION_MAIL_QUEUE,
  notificationMailWorker,
  sendDigests,
  sendPerEventMails,
} from "~/modules/notifications/mail.server.ts";
import { notifyMembers } from "~/modules/notifications/notify.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { resetEnvForTests } from "~/utils/env.server.ts";
import { ensureQueue, startWorkers } from "~/utils/jobs.server.ts";
import { createNotification, createOrganisation, createUser, uniqueEmail } from "../factories/index.ts";
import { startSmtpServer, waitFor, type ReceivedMail } from "../support/smtp.ts";

const APP_URL = "https://partners.euregio.example";
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

beforeAll(async () => {
  smtp = await startSmtpServer();
  process.env.SMTP_URL = smtp.url;
  process.env.APP_URL = APP_URL;
  resetEnvForTests();
  await ensureQueue({ ...mailQueue, options: { ...mailQueue.options, retryDelay: 1 } });
  // The two workers a notification's mail passes through, polling as often as the server's do.
  await startWorkers([notificationMailWorker, mailWorker], { pollingIntervalSeconds: 0.5 });
});

afterAll(async () => {
  await smtp.stop();
  delete process.env.SMTP_URL;
  delete process.env.APP_URL;
  resetEnvForTests();
});

const params = { partner: "Gesamtschule Kleve", organisation: "Dominicus College Wijchen" };

const mailsTo = (email: string) => smtp.received.filter((mail) => mail.to.includes(email));

/** Waits until the queues are empty and the mail worker has had time to deliver. */
async function settle() {
  await sendPerEventMails();
  const boss = await ensureQueue(mailQueue);
  await waitFor(async () =>
    (await boss.getQueueSize(mailQueue.name, { before: "completed" })) === 0 ? true : undefined,
  );
}

async function member(options: Parameters<typeof createUser>[0]) {
  const user = await createUser({ email: uniqueEmail(options?.locale ?? "en"), ...options });
  const organisation = await createOrganisation({ ownerId: user.id, name: params.organisation });
  return { user, organisation };
}

describe("per-event mail", () => {
  it("reaches a per-event user within seconds of the commit, in their language, with an absolute link", async () => {
    const { user, organisation } = await member({
      locale: "de",
      name: "Jonas Becker",
      notificationMail: "per_event",
    });
    const committed = Date.now();
    await prisma.$transaction((tx) =>
      notifyMembers(tx, organisation.id, {
        type: "interest_received",
        params,
        path: "/matches/0b7e2a64-3f55-4c4f-9a39-6a1b1c1d1e1f",
      }),
    );
    // Nobody drains a queue here: the job woken in the transaction and the mail worker do it all.
    const mail = await waitFor(() => mailsTo(user.email)[0], 15_000);
    expect(Date.now() - committed).toBeLessThan(15_000);
    expect(mail.subject).toBe(
      "Euregio Partners: Gesamtschule Kleve möchte mit Dominicus College Wijchen zusammenarbeiten.",
    );
    expect(mail.text).toContain("Hallo Jonas Becker,");
    expect(mail.text).toContain(`${APP_URL}/de/matches/0b7e2a64-3f55-4c4f-9a39-6a1b1c1d1e1f`);
    expect(mail.text).toContain(`${APP_URL}/de/account`);
    expect(mail.html).toContain(`href="${APP_URL}/de/notifications"`);
    const row = await prisma.notification.findFirstOrThrow({ where: { userId: user.id } });
    expect(row.mailedAt).not.toBeNull();
    expect(row.readAt).toBeNull();
  });

  it("wakes its job inside the notifying transaction: seen only at the commit, never after a rollback", async () => {
    const { organisation } = await member({ notificationMail: "per_event" });
    const now = () => prisma.$queryRaw<{ now: Date }[]>`SELECT now()`.then((rows) => rows[0]!.now);
    // Kicks from notifying transactions (the minutely run's jobs carry no data).
    const woken = (since: Date) =>
      prisma.$queryRaw<{ count: number }[]>`
        SELECT count(*)::int AS count FROM pgboss.job
        WHERE name = ${NOTIFICATION_MAIL_QUEUE} AND data->>'woken' = 'notify' AND created_on >= ${since}`.then(
        (rows) => rows[0]!.count,
      );

    const beforeCommit = await now();
    let seenInside = -1;
    await prisma.$transaction(async (tx) => {
      await notifyMembers(tx, organisation.id, { type: "match_promoted", params, path: "/matches/y" });
      // Another connection does not see it before the commit.
      seenInside = await woken(beforeCommit);
    });
    expect(seenInside).toBe(0);
    expect(await woken(beforeCommit)).toBe(1);

    const beforeRollback = await now();
    await expect(
      prisma.$transaction(async (tx) => {
        await notifyMembers(tx, organisation.id, { type: "match_declined", params, path: "/matches/x" });
        throw new Error("the change fails");
      }),
    ).rejects.toThrow("the change fails");
    expect(
      await prisma.notification.count({ where: { organisationId: organisation.id, type: "match_declined" } }),
    ).toBe(0);
    expect(await woken(beforeRollback)).toBe(0);
  });

  it("sends nothing for a notification read before its mail was due, and nothing to digest users", async () => {
    const eager = await createUser({ notificationMail: "per_event" });
    const daily = await createUser({ notificationMail: "daily" });
    const read = await createNotification(eager.id, { readAt: new Date() });
    await createNotification(daily.id);
    await settle();
    expect(mailsTo(eager.email)).toEqual([]);
    expect(mailsTo(daily.email)).toEqual([]);
    expect((await prisma.notification.findUniqueOrThrow({ where: { id: read.id } })).mailedAt).not.toBeNull();
    expect(await prisma.notification.count({ where: { userId: daily.id, mailedAt: null } })).toBe(1);
  });
});

describe("digests", () => {
  async function digestOf(email: string): Promise<ReceivedMail> {
    return waitFor(() => mailsTo(email)[0], 15_000);
  }

  it("lists a daily user's unread notifications, newest first, in Dutch, with absolute links", async () => {
    const user = await createUser({ locale: "nl", name: "Sanne de Vries", email: uniqueEmail("sanne") });
    const hour = 60 * 60 * 1000;
    await createNotification(user.id, {
      params,
      path: "/matches/a",
      createdAt: new Date(Date.now() - 3 * hour),
    });
    await createNotification(user.id, {
      type: "match_stage",
      params: { ...params, stage: "completed" },
      path: "/matches/b",
      createdAt: new Date(Date.now() - hour),
    });
    const read = await createNotification(user.id, { type: "match_promoted", params, readAt: new Date() });

    expect(await sendDigests("daily")).toBeGreaterThanOrEqual(1);
    const mail = await digestOf(user.email);
    expect(mail.subject).toBe("Uw dagelijkse overzicht van Euregio Partners: 2 nieuwe meldingen");
    expect(mail.text).toContain("Beste Sanne de Vries,");
    const stage = mail.text.indexOf(
      "De samenwerking tussen Dominicus College Wijchen en Gesamtschule Kleve is afgerond.",
    );
    const interest = mail.text.indexOf(
      "Gesamtschule Kleve wil graag samenwerken met Dominicus College Wijchen.",
    );
    expect(stage).toBeGreaterThan(0);
    expect(interest).toBeGreaterThan(stage);
    expect(mail.text).toContain(`${APP_URL}/nl/matches/a`);
    expect(mail.text).toContain(`${APP_URL}/nl/matches/b`);
    expect(mail.html).toContain(`href="${APP_URL}/nl/notifications"`);
    expect(mail.text).toContain("eens per dag");
    // The read one is not in it, and is settled: no later digest brings it.
    expect(mail.text).not.toContain("beveelt");
    expect((await prisma.notification.findUniqueOrThrow({ where: { id: read.id } })).mailedAt).not.toBeNull();
    expect(await prisma.notification.count({ where: { userId: user.id, mailedAt: null } })).toBe(0);

    // Never twice: the next run finds nothing for this user.
    await sendDigests("daily");
    await settle();
    expect(mailsTo(user.email)).toHaveLength(1);
  });

  it("is never sent empty: a user whose notifications are all read gets none, and weekly users wait for Monday's run", async () => {
    const allRead = await createUser({ email: uniqueEmail("read") });
    await createNotification(allRead.id, { readAt: new Date() });
    await createNotification(allRead.id, { readAt: new Date() });
    const weekly = await createUser({
      locale: "de",
      notificationMail: "weekly",
      email: uniqueEmail("weekly"),
    });
    await createNotification(weekly.id, { type: "match_connected", params });

    await sendDigests("daily");
    await settle();
    expect(mailsTo(allRead.email)).toEqual([]);
    expect(mailsTo(weekly.email)).toEqual([]);
    expect(await prisma.notification.count({ where: { userId: allRead.id, mailedAt: null } })).toBe(0);

    await sendDigests("weekly");
    const mail = await digestOf(weekly.email);
    expect(mail.subject).toBe(
      "Ihre wöchentliche Zusammenfassung von Euregio Partners: 1 neue Benachrichtigung",
    );
    expect(mail.text).toContain("Dominicus College Wijchen und Gesamtschule Kleve sind verbunden");
    expect(mail.text).toContain("einmal pro Woche");
  });

  it(`lists at most ${DIGEST_LIST_LIMIT} and counts the rest`, async () => {
    const user = await createUser({ email: uniqueEmail("busy") });
    for (let index = 0; index < DIGEST_LIST_LIMIT + 3; index++)
      await createNotification(user.id, { params: { partner: `Partner ${index}`, organisation: "Mine" } });
    await sendDigests("daily");
    const mail = await digestOf(user.email);
    expect(mail.subject).toBe(
      `Your daily summary from Euregio Partners: ${DIGEST_LIST_LIMIT + 3} new notifications`,
    );
    expect(mail.text.match(/^- /gm)).toHaveLength(DIGEST_LIST_LIMIT);
    expect(mail.text).toContain("… and 3 more notifications.");
  });
});
