// Demo notifications, so the demo members' bell and notifications page show what their matches did:
// for each member of a demo organisation (the @demo.euregio-partners.example logins), one notification
// per event of each match their organisation is in (interest received, connected, stage, declined,
// promoted), as the matches code writes them, and this week's new suggestions. Call it after the
// matches are seeded. Ids derive from stable keys, so a second run adds nothing; the newest two of
// each member stay unread. All are marked mailed: seeding sends no mail, not even a digest.
import { createHash } from "node:crypto";
import type { NotificationType, Prisma } from "../app/generated/prisma/client.ts";
import { prisma } from "../app/utils/db.server.ts";

const HOUR = 3_600_000;
const DEMO_DOMAIN = "@demo.euregio-partners.example";

function stableUuid(name: string): string {
  const hex = createHash("sha256").update(`euregio-demo-notification:${name}`).digest("hex");
  // Version 8 (custom), RFC 4122 variant.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${((parseInt(hex[16]!, 16) & 3) | 8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

type Event = {
  key: string;
  type: NotificationType;
  params: Record<string, string | number>;
  path: string;
  matchId?: string;
  at: Date;
};

type MatchRow = {
  id: string;
  status: string;
  fromOrganisationId: string;
  toOrganisationId: string;
  promotedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  fromOrganisation: { name: string };
  toOrganisation: { name: string };
};

/** What a member of `organisationId` was told about this match, as the matches code tells it. */
function eventsOf(match: MatchRow, organisationId: string, organisation: string): Event[] {
  const ours = match.fromOrganisationId === organisationId;
  const partner = ours ? match.toOrganisation.name : match.fromOrganisation.name;
  const base = { params: { partner, organisation }, path: `/matches/${match.id}`, matchId: match.id };
  const events: Event[] = [];
  const later = match.updatedAt > match.createdAt ? match.updatedAt : match.createdAt;
  if (!ours && match.status !== "suggested")
    events.push({ ...base, key: `${match.id}:interest`, type: "interest_received", at: match.createdAt });
  if (["connected", "active_project", "completed", "ended"].includes(match.status))
    events.push({ ...base, key: `${match.id}:connected`, type: "match_connected", at: later });
  if (["active_project", "completed", "ended"].includes(match.status))
    events.push({
      ...base,
      key: `${match.id}:${match.status}`,
      type: "match_stage",
      params: { ...base.params, stage: match.status },
      at: later,
    });
  if (match.status === "declined" && ours)
    events.push({ ...base, key: `${match.id}:declined`, type: "match_declined", at: later });
  if (match.promotedAt)
    events.push({ ...base, key: `${match.id}:promoted`, type: "match_promoted", at: match.promotedAt });
  return events;
}

export async function seedNotifications({ now = new Date() }: { now?: Date } = {}): Promise<number> {
  const memberships = await prisma.membership.findMany({
    where: { user: { email: { endsWith: DEMO_DOMAIN } }, organisation: { status: "verified" } },
    select: { userId: true, organisation: { select: { id: true, name: true } } },
  });
  const rows: Prisma.NotificationCreateManyInput[] = [];
  for (const { userId, organisation } of memberships) {
    const matches = await prisma.match.findMany({
      where: { OR: [{ fromOrganisationId: organisation.id }, { toOrganisationId: organisation.id }] },
      select: {
        id: true,
        status: true,
        fromOrganisationId: true,
        toOrganisationId: true,
        promotedAt: true,
        createdAt: true,
        updatedAt: true,
        fromOrganisation: { select: { name: true } },
        toOrganisation: { select: { name: true } },
      },
    });
    const events = [
      ...matches.flatMap((match) => eventsOf(match, organisation.id, organisation.name)),
      {
        key: `${organisation.id}:weekly`,
        type: "weekly_suggestions" as const,
        params: { organisation: organisation.name, count: 3 },
        path: "/matches",
        at: new Date(now.getTime() - 26 * HOUR),
      },
    ].sort((a, b) => b.at.getTime() - a.at.getTime());
    events.forEach((event, index) =>
      rows.push({
        id: stableUuid(`${userId}:${event.key}`),
        userId,
        type: event.type,
        params: event.params,
        path: event.path,
        organisationId: organisation.id,
        matchId: event.matchId ?? null,
        createdAt: event.at,
        readAt: index < 2 ? null : now,
        mailedAt: now,
      }),
    );
  }
  if (!rows.length) return 0;
  const { count } = await prisma.notification.createMany({ data: rows, skipDuplicates: true });
  return count;
}
