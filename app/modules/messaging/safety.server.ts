// Safety in threads: reporting a message or a thread to staff (with a snapshot of what was reported,
// kept when its author deletes it), a writer deleting their own message, and an organisation
// blocking the other side (no new threads or messages between them; the thread becomes read-only
// for both). Only readers of the thread act, whatever ids the form sends.
import type { Prisma } from "~/generated/prisma/client.ts";
import { prisma } from "~/utils/db.server.ts";
import { AppError } from "~/utils/errors.ts";
import type { Reader } from "./access.server.ts";
import { maxReportNoteLength, reportReasons, type ReportReasonName } from "./limits.ts";
import { requireThreadStanding } from "./threads.server.ts";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type ReportInput = {
  target: "message" | "thread";
  /** The message reported (for target "message"). */
  messageId?: string | null;
  reason: string;
  note?: string | null;
};

function checkReport(input: ReportInput) {
  if (!(reportReasons as readonly string[]).includes(input.reason))
    throw new AppError(400, "messages:errors.reason", { reason: "messages:errors.reason" });
  const note = (input.note ?? "").trim();
  if (note.length > maxReportNoteLength)
    throw new AppError(400, "messages:errors.noteTooLong", { note: "messages:errors.noteTooLong" });
  return { reason: input.reason as ReportReasonName, note: note || null };
}

const snapshotSelect = {
  id: true,
  body: true,
  language: true,
  createdAt: true,
  authorId: true,
  author: { select: { name: true } },
  organisation: { select: { name: true } },
} as const;

type SnapshotRow = Prisma.MessageGetPayload<{ select: typeof snapshotSelect }>;

const snapshotOf = (row: SnapshotRow) => ({
  id: row.id,
  body: row.body,
  language: row.language,
  createdAt: row.createdAt.toISOString(),
  authorId: row.authorId,
  author: row.author?.name ?? null,
  organisation: row.organisation?.name ?? null,
});

/** Reports a message or the whole thread; the report keeps a copy of the content as it was. */
export async function report(reader: Reader, threadId: string, input: ReportInput) {
  const place = await requireThreadStanding(reader, threadId);
  if (place.auditedStaff) throw new AppError(403, "messages:errors.readOnly");
  const { reason, note } = checkReport(input);
  if (input.target === "message") {
    const messageId = input.messageId ?? "";
    const message = uuid.test(messageId)
      ? await prisma.message.findFirst({
          where: { id: messageId, threadId: place.thread.id },
          select: snapshotSelect,
        })
      : null;
    if (!message) throw new AppError(404, "messages:errors.unknownMessage");
    return prisma.report.create({
      data: {
        reporterId: reader.id,
        targetType: "message",
        targetId: message.id,
        reason,
        note,
        snapshot: { threadId: place.thread.id, message: snapshotOf(message) },
      },
      select: { id: true },
    });
  }
  if (input.target !== "thread") throw new AppError(400, "messages:errors.invalid");
  const messages = await prisma.message.findMany({
    where: { threadId: place.thread.id },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 500,
    select: snapshotSelect,
  });
  return prisma.report.create({
    data: {
      reporterId: reader.id,
      targetType: "thread",
      targetId: place.thread.id,
      reason,
      note,
      snapshot: { threadId: place.thread.id, messages: messages.map(snapshotOf) },
    },
    select: { id: true },
  });
}

/** The writer deletes their own message: it is no longer shown; reports keep their copy. */
export async function deleteOwnMessage(reader: Reader, threadId: string, messageId: string) {
  const place = await requireThreadStanding(reader, threadId);
  if (!uuid.test(messageId)) throw new AppError(404, "messages:errors.unknownMessage");
  const { count } = await prisma.message.updateMany({
    where: { id: messageId, threadId: place.thread.id, authorId: reader.id, deletedAt: null },
    data: { deletedAt: new Date() },
  });
  if (count !== 1) throw new AppError(404, "messages:errors.unknownMessage");
}

/** The reader's organisation blocks (or, with `lift`, unblocks) the other side of the thread. */
export async function setBlock(reader: Reader, threadId: string, lift = false) {
  const place = await requireThreadStanding(reader, threadId);
  if (!place.ownId || !place.otherId || place.thread.kind !== "match")
    throw new AppError(403, "messages:errors.cannotBlock");
  if (lift) {
    await prisma.organisationBlock.deleteMany({
      where: { organisationId: place.ownId, blockedOrganisationId: place.otherId },
    });
    return;
  }
  await prisma.organisationBlock.createMany({
    data: [{ organisationId: place.ownId, blockedOrganisationId: place.otherId, createdById: reader.id }],
    skipDuplicates: true,
  });
}
