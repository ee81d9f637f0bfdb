// The double opt-in: one side says "we are interested", the other answers "we are interested too"
// (connected) or "no, thanks" (declined, never suggested again to either); connected pairs see each
// other's contact person and address, can mark the match an active project, later completed, or
// end it. Every change is a MatchEvent both sides read, and notifies the other side's members.
//
// Rules, all checked here whatever the form sends: only members of an involved organisation act
// (staff may read and promote); a pending organisation cannot express interest; one open match per
// pair (a transaction-scoped advisory lock on the pair, and the unique index behind it); a stage
// changes only from the stage it was read in, so two clicks at once change it once.
import {
  Prisma,
  type MatchEventType,
  type MatchStatus,
  type NotificationType,
} from "~/generated/prisma/client.ts";
import { notifyMembers } from "~/modules/notifications/notify.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { AppError } from "~/utils/errors.ts";
import { fitForViewer, pairFit } from "./candidates.server.ts";
import { maxMessageLength } from "./limits.ts";
import type { Reason } from "./score.ts";
import type { FitWithMatch } from "./views.ts";

type Tx = Prisma.TransactionClient;

/** Stages in which the pair has an open match: a second one is refused. */
export const openStatuses: readonly MatchStatus[] = [
  "suggested",
  "interested",
  "connected",
  "active_project",
];

/** Stages in which both sides see each other's contact person and address. */
export const connectedStatuses: readonly MatchStatus[] = ["connected", "active_project", "completed"];

/** What each stage allows either side to do next (answering an interest is the `to` side's alone). */
const stageChanges: Record<"active_project" | "completed" | "ended", readonly MatchStatus[]> = {
  active_project: ["connected"],
  completed: ["active_project"],
  ended: ["suggested", "interested", "connected", "active_project"],
};

export type StageChange = keyof typeof stageChanges;

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The user's organisation named by slug: they must be a member; it must be verified to act. */
async function ownOrganisation(userId: string, slug: string) {
  const organisation = await prisma.organisation.findUnique({
    where: { slug },
    select: {
      id: true,
      name: true,
      status: true,
      archivedAt: true,
      memberships: { where: { userId }, select: { role: true } },
    },
  });
  if (!organisation || organisation.archivedAt)
    throw new AppError(404, "matching:errors.unknownOrganisation");
  if (!organisation.memberships.length) throw new AppError(403, "matching:errors.notMemberToAct");
  if (organisation.status !== "verified") throw new AppError(403, "matching:errors.pendingCannotAct");
  return organisation;
}

async function partnerOrganisation(slug: string) {
  const organisation = await prisma.organisation.findUnique({
    where: { slug },
    select: { id: true, name: true, status: true, archivedAt: true },
  });
  // A pending, suspended or archived organisation is not public: as unknown as one that never was.
  if (!organisation || organisation.archivedAt || organisation.status !== "verified") {
    throw new AppError(404, "matching:errors.unknownOrganisation");
  }
  return organisation;
}

/** An open request of this organisation named by slug, or null when none was named. */
async function requestOf(organisationId: string, slug: string | null | undefined) {
  if (!slug) return null;
  const request = await prisma.partnershipRequest.findFirst({
    where: { slug, organisationId, status: "open" },
    select: { id: true },
  });
  if (!request) throw new AppError(404, "matching:errors.unknownRequest");
  return request.id;
}

/** Serialises everything that concerns one pair of organisations, whichever side acts. */
export async function lockPair(tx: Tx, a: string, b: string) {
  const key = a < b ? `${a}:${b}` : `${b}:${a}`;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`match:${key}`}, 0))`;
}

async function record(
  tx: Tx,
  matchId: string,
  type: MatchEventType,
  actor: { userId: string; organisationId: string | null },
  note?: string | null,
) {
  await tx.matchEvent.create({
    data: { matchId, type, actorId: actor.userId, organisationId: actor.organisationId, note: note ?? null },
  });
}

/** Tells the members of `recipient` (not the actor) what happened with their partner. */
async function tell(
  tx: Tx,
  type: NotificationType,
  match: { id: string },
  recipient: { id: string; name: string },
  partner: { name: string },
  actorId: string,
  extra: Record<string, string> = {},
) {
  await notifyMembers(
    tx,
    recipient.id,
    {
      type,
      matchId: match.id,
      path: `/matches/${match.id}`,
      params: { partner: partner.name, organisation: recipient.name, ...extra },
    },
    { except: actorId },
  );
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export type InterestInput = {
  /** The member's own organisation (slug). */
  organisation: string;
  /** The partner organisation (slug). */
  partner: string;
  /** The partner's request the interest is about (slug), if any. */
  request?: string | null;
  /** The member's own request behind it (slug), if any. */
  ownRequest?: string | null;
  message?: string | null;
};

export type InterestResult = { matchId: string; status: MatchStatus };

/**
 * "We are interested". A new match when the pair has none open; when the partner already said so,
 * the pair is connected (the double opt-in); a staff suggestion becomes this side's interest.
 */
export async function expressInterest(userId: string, input: InterestInput): Promise<InterestResult> {
  const message = input.message?.trim() || null;
  if (message && message.length > maxMessageLength) {
    throw new AppError(400, "matching:errors.messageTooLong", { message: "matching:errors.messageTooLong" });
  }
  const [own, partner] = await Promise.all([
    ownOrganisation(userId, input.organisation),
    partnerOrganisation(input.partner),
  ]);
  if (own.id === partner.id) throw new AppError(400, "matching:errors.itself");
  const [ownRequestId, partnerRequestId] = await Promise.all([
    requestOf(own.id, input.ownRequest),
    requestOf(partner.id, input.request),
  ]);
  const fit = await pairFit(own.id, ownRequestId, partner.id, partnerRequestId);
  const actor = { userId, organisationId: own.id };
  try {
    return await prisma.$transaction(async (tx) => {
      await lockPair(tx, own.id, partner.id);
      const open = await tx.match.findFirst({
        where: {
          status: { in: [...openStatuses] },
          OR: [
            { fromOrganisationId: own.id, toOrganisationId: partner.id },
            { fromOrganisationId: partner.id, toOrganisationId: own.id },
          ],
        },
        select: { id: true, status: true, fromOrganisationId: true },
      });
      if (open?.status === "interested" && open.fromOrganisationId === partner.id) {
        // They asked first: this answer connects the pair.
        await tx.match.update({
          where: { id: open.id },
          data: { status: "connected", connectedAt: new Date(), toContactId: userId },
        });
        await record(tx, open.id, "connected", actor, message);
        await tell(tx, "match_connected", open, partner, own, userId);
        return { matchId: open.id, status: "connected" as const };
      }
      if (open?.status === "interested") throw new AppError(409, "matching:errors.alreadyInterested");
      if (open && open.status !== "suggested") throw new AppError(409, "matching:errors.alreadyConnected");
      // A pair the partner declined stays declined for this side; the side that declined may still
      // change its mind.
      const declinedByPartner = await tx.match.count({
        where: { status: "declined", fromOrganisationId: own.id, toOrganisationId: partner.id },
      });
      if (declinedByPartner) throw new AppError(409, "matching:errors.declinedBefore");
      const facts = {
        fromOrganisationId: own.id,
        toOrganisationId: partner.id,
        fromRequestId: ownRequestId ?? fit?.ownRequestId ?? null,
        toRequestId: partnerRequestId ?? fit?.partnerRequestId ?? null,
        status: "interested" as const,
        score: fit?.score ?? 0,
        reasons: (fit?.reasons ?? []) as unknown as Prisma.InputJsonValue,
        distanceKm: fit ? Math.round(fit.distanceKm) : null,
        message,
        fromContactId: userId,
      };
      // A staff suggestion keeps its promotion and becomes this side's interest.
      const match = open
        ? await tx.match.update({ where: { id: open.id }, data: facts, select: { id: true } })
        : await tx.match.create({ data: facts, select: { id: true } });
      await record(tx, match.id, "interested", actor, message);
      await tell(tx, "interest_received", match, partner, own, userId);
      return { matchId: match.id, status: "interested" as const };
    });
  } catch (error) {
    // Two first interests at once from both sides pass the lock one after the other; the index is
    // the last word for anything that still slips through.
    if (isUniqueViolation(error)) throw new AppError(409, "matching:errors.alreadyInterested");
    throw error;
  }
}

/** The match with the user's side of it, or a 404 that says nothing about who else is in it. */
async function involvedMatch(userId: string, matchId: string) {
  if (!uuid.test(matchId)) throw new AppError(404, "matching:errors.unknownMatch");
  const match = await prisma.match.findUnique({
    where: { id: matchId },
    select: {
      id: true,
      status: true,
      fromOrganisation: {
        select: {
          id: true,
          name: true,
          status: true,
          memberships: { where: { userId }, select: { role: true } },
        },
      },
      toOrganisation: {
        select: {
          id: true,
          name: true,
          status: true,
          memberships: { where: { userId }, select: { role: true } },
        },
      },
    },
  });
  if (!match) throw new AppError(404, "matching:errors.unknownMatch");
  const from = match.fromOrganisation.memberships.length > 0;
  const to = match.toOrganisation.memberships.length > 0;
  if (!from && !to) throw new AppError(404, "matching:errors.unknownMatch");
  const own = from ? match.fromOrganisation : match.toOrganisation;
  const partner = from ? match.toOrganisation : match.fromOrganisation;
  return { match, side: from ? ("from" as const) : ("to" as const), own, partner };
}

/** The `to` side's answer to an interest: "we are interested too" connects, "no, thanks" declines. */
export async function answerInterest(userId: string, matchId: string, answer: "accept" | "decline") {
  const { match, side, own, partner } = await involvedMatch(userId, matchId);
  if (side !== "to" || match.status !== "interested")
    throw new AppError(409, "matching:errors.stageNotAllowed");
  if (own.status !== "verified") throw new AppError(403, "matching:errors.pendingCannotAct");
  const status = answer === "accept" ? "connected" : "declined";
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.match.updateMany({
      where: { id: match.id, status: "interested" },
      data:
        status === "connected"
          ? { status, connectedAt: new Date(), toContactId: userId }
          : { status, closedAt: new Date() },
    });
    if (count !== 1) throw new AppError(409, "matching:errors.stageNotAllowed");
    await record(tx, match.id, status, { userId, organisationId: own.id });
    await tell(
      tx,
      status === "connected" ? "match_connected" : "match_declined",
      match,
      partner,
      own,
      userId,
    );
  });
  return status;
}

/** Either side: an active project once connected, completed once active, or ended at any open stage. */
export async function changeStage(userId: string, matchId: string, stage: StageChange) {
  const { match, own, partner } = await involvedMatch(userId, matchId);
  const from = stageChanges[stage];
  if (!from.includes(match.status)) throw new AppError(409, "matching:errors.stageNotAllowed");
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.match.updateMany({
      where: { id: match.id, status: { in: [...from] } },
      data: { status: stage, ...(stage === "active_project" ? {} : { closedAt: new Date() }) },
    });
    if (count !== 1) throw new AppError(409, "matching:errors.stageNotAllowed");
    await record(tx, match.id, stage, { userId, organisationId: own.id });
    await tell(tx, "match_stage", match, partner, own, userId, { stage });
  });
}

export type MatchSide = {
  slug: string;
  name: string;
  kind: string;
  country: "NL" | "DE";
  municipality: { name: string; nameNl: string | null; nameDe: string | null };
  request: { slug: string; title: { nl: string | null; de: string | null; en: string | null } } | null;
  /** Only once connected: the contact person and the address. */
  contact: { name: string; email: string } | null;
  address: string | null;
};

export type MatchView = {
  id: string;
  status: MatchStatus;
  /** Which side the reader is on; null for staff reading another pair's match. */
  side: "from" | "to" | null;
  score: number;
  distanceKm: number | null;
  reasons: Reason[];
  message: string | null;
  createdAt: Date;
  connectedAt: Date | null;
  promotion: { at: Date; noteNl: string | null; noteDe: string | null } | null;
  from: MatchSide;
  to: MatchSide;
  history: {
    type: MatchEventType;
    at: Date;
    by: string | null;
    organisation: string | null;
    note: string | null;
  }[];
  /** What the reader may do now. */
  actions: ("accept" | "decline" | StageChange)[];
};

const sideSelect = {
  id: true,
  slug: true,
  name: true,
  kind: true,
  country: true,
  address: true,
  status: true,
  municipality: { select: { name: true, nameNl: true, nameDe: true } },
} as const;

const requestSelect = { select: { slug: true, titleNl: true, titleDe: true, titleEn: true } } as const;

/**
 * A match as its members (or staff) see it. Anyone else gets the same 404 as for a match that does
 * not exist, whatever id they send. Contact details are read only when the pair is connected.
 */
export async function matchForViewer(
  viewer: { id: string; staff: boolean },
  matchId: string,
): Promise<MatchView> {
  if (!uuid.test(matchId)) throw new AppError(404, "matching:errors.unknownMatch");
  const match = await prisma.match.findUnique({
    where: { id: matchId },
    include: {
      fromOrganisation: {
        select: { ...sideSelect, memberships: { where: { userId: viewer.id }, select: { role: true } } },
      },
      toOrganisation: {
        select: { ...sideSelect, memberships: { where: { userId: viewer.id }, select: { role: true } } },
      },
      fromRequest: requestSelect,
      toRequest: requestSelect,
      events: {
        orderBy: { createdAt: "asc" },
        select: {
          type: true,
          createdAt: true,
          note: true,
          actor: { select: { name: true } },
          organisation: { select: { name: true } },
        },
      },
    },
  });
  if (!match) throw new AppError(404, "matching:errors.unknownMatch");
  const side = match.fromOrganisation.memberships.length
    ? ("from" as const)
    : match.toOrganisation.memberships.length
      ? ("to" as const)
      : null;
  if (!side && !viewer.staff) throw new AppError(404, "matching:errors.unknownMatch");
  const connected = connectedStatuses.includes(match.status);
  const contacts = connected
    ? await prisma.user.findMany({
        where: { id: { in: [match.fromContactId, match.toContactId].filter((id): id is string => !!id) } },
        select: { id: true, name: true, email: true },
      })
    : [];
  const contactOf = async (organisationId: string, contactId: string | null) => {
    if (!connected) return null;
    const chosen = contacts.find((user) => user.id === contactId);
    if (chosen) return { name: chosen.name, email: chosen.email };
    // The member who acted left the organisation or was deleted: its first owner answers instead.
    const owner = await prisma.membership.findFirst({
      where: { organisationId },
      orderBy: [{ role: "asc" }, { createdAt: "asc" }],
      select: { user: { select: { name: true, email: true } } },
    });
    return owner ? { name: owner.user.name, email: owner.user.email } : null;
  };
  const sideView = async (
    organisation: typeof match.fromOrganisation,
    request: typeof match.fromRequest,
    contactId: string | null,
  ): Promise<MatchSide> => ({
    slug: organisation.slug,
    name: organisation.name,
    kind: organisation.kind,
    country: organisation.country,
    municipality: organisation.municipality,
    request: request
      ? { slug: request.slug, title: { nl: request.titleNl, de: request.titleDe, en: request.titleEn } }
      : null,
    contact: await contactOf(organisation.id, contactId),
    address: connected ? organisation.address || null : null,
  });
  const [from, to] = await Promise.all([
    sideView(match.fromOrganisation, match.fromRequest, match.fromContactId),
    sideView(match.toOrganisation, match.toRequest, match.toContactId),
  ]);
  const actions: MatchView["actions"] = [];
  if (side) {
    if (side === "to" && match.status === "interested") actions.push("accept", "decline");
    for (const [stage, allowed] of Object.entries(stageChanges) as [StageChange, readonly MatchStatus[]][]) {
      // The answering side says "no, thanks" rather than ending what it never began.
      if (stage === "ended" && side === "to" && match.status === "interested") continue;
      if (allowed.includes(match.status)) actions.push(stage);
    }
  }
  return {
    id: match.id,
    status: match.status,
    side,
    score: match.score,
    distanceKm: match.distanceKm,
    reasons: (Array.isArray(match.reasons) ? match.reasons : []) as unknown as Reason[],
    message: match.message,
    createdAt: match.createdAt,
    connectedAt: match.connectedAt,
    promotion: match.promotedAt
      ? { at: match.promotedAt, noteNl: match.promotionNoteNl, noteDe: match.promotionNoteDe }
      : null,
    from,
    to,
    history: match.events.map((event) => ({
      type: event.type,
      at: event.createdAt,
      by: event.actor?.name ?? null,
      organisation: event.organisation?.name ?? null,
      note: event.note,
    })),
    actions,
  };
}

export type MatchSummary = {
  id: string;
  status: MatchStatus;
  side: "from" | "to";
  own: { slug: string; name: string };
  partner: { slug: string; name: string; country: "NL" | "DE" };
  score: number;
  promoted: boolean;
  promotionNote: { nl: string | null; de: string | null } | null;
  updatedAt: Date;
};

/** Every match of the user's organisations, newest change first. */
export async function matchesForMember(userId: string): Promise<MatchSummary[]> {
  const organisationIds = (
    await prisma.membership.findMany({
      where: { userId, organisation: { archivedAt: null } },
      select: { organisationId: true },
    })
  ).map((row) => row.organisationId);
  if (!organisationIds.length) return [];
  const organisation = { select: { id: true, slug: true, name: true, country: true } } as const;
  const rows = await prisma.match.findMany({
    where: {
      OR: [{ fromOrganisationId: { in: organisationIds } }, { toOrganisationId: { in: organisationIds } }],
    },
    orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
    take: 200,
    select: {
      id: true,
      status: true,
      score: true,
      promotedAt: true,
      promotionNoteNl: true,
      promotionNoteDe: true,
      updatedAt: true,
      fromOrganisation: organisation,
      toOrganisation: organisation,
    },
  });
  return rows.map((row) => {
    const side = organisationIds.includes(row.fromOrganisation.id) ? ("from" as const) : ("to" as const);
    const own = side === "from" ? row.fromOrganisation : row.toOrganisation;
    const partner = side === "from" ? row.toOrganisation : row.fromOrganisation;
    return {
      id: row.id,
      status: row.status,
      side,
      own: { slug: own.slug, name: own.name },
      partner: { slug: partner.slug, name: partner.name, country: partner.country },
      score: row.score,
      promoted: !!row.promotedAt,
      promotionNote: row.promotedAt ? { nl: row.promotionNoteNl, de: row.promotionNoteDe } : null,
      updatedAt: row.updatedAt,
    };
  });
}

/**
 * Per organisation, the partners it has a match with in any stage: they are not suggested again
 * (a declined pair never; an open or closed match is listed with the matches instead).
 */
export async function matchedPartners(organisationIds: string[]): Promise<Map<string, Set<string>>> {
  const rows = await prisma.match.findMany({
    where: {
      OR: [{ fromOrganisationId: { in: organisationIds } }, { toOrganisationId: { in: organisationIds } }],
    },
    select: { fromOrganisationId: true, toOrganisationId: true },
  });
  const partners = new Map<string, Set<string>>();
  const add = (organisationId: string, partnerId: string) => {
    if (!organisationIds.includes(organisationId)) return;
    partners.set(organisationId, (partners.get(organisationId) ?? new Set()).add(partnerId));
  };
  for (const row of rows) {
    add(row.fromOrganisationId, row.toOrganisationId);
    add(row.toOrganisationId, row.fromOrganisationId);
  }
  return partners;
}

/** The open match between the viewer's organisation and this one, for a profile or request page. */
export async function openMatchBetween(ownId: string, partnerId: string) {
  return prisma.match.findFirst({
    where: {
      status: { in: [...openStatuses] },
      OR: [
        { fromOrganisationId: ownId, toOrganisationId: partnerId },
        { fromOrganisationId: partnerId, toOrganisationId: ownId },
      ],
    },
    select: { id: true, status: true, fromOrganisationId: true },
  });
}

/** A partner's name for a form shown again after a refusal; the slug when it is not public. */
export async function partnerName(slug: string): Promise<string> {
  const organisation = await prisma.organisation.findFirst({
    where: { slug, status: "verified", archivedAt: null },
    select: { name: true },
  });
  return organisation?.name ?? slug;
}

/**
 * For a profile or request page: how well it fits the viewer's organisation (see fitForViewer),
 * and the match the two already have, so the page offers "we are interested" or links the match.
 */
export async function fitWithMatch(
  userId: string,
  target: { organisationSlug: string; requestSlug?: string },
): Promise<FitWithMatch | null> {
  const fit = await fitForViewer(userId, target);
  if (!fit) return null;
  const match = await openMatchBetween(fit.organisation.id, fit.partnerId);
  return {
    organisation: { slug: fit.organisation.slug, name: fit.organisation.name },
    partner: target.organisationSlug,
    request: target.requestSlug ?? null,
    score: fit.score,
    reasons: fit.reasons,
    match: match
      ? {
          id: match.id,
          status: match.status,
          waitingForUs: match.status === "interested" && match.fromOrganisationId === fit.partnerId,
        }
      : null,
  };
}
