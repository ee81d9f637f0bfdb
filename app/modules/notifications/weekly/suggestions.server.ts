// "New suggested partners for your organisation this week": each Monday, every verified organisation
// with members gets its suggestions as its members see them on /matches (per open request, or for
// the organisation as a whole without one; dismissed partners left out), and its members are told
// how many partners are among them that were not announced to it before. The announced partners are
// kept per organisation (suggestion_announcements), so each partner counts once.
// Only organisations with members are read, so the run costs what the members' organisations cost,
// not the whole platform: on the 100,000-organisation bench set that is the demo organisations.
// A unit of its own (notifications/weekly): it reads matching, and matching notifies through
// notifications, so the notifications unit itself must not depend on matching.
import { suggestionsForOrganisation, suggestionsForRequest } from "~/modules/matching/candidates.server.ts";
import { dismissedBy } from "~/modules/matching/dismissals.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { defineQueue, type JobWorker } from "~/utils/jobs.server.ts";
import { notifyMembers } from "../notify.server.ts";

export const WEEKLY_SUGGESTIONS_QUEUE = "weekly-suggestions";
/** Monday 6:30 Amsterdam time, before the weekly digests at 7:00 (which then carry it). */
export const WEEKLY_SUGGESTIONS_CRON = "30 6 * * 1";

/** As many open requests per organisation as the suggestions page shows groups for. */
const requestLimit = 12;
/** Organisations worked on at once: the candidate walks are the database's work, on two cores. */
const concurrency = 2;
/** The first key of the advisory lock held per organisation while it is announced. */
const ANNOUNCE_LOCK = 0x77656b6c;

type Seeker = { id: string; name: string };

/** The partners suggested to an organisation now, as its members' suggestions page lists them. */
async function suggestedPartners(organisation: Seeker, now: Date): Promise<string[]> {
  const [requests, dismissals] = await Promise.all([
    prisma.partnershipRequest.findMany({
      where: { organisationId: organisation.id, status: "open" },
      orderBy: { publishedAt: "desc" },
      take: requestLimit,
      select: { id: true },
    }),
    dismissedBy([organisation.id]),
  ]);
  const excluded = new Set((dismissals.get(organisation.id) ?? []).map((partner) => partner.id));
  const lists = requests.length
    ? await Promise.all(requests.map((request) => suggestionsForRequest(request.id, { excluded, now })))
    : [await suggestionsForOrganisation(organisation.id, { excluded, now })];
  return [...new Set(lists.flatMap((list) => (list ?? []).map((suggestion) => suggestion.organisationId)))];
}

/**
 * Records the partners not announced to the organisation before and notifies its members of how
 * many, in one transaction: a second run at the same time waits for the lock, then finds them
 * recorded and notifies nobody. Returns how many were new.
 */
async function announce(organisation: Seeker, partners: string[], now: Date): Promise<number> {
  if (!partners.length) return 0;
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ANNOUNCE_LOCK}::int, hashtext(${organisation.id}))`;
    const added = await tx.$queryRaw<{ partner: string }[]>`
      INSERT INTO suggestion_announcements (organisation_id, partner_organisation_id, announced_at)
      SELECT ${organisation.id}::uuid, partner, ${now} FROM unnest(${partners}::uuid[]) AS partner
      ON CONFLICT DO NOTHING
      RETURNING partner_organisation_id::text AS partner`;
    if (!added.length) return 0;
    await notifyMembers(tx, organisation.id, {
      type: "weekly_suggestions",
      params: { organisation: organisation.name, count: added.length },
      path: "/matches",
    });
    return added.length;
  });
}

export type WeeklySuggestionsRun = { organisations: number; notified: number; partners: number };

export async function announceWeeklySuggestions(now = new Date()): Promise<WeeklySuggestionsRun> {
  // Driven by memberships: organisations nobody belongs to have nobody to tell.
  const organisations = await prisma.$queryRaw<Seeker[]>`
    SELECT o.id::text AS id, o.name FROM organisations o
    WHERE o.status = 'verified' AND o.archived_at IS NULL
      AND o.id IN (SELECT m.organisation_id FROM memberships m)
    ORDER BY o.id`;
  const run: WeeklySuggestionsRun = { organisations: organisations.length, notified: 0, partners: 0 };
  let next = 0;
  const worker = async () => {
    while (next < organisations.length) {
      const organisation = organisations[next++]!;
      const added = await announce(organisation, await suggestedPartners(organisation, now), now);
      if (added > 0) {
        run.notified++;
        run.partners += added;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return run;
}

export const weeklySuggestionsWorker: JobWorker<object> = {
  queue: defineQueue({
    name: WEEKLY_SUGGESTIONS_QUEUE,
    options: { policy: "singleton", retryLimit: 3, retryDelay: 300, expireInSeconds: 4 * 3600 },
    cron: WEEKLY_SUGGESTIONS_CRON,
  }),
  handle: async () => {
    await announceWeeklySuggestions();
  },
};
