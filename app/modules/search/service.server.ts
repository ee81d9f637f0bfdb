// Finding: public requests and organisations by filters, free text (full-text search in four
// configurations plus trigram similarity for typos) and distance, one cursor page at a time.
// The documents, names and points are kept by triggers (prisma/migrations/*_search).
import { Prisma } from "~/generated/prisma/client.ts";
import type { Locale } from "~/modules/i18n/config.ts";
import { municipalityName } from "~/modules/places/municipalities.ts";
import { requireMunicipality } from "~/modules/places/municipalities.server.ts";
import { workingLanguages } from "~/modules/taxonomy/taxonomy.ts";
import { prisma } from "~/utils/db.server.ts";
import type { Point } from "~/modules/places/points.ts";
import type { OrganisationResult, RequestResult, SearchPage } from "./results.ts";
import { countLimit, type Sort } from "./results.ts";
import { encodeCursor, pageSize, type Cursor, type SearchFilters } from "./schemas.ts";
import { correctedQuery } from "./spelling.server.ts";

/**
 * Words for the full-text query, and the normalised whole text for trigram similarity. The words are
 * tried first; only when they find nothing does the search look for similar names ("Nijmgen"), which
 * keeps common words fast and still forgives a typo.
 */
type TextQuery = {
  tsquery: Prisma.Sql;
  names: Prisma.Sql | null;
  /** In the typo fallback: the public organisations whose names are similar to the text. */
  similar: string[] | null;
} | null;

function textQuery(q: string | undefined): TextQuery {
  if (!q) return null;
  const words = q.split(/\s+/).filter(Boolean).slice(0, 8);
  const tsquery = Prisma.sql`public.search_tsquery(${words}::text[])`;
  // Trigrams of one or two letters match almost anything, so short input uses the full-text part only.
  const names = q.length >= 4 ? Prisma.sql`public.search_normalise(${q})` : null;
  return { tsquery, names, similar: null };
}

/**
 * The words first; when they find nothing, names like the text (a place or organisation typo such as
 * "Nijmgen"); when those find nothing either, the words corrected to the taxonomy's labels ("Fusball"
 * → "Fußball"), and the page says which text it searched for. Each step runs only when the one
 * before found nothing, so a search that finds something costs what it did.
 */
async function withTypoFallback<T>(
  q: string | undefined,
  search: (text: TextQuery) => Promise<SearchPage<T>>,
): Promise<SearchPage<T>> {
  const text = textQuery(q);
  const found = await search(text);
  if (found.count > 0 || !text) return found;
  if (text.names) {
    const similar = await similarOrganisations(text.names);
    if (similar.length) {
      const bySimilar = await search({ ...text, similar });
      if (bySimilar.count > 0) return bySimilar;
    }
  }
  const corrected = correctedQuery(q);
  if (!corrected) return found;
  const byCorrected = await search(textQuery(corrected));
  return byCorrected.count > 0 ? { ...byCorrected, correctedQuery: corrected } : found;
}

/**
 * Whole-word trigram similarity (threshold 0.5) lets one wrong or missing letter through. The
 * organisations are looked up once, by the names index, and the search then takes them (or their
 * requests, whose names are their organisation's) by id: a name is compared once, not per request
 * nor once for the count and again for the page. A typo that resembles a very common word is
 * cut off at similarLimit organisations (ordering them by similarity would cost a second pass).
 */
async function similarOrganisations(names: Prisma.Sql): Promise<string[]> {
  const [similar] = await prisma.$queryRaw<{ ids: string[] }[]>`
    SELECT coalesce(array_agg(id::text), '{}') AS ids FROM (
      SELECT o.id FROM organisations o
      WHERE o.search_visible AND o.search_names %>> ${names}
      LIMIT ${similarLimit}
    ) AS matches`;
  return similar?.ids ?? [];
}

const similarLimit = 2000;

type Columns = {
  table: Prisma.Sql;
  visible: Prisma.Sql;
  document: Prisma.Sql;
  names: Prisma.Sql;
  point: Prisma.Sql;
  id: Prisma.Sql;
  sortedAt: Prisma.Sql;
  /** The rows of these organisations. */
  ofOrganisations: (ids: string[]) => Prisma.Sql;
};

const requestColumns: Columns = {
  table: Prisma.sql`partnership_requests r`,
  visible: Prisma.sql`r.search_visible`,
  document: Prisma.sql`r.search_document`,
  names: Prisma.sql`r.search_names`,
  ofOrganisations: (ids: string[]) => Prisma.sql`r.organisation_id = ANY (${ids}::uuid[])`,
  point: Prisma.sql`r.search_point`,
  id: Prisma.sql`r.id`,
  sortedAt: Prisma.sql`r.search_sorted_at`,
};

const organisationColumns: Columns = {
  table: Prisma.sql`organisations o`,
  visible: Prisma.sql`o.search_visible`,
  document: Prisma.sql`o.search_document`,
  names: Prisma.sql`o.search_names`,
  ofOrganisations: (ids: string[]) => Prisma.sql`o.id = ANY (${ids}::uuid[])`,
  point: Prisma.sql`o.search_point`,
  id: Prisma.sql`o.id`,
  sortedAt: Prisma.sql`o.created_at`,
};

function textCondition(text: TextQuery, columns: Columns): Prisma.Sql {
  if (!text) return Prisma.sql`TRUE`;
  if (text.similar) return columns.ofOrganisations(text.similar);
  // The tsquery is NULL when every word is a stop word: nothing matches by words then.
  return Prisma.sql`${columns.document} @@ ${text.tsquery}`;
}

/** `after` may read the cursor's key as a number or a date: decodeCursor checked it for its sort. */
type Ordering = { key: Prisma.Sql; order: Prisma.Sql; after: (cursor: Cursor) => Prisma.Sql };

function ordering(
  sort: Sort,
  text: TextQuery,
  ranked: boolean,
  center: Point | null,
  columns: Columns,
): Ordering {
  const { id } = columns;
  if (sort === "distance" && center) {
    const distance = Prisma.sql`(${columns.point} <-> public.ll_to_earth(${center.lat}::float8, ${center.lon}::float8))`;
    // The distance alone, so the GiST index walks outwards (KNN); points are unique per row (see the
    // search_point() SQL function), so it is a total order and the id only guards the cursor.
    return {
      key: distance,
      order: distance,
      after: (cursor) => Prisma.sql`(${distance}, ${id}) > (${Number(cursor.k)}::float8, ${cursor.i}::uuid)`,
    };
  }
  if (sort === "relevance" && text && ranked) {
    const rank =
      text.similar && text.names
        ? Prisma.sql`strict_word_similarity(${text.names}, ${columns.names})::float8`
        : Prisma.sql`ts_rank(${columns.document}, ${text.tsquery})::float8`;
    return {
      key: rank,
      order: Prisma.sql`${rank} DESC, ${id} DESC`,
      after: (cursor) => Prisma.sql`(${rank}, ${id}) < (${Number(cursor.k)}::float8, ${cursor.i}::uuid)`,
    };
  }
  // The newest-first order is also the fallback of relevance when too many rows match to rank them.
  return {
    key: columns.sortedAt,
    order: Prisma.sql`${columns.sortedAt} DESC, ${id} DESC`,
    after: (cursor) =>
      Prisma.sql`(${columns.sortedAt}, ${id}) < (${String(cursor.k)}::timestamptz, ${cursor.i}::uuid)`,
  };
}

/** The centre of the municipality to measure from; an unknown code is a 400 on `near`. */
export async function municipalityPoint(code: string | undefined): Promise<Point | null> {
  if (!code) return null;
  const { lat, lon } = await requireMunicipality(code, {
    field: "near",
    message: "browse:errors.unknownMunicipality",
  });
  return { lat, lon };
}

/** An unknown municipality filter is a 400 on `municipality`, not an empty result. */
export async function requireMunicipalityFilter(code: string | undefined): Promise<void> {
  if (code)
    await requireMunicipality(code, { field: "municipality", message: "browse:errors.unknownMunicipality" });
}

/**
 * Ranking reads and scores every match, which costs too much for a common word ("fussball" finds
 * thousands of rows), so relevance ranks only up to countLimit matches; beyond that the matches come
 * newest first, which an index walk answers after one page. The first page decides by the (capped)
 * count; a cursor carries the decision on (a rank is a number, a date a string), so pages never mix
 * the two orders.
 */
async function countThenRows<Row>(
  rankable: boolean,
  cursor: Cursor | undefined,
  count: () => Promise<number>,
  rows: (ranked: boolean) => Promise<Row[]>,
): Promise<{ rows: Row[]; count: number }> {
  if (rankable && !cursor) {
    const counted = await count();
    return { rows: counted ? await rows(counted <= countLimit) : [], count: counted };
  }
  const ranked = rankable && typeof cursor?.k === "number";
  const [found, counted] = await Promise.all([rows(ranked), count()]);
  return { rows: found, count: counted };
}

function and(conditions: Prisma.Sql[]): Prisma.Sql {
  return Prisma.join(conditions, " AND ");
}

/** Metres from the chosen municipality along the earth's surface, or NULL without one. */
function distanceFrom(center: Point | null, point: Prisma.Sql): Prisma.Sql {
  return center
    ? Prisma.sql`public.sec_to_gc(${point} <-> public.ll_to_earth(${center.lat}::float8, ${center.lon}::float8))`
    : Prisma.sql`NULL::float8`;
}

/** How many rows match, counted no further than just past the shown limit. */
async function countMatches(from: Prisma.Sql, where: Prisma.Sql[]): Promise<number> {
  const [counted] = await prisma.$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS count FROM (SELECT 1 FROM ${from} WHERE ${and(where)} LIMIT ${countLimit + 1}) AS matches`;
  return counted?.count ?? 0;
}

function pageOf<Row extends { id: string; sort_key: number | Date }, T>(
  rows: Row[],
  sort: Sort,
  count: number,
  toResult: (row: Row) => T,
): SearchPage<T> {
  const page = rows.slice(0, pageSize);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > pageSize && last
      ? encodeCursor({
          s: sort,
          k: last.sort_key instanceof Date ? last.sort_key.toISOString() : last.sort_key,
          i: last.id,
        })
      : null;
  return { results: page.map(toResult), count, nextCursor };
}

const kilometres = (metres: number | null) => (metres === null ? null : metres / 1000);

type RequestRow = {
  id: string;
  slug: string;
  title_nl: string | null;
  title_de: string | null;
  title_en: string | null;
  organisation_name: string;
  organisation_slug: string;
  organisation_logo_id: string | null;
  kind: string;
  country: "NL" | "DE";
  municipality_name: string;
  municipality_name_nl: string | null;
  municipality_name_de: string | null;
  topics: string[];
  activity_types: string[];
  distance_m: number | null;
  sort_key: number | Date;
};

const requestFields = Prisma.sql`
  r.id::text AS id, r.slug, r.title_nl, r.title_de, r.title_en,
  o.name AS organisation_name, o.slug AS organisation_slug, o.logo_id::text AS organisation_logo_id,
  r.search_kind::text AS kind, r.search_country::text AS country,
  m.name AS municipality_name, m.name_nl AS municipality_name_nl, m.name_de AS municipality_name_de,
  r.topics, r.activity_types`;

const requestsFrom = Prisma.sql`partnership_requests r
  JOIN organisations o ON o.id = r.organisation_id
  JOIN municipalities m ON m.code = r.search_municipality_code`;

function toRequestResult(row: RequestRow, locale: Locale): RequestResult {
  return {
    id: row.id,
    slug: row.slug,
    title: { nl: row.title_nl, de: row.title_de, en: row.title_en },
    organisationName: row.organisation_name,
    organisationSlug: row.organisation_slug,
    organisationLogoId: row.organisation_logo_id,
    kind: row.kind,
    country: row.country,
    municipality: localMunicipalityName(row, locale),
    topics: row.topics,
    activityTypes: row.activity_types,
    distanceKm: kilometres(row.distance_m),
  };
}

type MunicipalityColumns = {
  municipality_name: string;
  municipality_name_nl: string | null;
  municipality_name_de: string | null;
};

function localMunicipalityName(row: MunicipalityColumns, locale: Locale): string {
  return municipalityName(
    { name: row.municipality_name, nameNl: row.municipality_name_nl, nameDe: row.municipality_name_de },
    locale,
  );
}

/** Open requests of public organisations matching every given filter. */
export async function searchRequests(
  filters: SearchFilters,
  cursor: Cursor | undefined,
  locale: Locale,
): Promise<SearchPage<RequestResult>> {
  const [center] = await Promise.all([
    municipalityPoint(filters.near),
    requireMunicipalityFilter(filters.municipality),
  ]);
  // Requests are written in nl, de or en only: another language cannot match.
  if (filters.language && !(workingLanguages as readonly string[]).includes(filters.language)) {
    return { results: [], count: 0, nextCursor: null };
  }
  const columns = requestColumns;
  return withTypoFallback(filters.q, async (text) => {
    const where = [Prisma.sql`r.search_visible`];
    if (filters.country) where.push(Prisma.sql`r.search_country = ${filters.country}::"Country"`);
    if (filters.kind) where.push(Prisma.sql`r.search_kind = ${filters.kind}::"OrganisationKind"`);
    if (filters.municipality) where.push(Prisma.sql`r.search_municipality_code = ${filters.municipality}`);
    if (filters.topic) where.push(Prisma.sql`r.topics @> ARRAY[${filters.topic}]::text[]`);
    if (filters.activity) where.push(Prisma.sql`r.activity_types @> ARRAY[${filters.activity}]::text[]`);
    if (filters.age) where.push(Prisma.sql`r.age_groups @> ARRAY[${filters.age}]::text[]`);
    if (filters.language) where.push(Prisma.sql`r.working_languages @> ARRAY[${filters.language}]::text[]`);
    where.push(textCondition(text, columns));
    const distance = distanceFrom(center, columns.point);

    const found = await countThenRows(
      filters.sort === "relevance" && text !== null,
      cursor,
      () => countMatches(Prisma.sql`partnership_requests r`, where),
      (ranked) => {
        const order = ordering(filters.sort, text, ranked, center, columns);
        return prisma.$queryRaw<RequestRow[]>`
        SELECT ${requestFields}, ${distance} AS distance_m, ${order.key} AS sort_key
        FROM ${requestsFrom}
        WHERE ${and(cursor ? [...where, order.after(cursor)] : where)}
        ORDER BY ${order.order}
        LIMIT ${pageSize + 1}`;
      },
    );
    return pageOf(found.rows, filters.sort, found.count, (row) => toRequestResult(row, locale));
  });
}

type OrganisationRow = {
  id: string;
  slug: string;
  name: string;
  logo_id: string | null;
  description_nl: string | null;
  description_de: string | null;
  description_en: string | null;
  kind: string;
  sport: string | null;
  country: "NL" | "DE";
  municipality_name: string;
  municipality_name_nl: string | null;
  municipality_name_de: string | null;
  distance_m: number | null;
  sort_key: number | Date;
};

const organisationFields = Prisma.sql`
  o.id::text AS id, o.slug, o.name, o.logo_id::text AS logo_id,
  left(o.description_nl, 240) AS description_nl, left(o.description_de, 240) AS description_de,
  left(o.description_en, 240) AS description_en,
  o.kind::text AS kind, o.sport, o.country::text AS country,
  m.name AS municipality_name, m.name_nl AS municipality_name_nl, m.name_de AS municipality_name_de`;

const organisationsFrom = Prisma.sql`organisations o JOIN municipalities m ON m.code = o.municipality_code`;

function toOrganisationResult(row: OrganisationRow, locale: Locale): OrganisationResult {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    logoId: row.logo_id,
    description: { nl: row.description_nl, de: row.description_de, en: row.description_en },
    kind: row.kind,
    sport: row.sport,
    country: row.country,
    municipality: localMunicipalityName(row, locale),
    distanceKm: kilometres(row.distance_m),
  };
}

/**
 * Public organisations matching every given filter. Request filters (topic, activity, age group)
 * find organisations with an open request of that kind.
 */
export async function searchOrganisations(
  filters: SearchFilters,
  cursor: Cursor | undefined,
  locale: Locale,
): Promise<SearchPage<OrganisationResult>> {
  const [center] = await Promise.all([
    municipalityPoint(filters.near),
    requireMunicipalityFilter(filters.municipality),
  ]);
  const columns = organisationColumns;
  return withTypoFallback(filters.q, async (text) => {
    const where = [Prisma.sql`o.search_visible`];
    if (filters.country) where.push(Prisma.sql`o.country = ${filters.country}::"Country"`);
    if (filters.kind) where.push(Prisma.sql`o.kind = ${filters.kind}::"OrganisationKind"`);
    if (filters.municipality) where.push(Prisma.sql`o.municipality_code = ${filters.municipality}`);
    if (filters.language) {
      where.push(Prisma.sql`EXISTS (SELECT 1 FROM organisation_languages l
                                    WHERE l.organisation_id = o.id AND l.language = ${filters.language})`);
    }
    const requestFilters: Prisma.Sql[] = [];
    if (filters.topic) requestFilters.push(Prisma.sql`r.topics @> ARRAY[${filters.topic}]::text[]`);
    if (filters.activity)
      requestFilters.push(Prisma.sql`r.activity_types @> ARRAY[${filters.activity}]::text[]`);
    if (filters.age) requestFilters.push(Prisma.sql`r.age_groups @> ARRAY[${filters.age}]::text[]`);
    if (requestFilters.length) {
      where.push(Prisma.sql`EXISTS (SELECT 1 FROM partnership_requests r
                                    WHERE r.organisation_id = o.id AND r.search_visible AND ${and(requestFilters)})`);
    }
    where.push(textCondition(text, columns));
    const distance = distanceFrom(center, columns.point);

    const found = await countThenRows(
      filters.sort === "relevance" && text !== null,
      cursor,
      () => countMatches(Prisma.sql`organisations o`, where),
      (ranked) => {
        const order = ordering(filters.sort, text, ranked, center, columns);
        return prisma.$queryRaw<OrganisationRow[]>`
        SELECT ${organisationFields}, ${distance} AS distance_m, ${order.key} AS sort_key
        FROM ${organisationsFrom}
        WHERE ${and(cursor ? [...where, order.after(cursor)] : where)}
        ORDER BY ${order.order}
        LIMIT ${pageSize + 1}`;
      },
    );
    return pageOf(found.rows, filters.sort, found.count, (row) => toOrganisationResult(row, locale));
  });
}

/**
 * Public requests or organisations by id, in the order given (the map's list picks them from its
 * points); with a centre, each with its distance from it.
 */
export async function resultsByIds(
  show: "requests",
  ids: string[],
  locale: Locale,
  center: Point | null,
): Promise<RequestResult[]>;
export async function resultsByIds(
  show: "organisations",
  ids: string[],
  locale: Locale,
  center: Point | null,
): Promise<OrganisationResult[]>;
export async function resultsByIds(
  show: "requests" | "organisations",
  ids: string[],
  locale: Locale,
  center: Point | null,
): Promise<RequestResult[] | OrganisationResult[]> {
  if (!ids.length) return [];
  const position = new Map(ids.map((id, index) => [id, index]));
  const byPosition = <Row extends { id: string }>(rows: Row[]) =>
    rows.sort((a, b) => (position.get(a.id) ?? 0) - (position.get(b.id) ?? 0));
  if (show === "requests") {
    const rows = await prisma.$queryRaw<RequestRow[]>`
      SELECT ${requestFields}, ${distanceFrom(center, requestColumns.point)} AS distance_m
      FROM ${requestsFrom} WHERE r.search_visible AND r.id = ANY (${ids}::uuid[])`;
    return byPosition(rows).map((row) => toRequestResult(row, locale));
  }
  const rows = await prisma.$queryRaw<OrganisationRow[]>`
    SELECT ${organisationFields}, ${distanceFrom(center, organisationColumns.point)} AS distance_m
    FROM ${organisationsFrom} WHERE o.search_visible AND o.id = ANY (${ids}::uuid[])`;
  return byPosition(rows).map((row) => toOrganisationResult(row, locale));
}

/** The organisations whose names are like a text's, and whether that is all of them (not cut off at similarLimit). */
export type SimilarNames = { organisations: string[]; complete: boolean };

/** For the map: the organisations like the words, once, so later rows can be matched against the same answer. */
export async function similarNames(q: string): Promise<SimilarNames> {
  const names = textQuery(q)?.names;
  if (!names) return { organisations: [], complete: true };
  const organisations = await similarOrganisations(names);
  return { organisations, complete: organisations.length < similarLimit };
}

/**
 * The ids of every public request or organisation whose text matches `q`, for the map's filters:
 * by its words, (`similar`) the rows of organisations whose names are like it, or (`corrected`) by
 * its words corrected to the taxonomy's labels: the steps the browse search falls back through when
 * the one before finds nothing under the other filters. `only` narrows
 * to those rows (the map matching the rows a write touched). For `similar`, `names` is the answer
 * of similarNames the map already holds: when it was complete, a row is like the words when its own
 * names are (what a search over all rows would find); when it was cut off, when its organisation is
 * among those it named, as the first search had it.
 */
export async function matchingIds(
  show: "requests" | "organisations",
  q: string,
  match: "words" | "similar" | "corrected",
  options: { only?: string[]; names?: SimilarNames } = {},
): Promise<string[]> {
  const columns = show === "requests" ? requestColumns : organisationColumns;
  const corrected = match === "corrected" ? correctedQuery(q) : null;
  if (match === "corrected" && !corrected) return [];
  const text = textQuery(corrected ?? q);
  const { only } = options;
  if (!text || (only && !only.length)) return [];
  let condition = textCondition(text, columns);
  if (match === "similar") {
    if (!text.names) return [];
    const names = options.names ?? (await similarNames(q));
    if (only && names.complete) {
      condition = Prisma.sql`${columns.names} %>> ${text.names}`;
    } else {
      if (!names.organisations.length) return [];
      condition = textCondition({ ...text, similar: names.organisations }, columns);
    }
  }
  const narrow = only ? Prisma.sql` AND ${columns.id} = ANY (${only}::uuid[])` : Prisma.empty;
  const rows = await prisma.$queryRaw<{ id: string }[]>`
    SELECT ${columns.id}::text AS id FROM ${columns.table} WHERE ${columns.visible} AND ${condition}${narrow}`;
  return rows.map((row) => row.id);
}
