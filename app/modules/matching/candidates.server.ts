// Suggestions: candidates chosen in PostgreSQL on the search indexes, then weighed by the scorer.
// Two index walks give at most a few hundred candidates however large the platform: the nearest
// open requests sharing a topic (GIN on the arrays, GiST on the points, within the radius, on the
// other side of the border and of a wanted kind), and the nearest public organisations (GiST KNN).
// Their facts (languages, open requests) are read in one query by id and scored in Node.
import { Prisma } from "~/generated/prisma/client.ts";
import { prisma } from "~/utils/db.server.ts";
import {
  defaultRadiusKm,
  rankCandidates,
  type Candidate,
  type LanguageSkill,
  type RequestFacts,
  type Seeker,
  type Suggestion,
} from "./score.ts";

/** Requests sharing a topic, nearest first: the candidates most likely to score well. */
const byTopicLimit = 200;
/** The nearest organisations, whatever their requests: partners without a request yet. */
const nearestLimit = 150;

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

/** A request's facts as JSON, the same shape for the seeker and the candidates. */
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

/** Organisations with their languages and open, public requests, in one query. */
async function organisationFacts(ids: string[]): Promise<OrganisationRow[]> {
  if (!ids.length) return [];
  return prisma.$queryRaw<OrganisationRow[]>`
    SELECT o.id::text AS id, o.kind::text AS kind, o.country::text AS country, o.lat, o.lon,
           o.status::text AS status, o.archived_at IS NOT NULL AS archived,
           coalesce((SELECT json_agg(json_build_object('language', l.language, 'level', l.level))
                     FROM organisation_languages l WHERE l.organisation_id = o.id), '[]') AS languages,
           coalesce((SELECT json_agg(${requestJson}) FROM partnership_requests r
                     WHERE r.organisation_id = o.id AND r.search_visible), '[]') AS requests
    FROM organisations o WHERE o.id = ANY (${ids}::uuid[])`;
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

/** The ids worth scoring for this seeker, from the two index walks. */
async function candidateIds(seeker: Seeker): Promise<string[]> {
  const request = seeker.request;
  const radiusMetres = (request?.radiusKm ?? defaultRadiusKm) * 1000;
  const centre = Prisma.sql`public.ll_to_earth(${seeker.lat}::float8, ${seeker.lon}::float8)`;
  const otherSide = request?.crossBorderOnly ?? true;
  const kinds = request?.partnerKinds.length ? request.partnerKinds : null;

  const organisationWhere = [
    Prisma.sql`o.search_visible`,
    Prisma.sql`o.id <> ${seeker.id}::uuid`,
    Prisma.sql`public.earth_box(${centre}, ${radiusMetres}::float8) @> o.search_point`,
  ];
  if (otherSide) organisationWhere.push(Prisma.sql`o.country <> ${seeker.country}::"Country"`);
  if (kinds) organisationWhere.push(Prisma.sql`o.kind::text = ANY (${kinds}::text[])`);
  const nearest = prisma.$queryRaw<{ id: string }[]>`
    SELECT o.id::text AS id FROM organisations o
    WHERE ${Prisma.join(organisationWhere, " AND ")}
    ORDER BY o.search_point <-> ${centre}
    LIMIT ${nearestLimit}`;

  let byTopic: Promise<{ id: string }[]> = Promise.resolve([]);
  if (request?.topics.length) {
    const requestWhere = [
      Prisma.sql`r.search_visible`,
      Prisma.sql`r.organisation_id <> ${seeker.id}::uuid`,
      Prisma.sql`r.topics && ${[...request.topics]}::text[]`,
      Prisma.sql`public.earth_box(${centre}, ${radiusMetres}::float8) @> r.search_point`,
    ];
    if (otherSide) requestWhere.push(Prisma.sql`r.search_country <> ${seeker.country}::"Country"`);
    if (kinds) requestWhere.push(Prisma.sql`r.search_kind::text = ANY (${kinds}::text[])`);
    byTopic = prisma.$queryRaw<{ id: string }[]>`
      SELECT DISTINCT organisation_id::text AS id FROM (
        SELECT r.organisation_id FROM partnership_requests r
        WHERE ${Prisma.join(requestWhere, " AND ")}
        ORDER BY r.search_point <-> ${centre}
        LIMIT ${byTopicLimit}) AS near`;
  }
  const [a, b] = await Promise.all([byTopic, nearest]);
  return [...new Set([...a, ...b].map((row) => row.id))];
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
