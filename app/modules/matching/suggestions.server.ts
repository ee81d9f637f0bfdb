// A member's suggestions: for each open request of each of their organisations, the best partners;
// for an organisation without an open request, partners for the organisation itself. Only verified
// organisations get suggestions (a pending one is not visible to partners yet).
import type { Locale } from "~/modules/i18n/config.ts";
import { municipalityName } from "~/modules/places/municipalities.ts";
import { prisma } from "~/utils/db.server.ts";
import { verifiedMemberships } from "./memberships.ts";
import { suggestionsForOrganisation, suggestionsForRequest } from "./candidates.server.ts";
import { dismissedBy } from "./dismissals.server.ts";
import { matchedPartners } from "./matches.server.ts";
import type { Reason } from "./score.ts";

type Texts = { nl: string | null; de: string | null; en: string | null };

export type SuggestionView = {
  score: number;
  distanceKm: number;
  reasons: Reason[];
  organisation: { slug: string; name: string; kind: string; country: "NL" | "DE"; municipality: string };
  request: { slug: string; title: Texts } | null;
};

export type SuggestionGroup = {
  organisation: { slug: string; name: string };
  /** The member's own request the suggestions are for; null for the organisation as a whole. */
  request: { slug: string; title: Texts } | null;
  suggestions: SuggestionView[];
};

/** Whether the user belongs to any organisation (the page then does not offer to register one). */
export async function belongsToAnOrganisation(userId: string): Promise<boolean> {
  return (await prisma.membership.count({ where: { userId, organisation: { archivedAt: null } } })) > 0;
}

/** How many of a member's organisations and requests get suggestions on one page. */
const groupLimit = 12;

export type DismissedPartners = {
  organisation: { slug: string; name: string };
  partners: { slug: string; name: string }[];
};

export async function suggestionsForMember(
  userId: string,
  locale: Locale,
): Promise<{ groups: SuggestionGroup[]; dismissed: DismissedPartners[] }> {
  const memberships = await prisma.membership.findMany({
    ...verifiedMemberships(userId),
    select: {
      organisation: {
        select: {
          id: true,
          slug: true,
          name: true,
          requests: {
            where: { status: "open" },
            orderBy: { publishedAt: "desc" },
            select: { id: true, slug: true, titleNl: true, titleDe: true, titleEn: true },
          },
        },
      },
    },
  });
  type Wanted = {
    organisation: (typeof memberships)[number]["organisation"];
    request: (typeof memberships)[number]["organisation"]["requests"][number] | null;
  };
  const wanted = memberships
    .flatMap(({ organisation }): Wanted[] =>
      organisation.requests.length
        ? organisation.requests.map((request) => ({ organisation, request }))
        : [{ organisation, request: null }],
    )
    .slice(0, groupLimit);
  const ownIds = memberships.map(({ organisation }) => organisation.id);
  const [dismissals, matched] = await Promise.all([dismissedBy(ownIds), matchedPartners(ownIds)]);
  const found = await Promise.all(
    wanted.map(({ organisation, request }) => {
      const excluded = new Set([
        ...(dismissals.get(organisation.id) ?? []).map((partner) => partner.id),
        ...(matched.get(organisation.id) ?? []),
      ]);
      return request
        ? suggestionsForRequest(request.id, { excluded })
        : suggestionsForOrganisation(organisation.id, { excluded });
    }),
  );
  const organisationIds = [...new Set(found.flatMap((list) => (list ?? []).map((s) => s.organisationId)))];
  const requestIds = [
    ...new Set(found.flatMap((list) => (list ?? []).flatMap((s) => (s.requestId ? [s.requestId] : [])))),
  ];
  const [organisations, requests] = await Promise.all([
    prisma.organisation.findMany({
      where: { id: { in: organisationIds } },
      select: {
        id: true,
        slug: true,
        name: true,
        kind: true,
        country: true,
        municipality: { select: { name: true, nameNl: true, nameDe: true } },
      },
    }),
    prisma.partnershipRequest.findMany({
      where: { id: { in: requestIds } },
      select: { id: true, slug: true, titleNl: true, titleDe: true, titleEn: true },
    }),
  ]);
  const organisationById = new Map(organisations.map((row) => [row.id, row]));
  const requestById = new Map(requests.map((row) => [row.id, row]));
  const titles = (row: { titleNl: string | null; titleDe: string | null; titleEn: string | null }) => ({
    nl: row.titleNl,
    de: row.titleDe,
    en: row.titleEn,
  });
  const groups = wanted.map(({ organisation, request }, index) => ({
    organisation: { slug: organisation.slug, name: organisation.name },
    request: request ? { slug: request.slug, title: titles(request) } : null,
    suggestions: (found[index] ?? []).flatMap((suggestion) => {
      const partner = organisationById.get(suggestion.organisationId);
      if (!partner) return [];
      const theirs = suggestion.requestId ? requestById.get(suggestion.requestId) : undefined;
      return [
        {
          score: suggestion.score,
          distanceKm: suggestion.distanceKm,
          reasons: suggestion.reasons,
          organisation: {
            slug: partner.slug,
            name: partner.name,
            kind: partner.kind,
            country: partner.country,
            municipality: municipalityName(partner.municipality, locale),
          },
          request: theirs ? { slug: theirs.slug, title: titles(theirs) } : null,
        },
      ];
    }),
  }));
  const dismissed = memberships.flatMap(({ organisation }) => {
    const partners = dismissals.get(organisation.id) ?? [];
    return partners.length
      ? [
          {
            organisation: { slug: organisation.slug, name: organisation.name },
            partners: partners.map(({ slug, name }) => ({ slug, name })),
          },
        ]
      : [];
  });
  return { groups, dismissed };
}
