// Threads as their readers see them: opening one (lazily, once per connected match; staff with any
// organisation), the thread page's view, the inbox, read marks and the header's unread count.
// Every query is scoped by the reader: a thread the reader cannot read is answered as unknown,
// whatever id is sent. Staff reading a reported match thread is allowed, and audited each time.
import { Prisma } from "~/generated/prisma/client.ts";
import { isStaff } from "~/modules/auth/roles.ts";
import { consume } from "~/modules/auth/rate-limit.server.ts";
import { connectedStatuses } from "~/modules/matching/matches.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { AppError } from "~/utils/errors.ts";
import type { Reader } from "./access.server.ts";
import { INBOX_PAGE_SIZE, THREAD_MESSAGE_LIMIT } from "./limits.ts";
import { messagingRules } from "./rules.server.ts";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const unknownThread = () => new AppError(404, "messages:errors.unknownThread");

/** Whether either organisation blocked the other. */
export async function blockedBetween(
  a: string,
  b: string,
  db: Prisma.TransactionClient | typeof prisma = prisma,
) {
  const count = await db.organisationBlock.count({
    where: {
      OR: [
        { organisationId: a, blockedOrganisationId: b },
        { organisationId: b, blockedOrganisationId: a },
      ],
    },
  });
  return count > 0;
}

/**
 * The thread of a connected match, made on first opening (one per match: the unique match id makes
 * two openings at once one thread). Only a member of either side opens it; anyone else, or a match
 * not connected, is answered as unknown. A blocked pair opens no new thread.
 */
export async function openMatchThread(reader: Reader, matchId: string): Promise<string> {
  if (!uuid.test(matchId)) throw new AppError(404, "matching:errors.unknownMatch");
  const match = await prisma.match.findUnique({
    where: { id: matchId },
    select: {
      id: true,
      status: true,
      fromOrganisationId: true,
      toOrganisationId: true,
      thread: { select: { id: true } },
    },
  });
  if (!match) throw new AppError(404, "matching:errors.unknownMatch");
  const own = await prisma.membership.findFirst({
    where: { userId: reader.id, organisationId: { in: [match.fromOrganisationId, match.toOrganisationId] } },
    select: { organisationId: true },
  });
  if (!own) throw new AppError(404, "matching:errors.unknownMatch");
  if (match.thread) return match.thread.id;
  if (!connectedStatuses.includes(match.status)) throw new AppError(409, "messages:errors.notConnected");
  if (await blockedBetween(match.fromOrganisationId, match.toOrganisationId))
    throw new AppError(403, "messages:errors.blocked");
  if (!(await consume(messagingRules().threadsPerOrganisation, own.organisationId)))
    throw new AppError(429, "messages:errors.tooManyThreads");
  const thread = await prisma.thread.upsert({
    where: { matchId: match.id },
    create: { kind: "match", matchId: match.id, openedById: reader.id },
    update: {},
    select: { id: true },
  });
  return thread.id;
}

/** A staff member's thread with an organisation (by slug): the one they opened before, or a new one. */
export async function openStaffThread(reader: Reader, organisationSlug: string): Promise<string> {
  if (!isStaff(reader)) throw new AppError(403, "auth:staffOnly");
  const organisation = await prisma.organisation.findUnique({
    where: { slug: organisationSlug },
    select: { id: true },
  });
  if (!organisation) throw new AppError(404, "messages:errors.unknownOrganisation");
  const existing = await prisma.thread.findFirst({
    where: { kind: "staff", organisationId: organisation.id, openedById: reader.id },
    select: { id: true },
  });
  if (existing) return existing.id;
  const thread = await prisma.thread.create({
    data: { kind: "staff", organisationId: organisation.id, openedById: reader.id },
    select: { id: true },
  });
  return thread.id;
}

const cardSelect = {
  id: true,
  slug: true,
  name: true,
  kind: true,
  country: true,
  municipality: { select: { name: true, nameNl: true, nameDe: true } },
} as const;

const requestSelect = { select: { slug: true, titleNl: true, titleDe: true, titleEn: true } } as const;

/**
 * How the reader stands in the thread: the organisation they write for (null: staff), the other
 * side's organisation (null for a staff member in a staff thread), whether the thread is
 * read-only and why, and whether they read it only as staff because it was reported.
 */
async function standing(reader: Reader, threadId: string) {
  if (!uuid.test(threadId)) throw unknownThread();
  const thread = await prisma.thread.findUnique({
    where: { id: threadId },
    select: {
      id: true,
      kind: true,
      organisationId: true,
      match: {
        select: {
          id: true,
          status: true,
          fromOrganisationId: true,
          toOrganisationId: true,
          fromRequest: requestSelect,
          toRequest: requestSelect,
        },
      },
    },
  });
  if (!thread) throw unknownThread();
  const organisationIds = thread.match
    ? [thread.match.fromOrganisationId, thread.match.toOrganisationId]
    : [thread.organisationId!];
  const memberships = await prisma.membership.findMany({
    where: { userId: reader.id, organisationId: { in: organisationIds } },
    select: { organisationId: true },
  });
  const ownId = organisationIds.find((id) => memberships.some((m) => m.organisationId === id)) ?? null;
  let auditedStaff = false;
  if (!ownId) {
    if (!isStaff(reader)) throw unknownThread();
    if (thread.kind === "match") {
      // Staff read a match thread only when it, or a message in it, was reported.
      const reported = await prisma.$queryRaw<{ n: number }[]>`
        SELECT count(*)::int AS n FROM reports r
        WHERE (r.target_type = 'thread' AND r.target_id = ${thread.id}::uuid)
           OR (r.target_type = 'message' AND r.target_id IN
                (SELECT id FROM messages WHERE thread_id = ${thread.id}::uuid))`;
      if (!reported[0]?.n) throw unknownThread();
      auditedStaff = true;
    }
  }
  const otherId =
    thread.kind === "match"
      ? ownId === thread.match!.fromOrganisationId
        ? thread.match!.toOrganisationId
        : ownId === thread.match!.toOrganisationId
          ? thread.match!.fromOrganisationId
          : null
      : ownId
        ? null
        : thread.organisationId;
  let readOnly: null | "blocked" | "stage" | "staffOnly" = null;
  if (auditedStaff) readOnly = "staffOnly";
  else if (thread.match) {
    if (await blockedBetween(thread.match.fromOrganisationId, thread.match.toOrganisationId))
      readOnly = "blocked";
    else if (!connectedStatuses.includes(thread.match.status)) readOnly = "stage";
  }
  return { thread, ownId, otherId, readOnly, auditedStaff, organisationIds };
}

export type Standing = Awaited<ReturnType<typeof standing>>;

/** The reader's standing in a thread they may read; unknown (404) otherwise. */
export function requireThreadStanding(reader: Reader, threadId: string) {
  return standing(reader, threadId);
}

export type MessageView = {
  id: string;
  body: string | null;
  language: string | null;
  deleted: boolean;
  createdAt: Date;
  author: string | null;
  organisation: string | null;
  mine: boolean;
};

export type ThreadView = {
  id: string;
  kind: "match" | "staff";
  match: {
    id: string;
    status: string;
    requests: { slug: string; title: { nl: string | null; de: string | null; en: string | null } }[];
  } | null;
  own: { id: string; name: string } | null;
  other: {
    id: string;
    slug: string;
    name: string;
    kind: string;
    country: string;
    municipality: { name: string; nameNl: string | null; nameDe: string | null };
  } | null;
  readOnly: null | "blocked" | "stage" | "staffOnly";
  /** Whether the reader's organisation blocked the other one (they may lift it). */
  blockedByUs: boolean;
  messages: MessageView[];
  /** Whether older messages exist than the ones shown. */
  older: boolean;
};

/**
 * The thread page: the match and its requests, the other organisation's card, the newest messages
 * (a deleted one without its text). Marks the thread read for this reader only; a staff member's
 * reading of a reported thread is written to the audit log, every time.
 */
export async function openThread(reader: Reader, threadId: string): Promise<ThreadView> {
  const place = await standing(reader, threadId);
  const { thread, ownId, otherId } = place;
  const [organisations, rows, blockedByUs] = await Promise.all([
    prisma.organisation.findMany({
      where: { id: { in: [ownId, otherId].filter((id): id is string => !!id) } },
      select: cardSelect,
    }),
    prisma.message.findMany({
      where: { threadId: thread.id },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: THREAD_MESSAGE_LIMIT + 1,
      select: {
        id: true,
        body: true,
        language: true,
        deletedAt: true,
        createdAt: true,
        authorId: true,
        author: { select: { name: true } },
        organisation: { select: { name: true } },
      },
    }),
    ownId && otherId
      ? prisma.organisationBlock.count({ where: { organisationId: ownId, blockedOrganisationId: otherId } })
      : Promise.resolve(0),
  ]);
  const now = new Date();
  if (place.auditedStaff) {
    await prisma.auditLog.create({
      data: { actorId: reader.id, action: "thread.read_reported", targetType: "thread", targetId: thread.id },
    });
  } else {
    await prisma.threadRead.upsert({
      where: { threadId_userId: { threadId: thread.id, userId: reader.id } },
      create: { threadId: thread.id, userId: reader.id, readAt: now },
      update: { readAt: now },
    });
  }
  const own = organisations.find((o) => o.id === ownId) ?? null;
  const other = organisations.find((o) => o.id === otherId) ?? null;
  const shown = rows.slice(0, THREAD_MESSAGE_LIMIT).reverse();
  const requests = thread.match
    ? [thread.match.fromRequest, thread.match.toRequest]
        .filter((request): request is NonNullable<typeof request> => !!request)
        .map((request) => ({
          slug: request.slug,
          title: { nl: request.titleNl, de: request.titleDe, en: request.titleEn },
        }))
    : [];
  return {
    id: thread.id,
    kind: thread.kind,
    match: thread.match ? { id: thread.match.id, status: thread.match.status, requests } : null,
    own: own ? { id: own.id, name: own.name } : null,
    other,
    readOnly: place.readOnly,
    blockedByUs: blockedByUs > 0,
    older: rows.length > THREAD_MESSAGE_LIMIT,
    messages: shown.map((row) => ({
      id: row.id,
      body: row.deletedAt ? null : row.body,
      language: row.deletedAt ? null : row.language,
      deleted: !!row.deletedAt,
      createdAt: row.createdAt,
      author: row.author?.name ?? null,
      organisation: row.organisation?.name ?? null,
      mine: !!row.authorId && row.authorId === reader.id,
    })),
  };
}

export type InboxThread = {
  id: string;
  kind: "match" | "staff";
  activityAt: Date;
  unread: number;
  /** The other side's name (for staff in a staff thread: the organisation). */
  partner: string | null;
  /** The reader's own organisation in it, if they are a member. */
  own: string | null;
};

export type InboxPage = { threads: InboxThread[]; next: string | null };

const cursorPattern = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)_([0-9a-f-]{36})$/i;

function parseCursor(value: string) {
  const found = cursorPattern.exec(value);
  const at = found ? new Date(found[1]!) : null;
  if (!found || !at || Number.isNaN(at.getTime()) || !uuid.test(found[2]!))
    throw new AppError(400, "messages:errors.badCursor");
  return { at, id: found[2]!.toLowerCase() };
}

type InboxRow = {
  id: string;
  kind: "match" | "staff";
  activity_at: Date;
  unread: number;
  from_id: string | null;
  to_id: string | null;
  organisation_id: string | null;
};

/**
 * The threads of the reader's organisations (and, for staff, the staff threads they opened),
 * newest activity first, with each one's unread count for this reader; one page after `before`.
 */
export async function inbox(reader: Reader, before?: string | null): Promise<InboxPage> {
  const cursor = before ? parseCursor(before) : null;
  const staff = isStaff(reader);
  const rows = await prisma.$queryRaw<InboxRow[]>`
    WITH mine AS (SELECT organisation_id FROM memberships WHERE user_id = ${reader.id}::uuid)
    SELECT t.id::text AS id, t.kind::text AS kind, coalesce(t.last_message_at, t.created_at) AS activity_at,
      mt.from_organisation_id::text AS from_id, mt.to_organisation_id::text AS to_id,
      t.organisation_id::text AS organisation_id,
      (SELECT count(*)::int FROM messages m
        WHERE m.thread_id = t.id AND m.deleted_at IS NULL AND m.author_id IS DISTINCT FROM ${reader.id}::uuid
          AND m.created_at > coalesce(r.read_at, '-infinity')) AS unread
    FROM threads t
    LEFT JOIN matches mt ON mt.id = t.match_id
    LEFT JOIN thread_reads r ON r.thread_id = t.id AND r.user_id = ${reader.id}::uuid
    WHERE (mt.from_organisation_id IN (SELECT organisation_id FROM mine)
        OR mt.to_organisation_id IN (SELECT organisation_id FROM mine)
        OR t.organisation_id IN (SELECT organisation_id FROM mine)
        OR (${staff} AND t.kind = 'staff' AND t.opened_by_id = ${reader.id}::uuid))
      ${
        cursor
          ? Prisma.sql`AND (coalesce(t.last_message_at, t.created_at), t.id) < (${cursor.at}, ${cursor.id}::uuid)`
          : Prisma.empty
      }
    ORDER BY activity_at DESC, t.id DESC
    LIMIT ${INBOX_PAGE_SIZE + 1}`;
  const page = rows.slice(0, INBOX_PAGE_SIZE);
  const [memberships, organisations] = await Promise.all([
    prisma.membership.findMany({ where: { userId: reader.id }, select: { organisationId: true } }),
    prisma.organisation.findMany({
      where: {
        id: {
          in: [...new Set(page.flatMap((row) => [row.from_id, row.to_id, row.organisation_id]))].filter(
            (id): id is string => !!id,
          ),
        },
      },
      select: { id: true, name: true },
    }),
  ]);
  const isMine = (id: string | null) => !!id && memberships.some((m) => m.organisationId === id);
  const nameOf = (id: string | null) => organisations.find((o) => o.id === id)?.name ?? null;
  const threads = page.map((row): InboxThread => {
    if (row.kind === "match") {
      const ownId = isMine(row.from_id) ? row.from_id : row.to_id;
      const otherId = ownId === row.from_id ? row.to_id : row.from_id;
      return { ...base(row), partner: nameOf(otherId), own: nameOf(ownId) };
    }
    return isMine(row.organisation_id)
      ? { ...base(row), partner: null, own: nameOf(row.organisation_id) }
      : { ...base(row), partner: nameOf(row.organisation_id), own: null };
  });
  const last = page.at(-1);
  return {
    threads,
    next: rows.length > INBOX_PAGE_SIZE && last ? `${last.activity_at.toISOString()}_${last.id}` : null,
  };
}

function base(row: InboxRow) {
  return { id: row.id, kind: row.kind, activityAt: row.activity_at, unread: row.unread };
}

/** Whether a cursor from the address is well-formed. */
export function isInboxCursor(value: unknown): value is string {
  return typeof value === "string" && cursorPattern.test(value);
}

/**
 * The header's count of unread messages in the reader's threads: the reader's memberships, their
 * organisations' threads by index (threads_organisation_idx, matches by organisation), and each
 * thread's messages after the read mark by messages_thread_idx.
 */
export async function unreadMessageCount(userId: string): Promise<number> {
  const rows = await prisma.$queryRaw<{ n: number }[]>`
    WITH mine AS (SELECT organisation_id FROM memberships WHERE user_id = ${userId}::uuid),
    readable AS (
      SELECT t.id FROM threads t JOIN matches mt ON mt.id = t.match_id
        WHERE mt.from_organisation_id IN (SELECT organisation_id FROM mine)
      UNION
      SELECT t.id FROM threads t JOIN matches mt ON mt.id = t.match_id
        WHERE mt.to_organisation_id IN (SELECT organisation_id FROM mine)
      UNION
      SELECT t.id FROM threads t WHERE t.organisation_id IN (SELECT organisation_id FROM mine)
      UNION
      SELECT t.id FROM threads t WHERE t.kind = 'staff' AND t.opened_by_id = ${userId}::uuid
    )
    SELECT count(*)::int AS n FROM readable
    JOIN messages m ON m.thread_id = readable.id
    LEFT JOIN thread_reads r ON r.thread_id = readable.id AND r.user_id = ${userId}::uuid
    WHERE m.deleted_at IS NULL AND m.author_id IS DISTINCT FROM ${userId}::uuid
      AND m.created_at > coalesce(r.read_at, '-infinity')`;
  return rows[0]?.n ?? 0;
}
