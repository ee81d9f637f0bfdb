// Messaging on real PostgreSQL, through the routes' loaders and actions: who may list, read, post
// in and report from a thread whatever ids they send; idempotent sends (20 at once, one message);
// blocks; rate limits; notifications of the other side; staff reading a reported thread, audited.
import { beforeAll, describe, expect, it } from "vitest";
import { consume } from "~/modules/auth/rate-limit.server.ts";
import { answerInterest, expressInterest } from "~/modules/matching/matches.server.ts";
import { messagingRules } from "~/modules/messaging/rules.server.ts";
import { sendMessage } from "~/modules/messaging/send.server.ts";
import { openMatchThread, unreadMessageCount } from "~/modules/messaging/threads.server.ts";
import { loader as rootLoader } from "~/root.tsx";
import { action as threadAction, loader as threadLoader } from "~/routes/$lang.messages_.$id.tsx";
import { action as inboxAction, loader as inboxLoader } from "~/routes/$lang.messages.tsx";
import { prisma } from "~/utils/db.server.ts";
import { createOrganisation, createUser } from "../factories/index.ts";
import { answerOf } from "../support/answer.ts";
import { expectAppError } from "../support/app-error.ts";
import { contextFor } from "../support/context.ts";

type User = Awaited<ReturnType<typeof createUser>>;

/** A connected Dutch–German pair with two members each, and a third organisation's member. */
async function connectedPair() {
  const [teacher, colleague, lehrerin, kollege, stranger] = await Promise.all([
    createUser({ locale: "nl" }),
    createUser({ locale: "nl" }),
    createUser({ locale: "de" }),
    createUser({ locale: "de" }),
    createUser(),
  ]);
  const dutch = await createOrganisation({
    municipalityCode: "GM0296",
    kind: "school",
    ownerId: teacher.id,
    members: [{ userId: colleague.id, role: "editor" }],
  });
  const german = await createOrganisation({
    municipalityCode: "05154036",
    kind: "school",
    ownerId: lehrerin.id,
    members: [{ userId: kollege.id, role: "editor" }],
  });
  const third = await createOrganisation({
    municipalityCode: "05154016",
    kind: "school",
    ownerId: stranger.id,
  });
  const { matchId } = await expressInterest(teacher.id, { organisation: dutch.slug, partner: german.slug });
  await answerInterest(lehrerin.id, matchId, "accept");
  const threadId = await openMatchThread(teacher, matchId);
  return { teacher, colleague, lehrerin, kollege, stranger, dutch, german, third, matchId, threadId };
}

const key = () => `key-${crypto.randomUUID()}`;

const get = (user: User | null, threadId: string) =>
  answerOf<{ thread: { messages: { body: string | null }[]; readOnly: string | null } }>(
    threadLoader({
      request: new Request(`http://localhost/nl/messages/${threadId}`),
      params: { lang: "nl", id: threadId },
      context: contextFor(user),
    }),
  );

const post = (user: User | null, threadId: string, form: Record<string, string>) =>
  answerOf<{ error?: { key: string }; body?: string }>(
    threadAction({
      request: new Request(`http://localhost/de/messages/${threadId}`, {
        method: "POST",
        body: new URLSearchParams(form),
      }),
      params: { lang: "de", id: threadId },
      context: contextFor(user),
    }),
  );

const list = (user: User | null, query = "") =>
  answerOf<{ page: { threads: { id: string; unread: number }[] } }>(
    inboxLoader({
      request: new Request(`http://localhost/nl/messages${query}`),
      params: { lang: "nl" },
      context: contextFor(user),
    }),
  );

let world: Awaited<ReturnType<typeof connectedPair>>;
beforeAll(async () => {
  world = await connectedPair();
});

describe("threads", () => {
  it("opens one thread per connected match, however often and by whichever side", async () => {
    const { lehrerin, kollege, matchId, threadId } = world;
    const again = await Promise.all([
      openMatchThread(lehrerin, matchId),
      openMatchThread(kollege, matchId),
      openMatchThread(lehrerin, matchId),
    ]);
    expect(new Set(again)).toEqual(new Set([threadId]));
    const opened = await answerOf(
      inboxLoader({
        request: new Request(`http://localhost/de/messages?match=${matchId}`),
        params: { lang: "de" },
        context: contextFor(kollege),
      }),
    );
    expect(opened.status).toBe(302);
    expect(opened.headers.get("Location")).toBe(`/de/messages/${threadId}`);
  });

  it("lets every member of both sides read and write, and keeps line breaks and the language", async () => {
    const { colleague, kollege, threadId } = world;
    const sent = await post(kollege, threadId, {
      intent: "send",
      body: "Guten Tag!\r\nWir freuen uns sehr auf den Austausch mit Ihrer Schule im Mai.",
      clientKey: key(),
    });
    expect([302, 303]).toContain(sent.status);
    expect(sent.headers.get("Location")).toBe(`/de/messages/${threadId}`);
    const stored = await prisma.message.findFirstOrThrow({ where: { threadId, authorId: kollege.id } });
    expect(stored.body).toBe("Guten Tag!\nWir freuen uns sehr auf den Austausch mit Ihrer Schule im Mai.");
    expect(stored.language).toBe("de");
    const page = await get(colleague, threadId);
    expect(page.status).toBe(200);
    expect(page.body.thread.messages.map((m) => m.body)).toContain(stored.body);
  });

  it("a third organisation's member cannot list, read, post in or report from the thread", async () => {
    const { stranger, threadId, matchId, teacher } = world;
    await sendMessage(teacher, { threadId, body: "Alleen voor onze partner.", clientKey: key() });
    expect((await list(stranger)).body.page.threads.map((t) => t.id)).not.toContain(threadId);
    expect((await get(stranger, threadId)).status).toBe(404);
    const message = await prisma.message.findFirstOrThrow({ where: { threadId } });
    const forms: Record<string, string>[] = [
      { intent: "send", body: "Hallo?", clientKey: key() },
      { intent: "report", target: "thread", reason: "spam" },
      { intent: "report", target: "message", messageId: message.id, reason: "spam" },
      { intent: "delete", messageId: message.id },
      { intent: "block" },
    ];
    for (const form of forms) {
      const answer = await post(stranger, threadId, form);
      expect(answer.status, JSON.stringify(form)).toBe(404);
      expect(answer.body.error?.key).toBe("messages:errors.unknownThread");
    }
    expect(await prisma.message.count({ where: { threadId, authorId: stranger.id } })).toBe(0);
    expect(await prisma.report.count({ where: { reporterId: stranger.id } })).toBe(0);
    await expectAppError(openMatchThread(stranger, matchId), 404, "matching:errors.unknownMatch");
    // Unknown and malformed ids are answered the same way.
    expect((await get(stranger, crypto.randomUUID())).status).toBe(404);
    expect((await get(stranger, "../../etc")).status).toBe(404);
  });

  it("sends signed-out visitors to sign-in, never data", async () => {
    for (const answer of [await get(null, world.threadId), await list(null)]) {
      expect(answer.status).toBe(302);
      expect(answer.headers.get("Location")).toMatch(/^\/(nl|de)\/signin\?redirectTo=/);
    }
    const posted = await post(null, world.threadId, { intent: "send", body: "x", clientKey: key() });
    expect(posted.status).toBe(302);
  });
});

describe("sending", () => {
  it("stores one message for 20 concurrent sends with the same key", async () => {
    const { teacher, threadId } = await connectedPair();
    const clientKey = key();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        sendMessage(teacher, { threadId, body: "Zullen we op dinsdag bellen?", clientKey }),
      ),
    );
    expect(new Set(answers.map((message) => message.id)).size).toBe(1);
    expect(await prisma.message.count({ where: { threadId, clientKey } })).toBe(1);
    // A resubmitted form is acknowledged again, with the same message.
    const resubmitted = await post(teacher, threadId, {
      intent: "send",
      body: "Zullen we op dinsdag bellen?",
      clientKey,
    });
    expect(resubmitted.status).toBe(303);
    expect(await prisma.message.count({ where: { threadId } })).toBe(1);
  });

  it("keeps the typed text with a translated error when a send fails", async () => {
    const { teacher, threadId } = world;
    const long = "a".repeat(5001);
    const answer = await post(teacher, threadId, { intent: "send", body: long, clientKey: key() });
    expect(answer.status).toBe(400);
    expect(answer.body.error?.key).toBe("messages:errors.tooLong");
    expect(answer.body.body).toBe(long);
    const empty = await post(teacher, threadId, { intent: "send", body: "  \n ", clientKey: key() });
    expect(empty.body.error?.key).toBe("messages:errors.empty");
    const badKey = await post(teacher, threadId, { intent: "send", body: "Hoi", clientKey: "short" });
    expect(badKey.status).toBe(400);
  });

  it("refuses messages beyond the per-user limit with a 429", async () => {
    const { teacher, threadId } = await connectedPair();
    const limit = messagingRules().messagesPerUser.limit;
    for (let i = 0; i < limit; i++)
      await sendMessage(teacher, { threadId, body: `Bericht ${i}`, clientKey: key() });
    const refused = await post(teacher, threadId, { intent: "send", body: "Nog één", clientKey: key() });
    expect(refused.status).toBe(429);
    expect(refused.body.error?.key).toMatch(/^common:errors\.rateLimited/);
    expect(refused.body.body).toBe("Nog één");
  });

  it("refuses new threads beyond the per-organisation limit of the day", async () => {
    const { teacher, lehrerin, dutch, german } = await connectedPair();
    const another = await createOrganisation({
      municipalityCode: "05154016",
      kind: "school",
      ownerId: lehrerin.id,
    });
    const { matchId } = await expressInterest(teacher.id, {
      organisation: dutch.slug,
      partner: another.slug,
    });
    await answerInterest(lehrerin.id, matchId, "accept");
    const rule = messagingRules().threadsPerOrganisation;
    for (let i = 0; i < rule.limit; i++) await consume(rule, dutch.id);
    await expectAppError(openMatchThread(teacher, matchId), 429, "messages:errors.tooManyThreads");
    expect(german.id).not.toBe(another.id);
  });
});

describe("blocks", () => {
  it("makes the thread read-only for both sides; the blocked side cannot post", async () => {
    const { teacher, lehrerin, threadId } = await connectedPair();
    expect((await post(teacher, threadId, { intent: "block" })).status).toBe(302);
    for (const user of [teacher, lehrerin]) {
      const answer = await post(user, threadId, { intent: "send", body: "Hallo", clientKey: key() });
      expect(answer.status).toBe(403);
      expect(answer.body.error?.key).toBe("messages:errors.blocked");
      expect((await get(user, threadId)).body.thread.readOnly).toBe("blocked");
    }
    expect(await prisma.message.count({ where: { threadId } })).toBe(0);
    // Only the blocking side lifts it.
    await post(lehrerin, threadId, { intent: "unblock" });
    expect((await get(lehrerin, threadId)).body.thread.readOnly).toBe("blocked");
    await post(teacher, threadId, { intent: "unblock" });
    expect((await get(lehrerin, threadId)).body.thread.readOnly).toBeNull();
  });
});

describe("read state and notifications", () => {
  it("notifies the other side's members only, and marks read for the reader only", async () => {
    const { teacher, colleague, lehrerin, kollege, threadId } = await connectedPair();
    await sendMessage(teacher, { threadId, body: "Wij kijken uit naar uw antwoord.", clientKey: key() });
    const told = await prisma.notification.findMany({
      where: { type: "message_received", path: `/messages/${threadId}` },
    });
    expect(told.map((n) => n.userId).sort()).toEqual([lehrerin.id, kollege.id].sort());
    expect(await unreadMessageCount(lehrerin.id)).toBe(1);
    expect(await unreadMessageCount(kollege.id)).toBe(1);
    expect(await unreadMessageCount(teacher.id)).toBe(0);
    expect(await unreadMessageCount(colleague.id)).toBe(1);
    const root = await answerOf<{ unreadMessages: number }>(
      rootLoader({
        request: new Request("http://localhost/de/messages"),
        params: { lang: "de" },
        context: contextFor(kollege),
      }),
    );
    expect(root.body.unreadMessages).toBe(1);
    await get(lehrerin, threadId);
    expect(await unreadMessageCount(lehrerin.id)).toBe(0);
    expect(await unreadMessageCount(kollege.id)).toBe(1);
    const inbox = await list(kollege);
    expect(inbox.body.page.threads.find((t) => t.id === threadId)?.unread).toBe(1);
  });
});

describe("reports and deletion", () => {
  it("keeps the reported text for staff after its author deletes it; staff reading is audited", async () => {
    const { teacher, lehrerin, threadId } = await connectedPair();
    const staff = await createUser({ role: "staff" });
    const message = await sendMessage(teacher, {
      threadId,
      body: "Bel mij op 06-12345678.",
      clientKey: key(),
    });
    // Staff do not read an unreported match thread.
    expect((await get(staff, threadId)).status).toBe(404);
    const reported = await post(lehrerin, threadId, {
      intent: "report",
      target: "message",
      messageId: message.id,
      reason: "spam",
      note: "Werbung",
    });
    expect(reported.status).toBe(302);
    const deleted = await post(teacher, threadId, { intent: "delete", messageId: message.id });
    expect(deleted.status).toBe(302);
    // Only the author deletes.
    expect((await post(lehrerin, threadId, { intent: "delete", messageId: message.id })).status).toBe(404);
    const report = await prisma.report.findFirstOrThrow({ where: { targetId: message.id } });
    expect(report).toMatchObject({
      reporterId: lehrerin.id,
      reason: "spam",
      note: "Werbung",
      targetType: "message",
    });
    expect(JSON.stringify(report.snapshot)).toContain("Bel mij op 06-12345678.");
    expect((await get(lehrerin, threadId)).body.thread.messages[0]?.body).toBeNull();

    const first = await get(staff, threadId);
    expect(first.status).toBe(200);
    expect(first.body.thread.readOnly).toBe("staffOnly");
    await get(staff, threadId);
    expect(
      await prisma.auditLog.count({
        where: { actorId: staff.id, action: "thread.read_reported", targetId: threadId },
      }),
    ).toBe(2);
    const staffPost = await post(staff, threadId, { intent: "send", body: "Hallo", clientKey: key() });
    expect(staffPost.status).toBe(403);
  });
});

describe("staff threads", () => {
  it("staff open a thread with any organisation; its members answer, the staff member is told", async () => {
    const { teacher, colleague, dutch, stranger } = await connectedPair();
    const staff = await createUser({ role: "staff" });
    const open = (user: User) =>
      answerOf(
        inboxAction({
          request: new Request("http://localhost/nl/messages", {
            method: "POST",
            body: new URLSearchParams({ intent: "staffThread", organisation: dutch.slug }),
          }),
          params: { lang: "nl" },
          context: contextFor(user),
        }),
      );
    expect((await open(teacher)).status).toBe(403);
    const opened = await open(staff);
    expect(opened.status).toBe(303);
    const threadId = opened.headers.get("Location")!.split("/").at(-1)!;
    expect((await open(staff)).headers.get("Location")).toBe(`/nl/messages/${threadId}`);
    await sendMessage(staff, { threadId, body: "Kunt u uw KvK-nummer sturen?", clientKey: key() });
    expect(await unreadMessageCount(teacher.id)).toBe(1);
    expect(await unreadMessageCount(colleague.id)).toBe(1);
    await sendMessage(colleague, { threadId, body: "Natuurlijk: 12345678.", clientKey: key() });
    expect(await unreadMessageCount(staff.id)).toBe(1);
    expect(await prisma.notification.count({ where: { userId: staff.id, type: "message_received" } })).toBe(
      1,
    );
    expect((await get(stranger, threadId)).status).toBe(404);
    expect((await list(staff)).body.page.threads.map((t) => t.id)).toContain(threadId);
  });
});
