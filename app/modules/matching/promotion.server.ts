// "Recommended by the Euregio": staff promote a suggestion (a pair without a match yet becomes a
// `suggested` match) or a match, with a short note in Dutch and German. Both organisations see it
// at the top of their suggestions and are notified; every promotion is audited and stays on the
// match for the statistics.
import { Prisma } from "~/generated/prisma/client.ts";
import { notifyMembers } from "~/modules/notifications/notify.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { isStaff } from "~/modules/auth/roles.ts";
import type { Role } from "~/generated/prisma/enums.ts";
import { AppError } from "~/utils/errors.ts";
import { pairFit, suggestionsForOrganisation, suggestionsForRequest } from "./candidates.server.ts";
import { maxPromotionNoteLength } from "./limits.ts";
import { lockPair, matchedPartners, openStatuses } from "./matches.server.ts";
import type { Reason } from "./score.ts";

export type PromotionNote = { noteNl: string; noteDe: string };

export type Actor = { id: string; role: Role };

/** Promotion is for staff only, whoever sends the form. */
function staffOnly(actor: Actor): string {
  if (!isStaff(actor)) throw new AppError(403, "matching:errors.staffOnly");
  return actor.id;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function checkedNote(note: PromotionNote): PromotionNote {
  const noteNl = note.noteNl.trim();
  const noteDe = note.noteDe.trim();
  const fieldErrors: Record<string, string> = {};
  for (const [field, value] of [
    ["noteNl", noteNl],
    ["noteDe", noteDe],
  ] as const) {
    if (!value) fieldErrors[field] = "matching:errors.noteMissing";
    else if (value.length > maxPromotionNoteLength) fieldErrors[field] = "matching:errors.noteTooLong";
  }
  if (Object.keys(fieldErrors).length)
    throw new AppError(400, "common:validation.formHasErrors", fieldErrors);
  return { noteNl, noteDe };
}

type Tx = Prisma.TransactionClient;

async function promoteInTransaction(
  tx: Tx,
  staffId: string,
  match: { id: string; from: { id: string; name: string }; to: { id: string; name: string } },
  note: PromotionNote,
) {
  await tx.match.update({
    where: { id: match.id },
    data: {
      promotedAt: new Date(),
      promotedById: staffId,
      promotionNoteNl: note.noteNl,
      promotionNoteDe: note.noteDe,
    },
  });
  await tx.matchEvent.create({
    data: { matchId: match.id, type: "promoted", actorId: staffId, note: note.noteDe },
  });
  await tx.auditLog.create({
    data: {
      actorId: staffId,
      action: "match.promote",
      targetType: "match",
      targetId: match.id,
      note: note.noteNl,
    },
  });
  for (const [recipient, partner] of [
    [match.from, match.to],
    [match.to, match.from],
  ] as const) {
    await notifyMembers(
      tx,
      recipient.id,
      {
        type: "match_promoted",
        matchId: match.id,
        path: `/matches/${match.id}`,
        params: { partner: partner.name, organisation: recipient.name },
      },
      { except: staffId },
    );
  }
}

const pairSelect = {
  id: true,
  status: true,
  fromOrganisation: { select: { id: true, name: true } },
  toOrganisation: { select: { id: true, name: true } },
} as const;

/** Promotes a match in any open stage; a closed one is refused. */
export async function promoteMatch(actor: Actor, matchId: string, input: PromotionNote) {
  const staffId = staffOnly(actor);
  const note = checkedNote(input);
  if (!uuid.test(matchId)) throw new AppError(404, "matching:errors.unknownMatch");
  const match = await prisma.match.findUnique({ where: { id: matchId }, select: pairSelect });
  if (!match) throw new AppError(404, "matching:errors.unknownMatch");
  if (!openStatuses.includes(match.status)) throw new AppError(409, "matching:errors.stageNotAllowed");
  await prisma.$transaction((tx) =>
    promoteInTransaction(
      tx,
      staffId,
      { id: match.id, from: match.fromOrganisation, to: match.toOrganisation },
      note,
    ),
  );
}

/** Takes a promotion back (audited); a staff suggestion nobody answered yet goes with it. */
export async function withdrawPromotion(actor: Actor, matchId: string) {
  const staffId = staffOnly(actor);
  if (!uuid.test(matchId)) throw new AppError(404, "matching:errors.unknownMatch");
  const match = await prisma.match.findUnique({
    where: { id: matchId },
    select: { id: true, status: true, promotedAt: true },
  });
  if (!match) throw new AppError(404, "matching:errors.unknownMatch");
  if (!match.promotedAt) throw new AppError(409, "matching:errors.notPromoted");
  await prisma.$transaction(async (tx) => {
    await tx.match.update({
      where: { id: match.id },
      data: {
        promotedAt: null,
        promotedById: null,
        promotionNoteNl: null,
        promotionNoteDe: null,
        ...(match.status === "suggested" ? { status: "ended", closedAt: new Date() } : {}),
      },
    });
    await tx.matchEvent.create({ data: { matchId: match.id, type: "unpromoted", actorId: staffId } });
    await tx.auditLog.create({
      data: { actorId: staffId, action: "match.unpromote", targetType: "match", targetId: match.id },
    });
  });
}

/**
 * Promotes a suggested pair: the open match between them when there is one, else a new `suggested`
 * match from `organisation` (whose suggestions it came from) to `partner`. Returns the match's id.
 */
export async function promoteSuggestion(
  actor: Actor,
  input: { organisation: string; partner: string } & PromotionNote,
): Promise<string> {
  const staffId = staffOnly(actor);
  const note = checkedNote(input);
  const [own, partner] = await Promise.all(
    [input.organisation, input.partner].map((slug) =>
      prisma.organisation.findFirst({
        where: { slug, status: "verified", archivedAt: null },
        select: { id: true, name: true },
      }),
    ),
  );
  if (!own || !partner) throw new AppError(404, "matching:errors.unknownOrganisation");
  if (own.id === partner.id) throw new AppError(400, "matching:errors.itself");
  const fit = await pairFit(own.id, null, partner.id, null);
  return prisma.$transaction(async (tx) => {
    await lockPair(tx, own.id, partner.id);
    const open = await tx.match.findFirst({
      where: {
        status: { in: [...openStatuses] },
        OR: [
          { fromOrganisationId: own.id, toOrganisationId: partner.id },
          { fromOrganisationId: partner.id, toOrganisationId: own.id },
        ],
      },
      select: pairSelect,
    });
    if (open) {
      await promoteInTransaction(
        tx,
        staffId,
        { id: open.id, from: open.fromOrganisation, to: open.toOrganisation },
        note,
      );
      return open.id;
    }
    const declined = await tx.match.count({
      where: {
        status: "declined",
        OR: [
          { fromOrganisationId: own.id, toOrganisationId: partner.id },
          { fromOrganisationId: partner.id, toOrganisationId: own.id },
        ],
      },
    });
    if (declined) throw new AppError(409, "matching:errors.declinedPair");
    const match = await tx.match.create({
      data: {
        fromOrganisationId: own.id,
        toOrganisationId: partner.id,
        fromRequestId: fit?.ownRequestId ?? null,
        toRequestId: fit?.partnerRequestId ?? null,
        status: "suggested",
        score: fit?.score ?? 0,
        reasons: (fit?.reasons ?? []) as unknown as Prisma.InputJsonValue,
        distanceKm: fit ? Math.round(fit.distanceKm) : null,
      },
      select: { id: true },
    });
    await tx.matchEvent.create({ data: { matchId: match.id, type: "suggested", actorId: staffId } });
    await promoteInTransaction(tx, staffId, { id: match.id, from: own, to: partner }, note);
    return match.id;
  });
}

export type StaffSuggestion = {
  partner: { slug: string; name: string; country: "NL" | "DE"; kind: string };
  score: number;
  distanceKm: number;
  reasons: Reason[];
};

/**
 * For the staff page: the latest matches of every stage, the verified organisations whose name
 * contains `q`, and for one chosen organisation its best suggestions (for its newest open request,
 * or for itself), leaving out partners it has a match with.
 */
export async function staffMatchesOverview(
  actor: Actor,
  input: { q: string | null; organisation: string | null },
) {
  staffOnly(actor);
  const organisationSelect = { select: { slug: true, name: true, country: true } } as const;
  const [recent, found, chosen] = await Promise.all([
    prisma.match.findMany({
      orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
      take: 50,
      select: {
        id: true,
        status: true,
        score: true,
        promotedAt: true,
        updatedAt: true,
        fromOrganisation: organisationSelect,
        toOrganisation: organisationSelect,
      },
    }),
    input.q
      ? prisma.organisation.findMany({
          where: { status: "verified", archivedAt: null, name: { contains: input.q, mode: "insensitive" } },
          orderBy: { name: "asc" },
          take: 20,
          select: { slug: true, name: true, country: true },
        })
      : Promise.resolve([]),
    input.organisation
      ? prisma.organisation.findFirst({
          where: { slug: input.organisation, status: "verified", archivedAt: null },
          select: {
            id: true,
            slug: true,
            name: true,
            country: true,
            requests: {
              where: { status: "open" },
              orderBy: { publishedAt: "desc" },
              take: 1,
              select: { id: true },
            },
          },
        })
      : Promise.resolve(null),
  ]);
  if (input.organisation && !chosen) throw new AppError(404, "matching:errors.unknownOrganisation");
  let suggestions: StaffSuggestion[] = [];
  if (chosen) {
    const excluded = (await matchedPartners([chosen.id])).get(chosen.id) ?? new Set<string>();
    const request = chosen.requests[0];
    const found =
      (request
        ? await suggestionsForRequest(request.id, { excluded })
        : await suggestionsForOrganisation(chosen.id, { excluded })) ?? [];
    const partners = await prisma.organisation.findMany({
      where: { id: { in: found.map((suggestion) => suggestion.organisationId) } },
      select: { id: true, slug: true, name: true, country: true, kind: true },
    });
    suggestions = found.flatMap((suggestion) => {
      const partner = partners.find((row) => row.id === suggestion.organisationId);
      return partner
        ? [
            {
              partner: {
                slug: partner.slug,
                name: partner.name,
                country: partner.country,
                kind: partner.kind,
              },
              score: suggestion.score,
              distanceKm: suggestion.distanceKm,
              reasons: suggestion.reasons.slice(0, 4),
            },
          ]
        : [];
    });
  }
  return {
    recent: recent.map((row) => ({
      id: row.id,
      status: row.status,
      score: row.score,
      promoted: !!row.promotedAt,
      from: row.fromOrganisation,
      to: row.toOrganisation,
    })),
    found,
    chosen: chosen ? { slug: chosen.slug, name: chosen.name, country: chosen.country } : null,
    suggestions,
  };
}
