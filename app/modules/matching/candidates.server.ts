// Suggestions: candidates chosen in PostgreSQL on the search indexes, then weighed by the scorer.
// Two index walks give at most 140 candidates however large the platform: the nearest open
// requests sharing a topic, and the nearest public organisations, on the other side of the border,
// of a wanted kind and within the seeker's radius (GiST KNN on one partial index per country,
// index-only). Their facts (languages, open requests, the latter index-only too) are read by id in
// three queries at once and scored in Node.
import { Prisma } from "~/generated/prisma/client.ts";
import { prisma } from "~/utils/db.server.ts";
import { verifiedMemberships } from "./memberships.ts";
import {
  defaultRadiusKm,
  rankCandidates,
  scoreCandidate,
  type Candidate,
  type LanguageSkill,
  type RequestFacts,
  type Seeker,
  type Suggestion,
} from "./score.ts";

/**
 * Requests sharing a topic, nearest first: the candidates most likely to score well. With the
 * nearest organisations, enough for a top 10 (150 and 100 ranked the tests' realistic pairs the
 * same and cost 60 % more on the large set, where reading the facts is most of the time).
 */
const byTopicLimit = 80;
/** The nearest organisations, whatever their requests: partners without a request yet. */
const nearestLimit = 60;

type RequestRow = {
  id: string;
  topics: string[];
  activity_types: string[];
  age_groups: string[];
  partner_kinds: string[];
  working_languages: string[];
  group_size_min: number | null;
  group_size_max: number | null;
  starts_on: string | Date | null;
  ends_on: string | Date | null;
  flexible: boolean;
  radius_km: number;
  cross_border_only: boolean;
  published_at: string | Date | null;
};

const date = (value: string | Date | null) => (value === null ? null : new Date(value));

function requestFacts(row: RequestRow): RequestFacts {
  return {
    id: row.id,
    topics: row.topics,
    activityTypes: row.activity_types,
    ageGroups: row.age_groups,
    partnerKinds: row.partner_kinds,
    workingLanguages: row.working_languages,
    groupSizeMin: row.group_size_min,
    groupSizeMax: row.group_size_max,
    startsOn: date(row.starts_on),
    endsOn: date(row.ends_on),
    flexible: row.flexible,
    radiusKm: row.radius_km,
    crossBorderOnly: row.cross_border_only,
    publishedAt: date(row.published_at),
  };
}

/** A request's facts as columns, the same for the seeker and the candidates. */
const requestColumns = Prisma.sql`r.id::text AS id, r.topics, r.activity_types, r.age_groups, r.partner_kinds,
  r.working_languages, r.group_size_min, r.group_size_max, r.starts_on, r.ends_on, r.flexible,
  r.radius_km, r.cross_border_only, r.published_at`;

/** The same as JSON, for the seeker's row. */
const requestJson = Prisma.sql`json_build_object(
  'id', r.id, 'topics', r.topics, 'activity_types', r.activity_types, 'age_groups', r.age_groups,
  'partner_kinds', r.partner_kinds, 'working_languages', r.working_languages,
  'group_size_min', r.group_size_min, 'group_size_max', r.group_size_max,
  'starts_on', r.starts_on, 'ends_on', r.ends_on, 'flexible', r.flexible, 'radius_km', r.radius_km,
  'cross_border_only', r.cross_border_only, 'published_at', r.published_at)`;

type OrganisationRow = {
  id: string;
  kind: string;
  country: "NL" | "DE";
  lat: number;
  lon: number;
  status: string;
  archived: boolean;
  languages: LanguageSkill[];
  requests: RequestRow[];
};

/**
 * Organisations with their languages and open, public requests: three queries at once, each one
 * index scan for all the ids (a subquery per organisation cost twice as much on the large set).
 */
async function organisationFacts(ids: string[]): Promise<OrganisationRow[]> {
  if (!ids.length) return [];
  const [organisations, languages, requests] = await Promise.all([
    prisma.$queryRaw<Omit<OrganisationRow, "languages" | "requests">[]>`
      SELECT o.id::text AS id, o.kind::text AS kind, o.country::text AS country, o.lat, o.lon,
             o.status::text AS status, o.archived_at IS NOT NULL AS archived
      FROM organisations o WHERE o.id = ANY (${ids}::uuid[])`,
    prisma.$queryRaw<(LanguageSkill & { organisation_id: string })[]>`
      SELECT l.organisation_id::text AS organisation_id, l.language, l.level
      FROM organisation_languages l WHERE l.organisation_id = ANY (${ids}::uuid[])`,
    prisma.$queryRaw<(RequestRow & { organisation_id: string })[]>`
      SELECT r.organisation_id::text AS organisation_id, ${requestColumns}
      FROM partnership_requests r
      WHERE r.organisation_id = ANY (${ids}::uuid[]) AND r.status = 'open' AND r.search_visible`,
  ]);
  const byOrganisation = <T extends { organisation_id: string }>(rows: T[]) => {
    const grouped = new Map<string, T[]>();
    for (const row of rows)
      grouped.set(row.organisation_id, [...(grouped.get(row.organisation_id) ?? []), row]);
    return grouped;
  };
  const languagesOf = byOrganisation(languages);
  const requestsOf = byOrganisation(requests);
  return organisations.map((organisation) => ({
    ...organisation,
    languages: (languagesOf.get(organisation.id) ?? []).map(({ language, level }) => ({ language, level })),
    requests: requestsOf.get(organisation.id) ?? [],
  }));
}

function candidateOf(row: OrganisationRow): Candidate {
  return {
    id: row.id,
    kind: row.kind,
    country: row.country,
    lat: row.lat,
    lon: row.lon,
    languages: row.languages,
    status: row.status,
    archived: row.archived,
    requests: row.requests.map(requestFacts),
  };
}

/**
 * The ids worth scoring for this seeker, from two index walks per country it looks in. The country
 * is written into the SQL (it is one of two enum values), so the planner picks that country's
 * partial index (migration 20261207150000_matching_indexes) and the walk is index-only; the radius
 * is left to the scorer, as the walk stops after its limit anyway.
 */
async function candidateIds(seeker: Seeker): Promise<string[]> {
  const request = seeker.request;
  const centre = Prisma.sql`public.ll_to_earth(${seeker.lat}::float8, ${seeker.lon}::float8)`;
  const countries =
    (request?.crossBorderOnly ?? true) ? otherCountries(seeker.country) : (["NL", "DE"] as const);
  const kinds = request?.partnerKinds.length ? [...request.partnerKinds] : null;
  // The scorer drops anyone beyond the seeker's radius; the walks stop there too (the box around
  // the circle, on the same index), so a rare topic does not walk the whole region for its limit.
  const within = Prisma.sql`public.earth_box(${centre}, ${(request?.radiusKm ?? defaultRadiusKm) * 1000}::float8)`;

  const walks = countries.flatMap((country) => {
    const literal = Prisma.raw(`'${country}'`);
    const nearest = prisma.$queryRaw<{ id: string }[]>`
      SELECT o.id::text AS id FROM organisations o
      WHERE o.search_visible AND o.country = ${literal} AND o.id <> ${seeker.id}::uuid
        AND ${within} @> o.search_point
        ${kinds ? Prisma.sql`AND o.kind::text = ANY (${kinds}::text[])` : Prisma.empty}
      ORDER BY o.search_point <-> ${centre}
      LIMIT ${nearestLimit}`;
    if (!request?.topics.length) return [nearest];
    const byTopic = prisma.$queryRaw<{ id: string }[]>`
      SELECT r.organisation_id::text AS id FROM partnership_requests r
      WHERE r.search_visible AND r.search_country = ${literal} AND r.organisation_id <> ${seeker.id}::uuid
        AND r.topics && ${[...request.topics]}::text[] AND ${within} @> r.search_point
        ${kinds ? Prisma.sql`AND r.search_kind::text = ANY (${kinds}::text[])` : Prisma.empty}
      ORDER BY r.search_point <-> ${centre}
      LIMIT ${byTopicLimit}`;
    return [byTopic, nearest];
  });
  const found = await Promise.all(walks);
  return [...new Set(found.flat().map((row) => row.id))];
}

function otherCountries(country: "NL" | "DE"): readonly ("NL" | "DE")[] {
  return country === "NL" ? ["DE"] : ["NL"];
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type SuggestionOptions = { limit?: number; now?: Date; excluded?: ReadonlySet<string> };

async function suggest(seeker: Seeker, options: SuggestionOptions): Promise<Suggestion[]> {
  const ids = await candidateIds(seeker);
  const candidates = (await organisationFacts(ids)).map(candidateOf);
  return rankCandidates(
    seeker,
    candidates,
    { now: options.now ?? new Date(), excluded: options.excluded ?? new Set() },
    options.limit ?? 10,
  );
}

/** Suggestions for one open request of an organisation; null when there is no such public request. */
export async function suggestionsForRequest(
  requestId: string,
  options: SuggestionOptions = {},
): Promise<Suggestion[] | null> {
  if (!uuid.test(requestId)) return null;
  const rows = await prisma.$queryRaw<(OrganisationRow & { request: RequestRow })[]>`
    SELECT o.id::text AS id, o.kind::text AS kind, o.country::text AS country, o.lat, o.lon,
           o.status::text AS status, o.archived_at IS NOT NULL AS archived,
           coalesce((SELECT json_agg(json_build_object('language', l.language, 'level', l.level))
                     FROM organisation_languages l WHERE l.organisation_id = o.id), '[]') AS languages,
           '[]'::json AS requests, ${requestJson} AS request
    FROM partnership_requests r JOIN organisations o ON o.id = r.organisation_id
    WHERE r.id = ${requestId}::uuid AND r.status = 'open'`;
  const row = rows[0];
  if (!row) return null;
  return suggest({ ...candidateOf(row), request: requestFacts(row.request) }, options);
}

/** Suggestions for an organisation as a whole (it has no open request, or asks for itself). */
export async function suggestionsForOrganisation(
  organisationId: string,
  options: SuggestionOptions = {},
): Promise<Suggestion[] | null> {
  if (!uuid.test(organisationId)) return null;
  const [row] = await organisationFacts([organisationId]);
  if (!row) return null;
  return suggest({ ...candidateOf(row), request: null }, options);
}

export type PairFit = Suggestion & {
  /** The seeker's request the fit was weighed for: the one named, or its newest open one. */
  ownRequestId: string | null;
  partnerRequestId: string | null;
};

/**
 * How well a partner fits one organisation: with the organisation's named request (or its newest
 * open one) as the seeker, and only the partner's named request (or all its open ones) as the
 * candidate's. Null when either is not public or a hard filter rules the pair out.
 */
export async function pairFit(
  ownId: string,
  ownRequestId: string | null,
  partnerId: string,
  partnerRequestId: string | null,
): Promise<PairFit | null> {
  const rows = await organisationFacts([ownId, partnerId]);
  const seekerRow = rows.find((row) => row.id === ownId);
  const candidateRow = rows.find((row) => row.id === partnerId);
  if (!seekerRow || !candidateRow) return null;
  const newest = [...seekerRow.requests].sort(
    (a, b) => (date(b.published_at)?.getTime() ?? 0) - (date(a.published_at)?.getTime() ?? 0),
  )[0];
  const ownRequest = ownRequestId
    ? seekerRow.requests.find((request) => request.id === ownRequestId)
    : newest;
  const candidate = candidateOf(candidateRow);
  const suggestion = scoreCandidate(
    { ...candidateOf(seekerRow), request: ownRequest ? requestFacts(ownRequest) : null },
    partnerRequestId
      ? { ...candidate, requests: candidate.requests.filter((request) => request.id === partnerRequestId) }
      : candidate,
    { now: new Date(), excluded: new Set() },
  );
  if (!suggestion) return null;
  return {
    ...suggestion,
    ownRequestId: ownRequest?.id ?? null,
    partnerRequestId: partnerRequestId ?? suggestion.requestId,
  };
}

export type Fit = {
  organisation: { id: string; slug: string; name: string };
  partnerId: string;
  score: number;
  reasons: Suggestion["reasons"];
};

/**
 * "How well this fits my organisation", for a signed-in member of another organisation looking at a
 * profile or a request: their first verified organisation (with its newest open request) as the
 * seeker, the page's organisation (only the page's request, on a request page) as the candidate.
 * Null for visitors, for the organisation's own members, and where a hard filter rules the pair out.
 */
export async function fitForViewer(
  userId: string,
  target: { organisationSlug: string; requestSlug?: string },
): Promise<Fit | null> {
  const [membership, organisation] = await Promise.all([
    prisma.membership.findFirst({
      ...verifiedMemberships(userId),
      select: { organisation: { select: { id: true, slug: true, name: true } } },
    }),
    prisma.organisation.findUnique({
      where: { slug: target.organisationSlug },
      select: {
        id: true,
        memberships: { where: { userId }, select: { role: true } },
        requests: target.requestSlug ? { where: { slug: target.requestSlug }, select: { id: true } } : false,
      },
    }),
  ]);
  if (!membership || !organisation || organisation.memberships.length) return null;
  const own = membership.organisation;
  const shownRequest = target.requestSlug ? (organisation.requests?.[0]?.id ?? null) : null;
  if (target.requestSlug && !shownRequest) return null;
  const fit = await pairFit(own.id, null, organisation.id, shownRequest);
  if (!fit) return null;
  return {
    organisation: own,
    partnerId: organisation.id,
    score: fit.score,
    reasons: fit.reasons.slice(0, 4),
  };
}
