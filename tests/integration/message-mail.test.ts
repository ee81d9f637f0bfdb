// Mail about new messages, received over SMTP: the other side's per-event members get a translated
// mail with a link to the thread (and the text, unless they chose mail without it); the writer
// never; a lively conversation mails each recipient at most once per thread per 15 minutes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailQueue, mailWorker } from "~/modules/mail/queue.server.ts";
import { answerInterest, expressInterest } from "~/modules/matching/matches.server.ts";
import { sendMessage } from "~/modules/messaging/send.server.ts";
import { openMatchThread } from "~/modules/messaging/threads.server.ts";
import { sendPerEventMails } from "~/modules/notifications/mail.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { resetEnvForTests } from "~/utils/env.server.ts";
import { ensureQueue, startWorkers } from "~/utils/jobs.server.ts";
import { createOrganisation, createUser, uniqueEmail } from "../factories/index.ts";
import { startSmtpServer, waitFor } from "../support/smtp.ts";

const APP_URL = "https://partners.euregio.example";
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;

beforeAll(async () => {
  smtp = await startSmtpServer();
  process.env.SMTP_URL = smtp.url;
  process.env.APP_URL = APP_URL;
  resetEnvForTests();
  await ensureQueue({ ...mailQueue, options: { ...mailQueue.options, retryDelay: 1 } });
  await startWorkers([mailWorker], { pollingIntervalSeconds: 0.5 });
});

afterAll(async () => {
  await smtp.stop();
  delete process.env.SMTP_URL;
  delete process.env.APP_URL;
  resetEnvForTests();
});

const mailsTo = (email: string) => smtp.received.filter((mail) => mail.to.includes(email));

/** Queues the due per-event mails and waits until the mail worker has delivered them. */
async function settle() {
  await sendPerEventMails();
  const boss = await ensureQueue(mailQueue);
  await waitFor(async () =>
    (await boss.getQueueSize(mailQueue.name, { before: "completed" })) === 0 ? true : undefined,
  );
}

async function conversation() {
  const teacher = await createUser({ email: uniqueEmail("nl"), locale: "nl", notificationMail: "per_event" });
  const lehrerin = await createUser({
    email: uniqueEmail("de"),
    locale: "de",
    name: "Anke Schmitz",
    notificationMail: "per_event",
  });
  const private_ = await createUser({
    email: uniqueEmail("de"),
    locale: "de",
    notificationMail: "per_event",
  });
  await prisma.user.update({ where: { id: private_.id }, data: { mailWithoutMessageText: true } });
  const dutch = await createOrganisation({ ownerId: teacher.id, name: "Basisschool De Klimop" });
  const german = await createOrganisation({
    municipalityCode: "05154036",
    ownerId: lehrerin.id,
    name: "Grundschule an der Schwanenburg",
    members: [{ userId: private_.id, role: "editor" }],
  });
  const { matchId } = await expressInterest(teacher.id, { organisation: dutch.slug, partner: german.slug });
  await answerInterest(lehrerin.id, matchId, "accept");
  const threadId = await openMatchThread(teacher, matchId);
  return { teacher, lehrerin, private_, threadId };
}

describe("mail about messages", () => {
  it("mails the other side with a link, the text only to who wants it, never the writer; once per 15 minutes", async () => {
    const { teacher, lehrerin, private_, threadId } = await conversation();
    // Mails about the connection itself are not what this test is about.
    await settle();
    const before = (email: string) => mailsTo(email).length;
    const counts = {
      lehrerin: before(lehrerin.email),
      private_: before(private_.email),
      teacher: before(teacher.email),
    };

    await sendMessage(teacher, {
      threadId,
      body: "Beste collega's,\nzullen we in mei een uitwisseling plannen?",
      clientKey: `k-${crypto.randomUUID()}`,
    });
    await settle();
    const first = await waitFor(() => mailsTo(lehrerin.email)[counts.lehrerin]);
    expect(first.subject).toContain(
      "Basisschool De Klimop hat Grundschule an der Schwanenburg eine Nachricht geschickt.",
    );
    expect(first.text).toContain("zullen we in mei een uitwisseling plannen?");
    expect(first.text).toContain(`${APP_URL}/de/messages/${threadId}`);
    const hidden = await waitFor(() => mailsTo(private_.email)[counts.private_]);
    expect(hidden.text).toContain(`${APP_URL}/de/messages/${threadId}`);
    expect(hidden.text).not.toContain("uitwisseling");
    expect(hidden.html).not.toContain("uitwisseling");

    // Two more within the quarter hour: notifications, but no more mail.
    for (const body of ["Of liever in juni?", "Laat het ons weten."])
      await sendMessage(teacher, { threadId, body, clientKey: `k-${crypto.randomUUID()}` });
    await settle();
    expect(mailsTo(lehrerin.email)).toHaveLength(counts.lehrerin + 1);
    expect(mailsTo(private_.email)).toHaveLength(counts.private_ + 1);
    expect(
      await prisma.notification.count({ where: { userId: lehrerin.id, type: "message_received" } }),
    ).toBe(3);
    expect(mailsTo(teacher.email)).toHaveLength(counts.teacher);

    // A quarter of an hour later, the next message mails again.
    await prisma.$executeRaw`UPDATE thread_mail_marks SET mailed_at = now() - interval '16 minutes'
      WHERE thread_id = ${threadId}::uuid`;
    await sendMessage(teacher, { threadId, body: "Nog één vraag.", clientKey: `k-${crypto.randomUUID()}` });
    await settle();
    const again = await waitFor(() => mailsTo(lehrerin.email)[counts.lehrerin + 1]);
    expect(again.text).toContain("Nog één vraag.");

    // The German side answers: now the Dutch writer is the recipient, and the German writer gets nothing.
    const mailedGerman = mailsTo(lehrerin.email).length;
    await sendMessage(lehrerin, { threadId, body: "Gern im Mai!", clientKey: `k-${crypto.randomUUID()}` });
    await settle();
    const answer = await waitFor(() => mailsTo(teacher.email)[counts.teacher]);
    expect(answer.text).toContain("Gern im Mai!");
    expect(answer.text).toContain(`${APP_URL}/nl/messages/${threadId}`);
    expect(mailsTo(lehrerin.email)).toHaveLength(mailedGerman);
  });
});
