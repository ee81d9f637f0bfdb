// Sending a message: checked (who may write here, blocks, the match's stage, the rate limit),
// stored once per (writer, client key) whatever the number of identical sends, and acknowledged
// only when committed. The message, the thread's activity, the writer's own read mark and the
// other side's notifications are one transaction; the trigger on messages announces it to every
// app instance at that commit.
import { Prisma } from "~/generated/prisma/client.ts";
import { enforce } from "~/modules/auth/rate-limit.server.ts";
import { notifyMembers, notifyUsers } from "~/modules/notifications/notify.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { AppError } from "~/utils/errors.ts";
import type { Reader } from "./access.server.ts";
import { messageLanguage } from "./language.server.ts";
import { maxClientKeyLength, maxMessageLength, minClientKeyLength } from "./limits.ts";
import { messagingRules } from "./rules.server.ts";
import { requireThreadStanding } from "./threads.server.ts";

export type SendInput = { threadId: string; body: string; clientKey: string; language?: string | null };

export type StoredMessage = {
  id: string;
  threadId: string;
  authorId: string | null;
  organisationId: string | null;
  body: string;
  language: string | null;
  clientKey: string;
  createdAt: Date;
};

const storedSelect = {
  id: true,
  threadId: true,
  authorId: true,
  organisationId: true,
  body: true,
  language: true,
  clientKey: true,
  createdAt: true,
} as const;

/** The text as stored: the browser's CR LF as LF, no blank lines around it. */
export function normaliseBody(body: string): string {
  return body
    .replace(/\r\n?/g, "\n")
    .replace(/^\s*\n/, "")
    .trimEnd();
}

export function checkInput(input: SendInput) {
  const body = normaliseBody(typeof input.body === "string" ? input.body : "");
  const clientKey = typeof input.clientKey === "string" ? input.clientKey : "";
  if (clientKey.length < minClientKeyLength || clientKey.length > maxClientKeyLength)
    throw new AppError(400, "messages:errors.invalid");
  if (!body.trim()) throw new AppError(400, "messages:errors.empty", { body: "messages:errors.empty" });
  if ([...body].length > maxMessageLength || body.length > maxMessageLength)
    throw new AppError(400, "messages:errors.tooLong", { body: "messages:errors.tooLong" });
  return { body, clientKey };
}

async function existing(authorId: string, clientKey: string, threadId: string) {
  const found = await prisma.message.findUnique({
    where: { authorId_clientKey: { authorId, clientKey } },
    select: storedSelect,
  });
  // The same key in another thread is a different send, not a retry of this one.
  if (found && found.threadId !== threadId) throw new AppError(409, "messages:errors.keyUsed");
  return found;
}

/**
 * Stores the message and returns it; a send with a key this writer used before returns the message
 * stored then (also when the sends arrive at once: the unique key makes all but one insert wait
 * for the first to commit and then find it).
 */
export async function sendMessage(user: Reader, input: SendInput): Promise<StoredMessage> {
  const { body, clientKey } = checkInput(input);
  const again = await existing(user.id, clientKey, input.threadId);
  if (again) return again;
  const place = await requireThreadStanding(user, input.threadId);
  if (place.readOnly === "blocked") throw new AppError(403, "messages:errors.blocked");
  if (place.readOnly) throw new AppError(403, "messages:errors.readOnly");
  await enforce(messagingRules().messagesPerUser, user.id);
  const language = messageLanguage(body, input.language);
  const stored = await prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO messages (id, thread_id, author_id, organisation_id, body, language, client_key)
      VALUES (gen_random_uuid(), ${place.thread.id}::uuid, ${user.id}::uuid, ${place.ownId}::uuid, ${body},
              ${language}, ${clientKey})
      ON CONFLICT (author_id, client_key) DO NOTHING
      RETURNING id::text AS id`;
    const inserted = rows[0];
    if (!inserted) return null;
    const message = await tx.message.findUniqueOrThrow({ where: { id: inserted.id }, select: storedSelect });
    await tx.thread.update({ where: { id: place.thread.id }, data: { lastMessageAt: message.createdAt } });
    await tx.threadRead.upsert({
      where: { threadId_userId: { threadId: place.thread.id, userId: user.id } },
      create: { threadId: place.thread.id, userId: user.id, readAt: message.createdAt },
      update: { readAt: message.createdAt },
    });
    await tellOthers(tx, place, user, message);
    return message;
  });
  if (stored) return stored;
  // Another send with this key committed first: that one is the message.
  const first = await existing(user.id, clientKey, input.threadId);
  if (!first) throw new AppError(409, "messages:errors.keyUsed");
  return first;
}

type Place = Awaited<ReturnType<typeof requireThreadStanding>>;

/** The other side's people get a notification (never the writer; never the writer's colleagues). */
async function tellOthers(
  tx: Prisma.TransactionClient,
  place: Place,
  writer: Reader,
  message: StoredMessage,
) {
  const names = await tx.organisation.findMany({
    where: { id: { in: place.organisationIds } },
    select: { id: true, name: true },
  });
  const nameOf = (id: string | null) => names.find((o) => o.id === id)?.name ?? "–";
  const input = {
    type: "message_received" as const,
    matchId: place.thread.match?.id,
    path: `/messages/${place.thread.id}`,
    params: {
      partner: place.ownId ? nameOf(place.ownId) : "Euregio",
      threadId: place.thread.id,
      messageId: message.id,
    },
  };
  if (place.otherId) {
    await notifyMembers(
      tx,
      place.otherId,
      { ...input, params: { ...input.params, organisation: nameOf(place.otherId) } },
      { except: writer.id },
    );
  } else if (place.thread.kind === "staff") {
    // A member answered a staff thread: the staff member who opened it is told.
    const opened = await tx.thread.findUnique({
      where: { id: place.thread.id },
      select: { openedById: true },
    });
    if (opened?.openedById && opened.openedById !== writer.id)
      await notifyUsers(tx, [opened.openedById], {
        ...input,
        organisationId: place.ownId ?? undefined,
        params: { ...input.params, organisation: nameOf(place.ownId) },
      });
  }
}
