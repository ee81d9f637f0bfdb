// `npm run seed:scale -- --orgs 100000 [--requests 200000]`: a large, deterministic synthetic data set
// for benchmarks, in DATABASE_URL or the embedded database. Organisations are spread over every
// municipality of the gazetteer with Dutch and German texts from word lists; the same arguments
// always give the same rows. Earlier synthetic rows (slugs "scale-…") are replaced, nothing else.
import { join } from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import {
  activityTypes,
  ageGroups,
  organisationKinds,
  sports as taxonomySports,
  topics,
} from "../app/modules/taxonomy/taxonomy.ts";
import { resolveDatabase } from "../server/database.ts";
import { migrate } from "../server/migrations.ts";

type Options = { orgs: number; requests: number; log?: (line: string) => void };

const array = (items: readonly string[]) =>
  `ARRAY[${items.map((item) => `'${item.replaceAll("'", "''")}'`).join(",")}]`;

/** Picks from a word list by a deterministic number in [0, 1). */
const pick = (items: readonly string[], random: string) =>
  `(${array(items)})[1 + floor(${random} * ${items.length})::int]`;

const words = {
  nl: {
    school: ["Basisschool", "Openbare basisschool", "Scholengemeenschap", "Montessorischool", "Het College"],
    sports_club: ["VV", "SV", "RKSV", "Sportclub", "HC", "TC", "KV"],
    cultural: ["Muziekschool", "Harmonie", "Toneelvereniging", "Stichting Cultuur", "Kunstkring"],
    historical_society: ["Historische Kring", "Heemkundekring", "Oudheidkundige Vereniging"],
    youth: ["Scouting", "Jongerencentrum", "Jeugdwerk"],
    other: ["Stichting", "Vereniging", "Buurtvereniging"],
    names: [
      "De Regenboog",
      "Het Kompas",
      "De Zwaluwen",
      "Sint Jozef",
      "De Linde",
      "Quick",
      "Achilles",
      "Olympia",
      "Het Baken",
      "De Wieken",
      "Rood-Wit",
      "Oranje",
    ],
    openings: [
      "Wij zijn een actieve",
      "Wij zijn een kleine maar enthousiaste",
      "Al meer dan vijftig jaar zijn wij een",
      "Wij zijn een open en gastvrije",
    ],
    middles: [
      "Wij werken graag samen met partners aan de andere kant van de grens.",
      "Onze leden willen de Duitse taal en cultuur beter leren kennen.",
      "Wij organiseren elk jaar uitwisselingen en gezamenlijke activiteiten.",
      "Samen met vrijwilligers bouwen wij aan een levendige gemeenschap.",
      "Wij zoeken contact met scholen en verenigingen in Duitsland.",
    ],
    wish: [
      "Wij zoeken een partner voor een uitwisseling.",
      "Wie doet mee aan een gezamenlijk project?",
      "Wij willen graag een vaste partnerschap opbouwen.",
      "Wij nodigen groepen uit voor een bezoek.",
    ],
  },
  de: {
    school: ["Grundschule", "Gesamtschule", "Gymnasium", "Realschule", "Berufskolleg"],
    sports_club: ["SV", "TuS", "VfL", "SC", "DJK", "TSV", "Sportfreunde"],
    cultural: ["Musikschule", "Kulturverein", "Theatergruppe", "Männergesangverein", "Kunstverein"],
    historical_society: ["Heimatverein", "Geschichtsverein", "Verein für Heimatpflege"],
    youth: ["Pfadfinder", "Jugendzentrum", "Jugendwerk"],
    other: ["Förderverein", "Bürgerverein", "Initiative"],
    names: [
      "Borussia",
      "Germania",
      "Fortuna",
      "Viktoria",
      "Eintracht",
      "Rot-Weiß",
      "Blau-Gelb",
      "St. Martin",
      "Am Rhein",
      "Am Markt",
      "Lindenschule",
      "Sonnenschein",
    ],
    openings: [
      "Wir sind ein aktiver",
      "Wir sind ein kleiner, engagierter",
      "Seit über fünfzig Jahren sind wir ein",
      "Wir sind ein offener und gastfreundlicher",
    ],
    middles: [
      "Wir arbeiten gern mit Partnern auf der anderen Seite der Grenze zusammen.",
      "Unsere Mitglieder möchten die niederländische Sprache und Kultur besser kennenlernen.",
      "Jedes Jahr organisieren wir Begegnungen und gemeinsame Aktivitäten.",
      "Mit vielen Ehrenamtlichen gestalten wir ein lebendiges Miteinander.",
      "Wir suchen Kontakt zu Schulen und Vereinen in den Niederlanden.",
    ],
    wish: [
      "Wir suchen einen Partner für einen Austausch.",
      "Wer macht bei einem gemeinsamen Projekt mit?",
      "Wir möchten eine dauerhafte Partnerschaft aufbauen.",
      "Wir laden Gruppen zu einem Besuch ein.",
    ],
  },
};

const kinds = organisationKinds;
// Weighted: football is the most common club sport on both sides of the border.
const sports = ["football", "football", ...taxonomySports.filter((sport) => sport !== "other")];
const activities = activityTypes;
const ages = ageGroups;

/** Kind-specific word list, by the org's kind column. */
const byKind = (language: "nl" | "de", random: string) =>
  `CASE kind ${kinds.map((kind) => `WHEN '${kind}' THEN ${pick(words[language][kind], random)}`).join(" ")} END`;

async function insertOrganisations(client: pg.Client, range: [number, number]) {
  await client.query(
    `
    WITH places AS (SELECT array_agg(code ORDER BY code) AS codes FROM municipalities),
    base AS (
      SELECT i, m.code, m.country, m.lat AS mlat, m.lon AS mlon,
             coalesce(CASE WHEN m.country = 'NL' THEN m.name_nl ELSE m.name_de END, m.name) AS place,
             (ARRAY['school','school','school','sports_club','sports_club','sports_club','sports_club',
                    'cultural','historical_society','youth','youth','other'])[1 + floor(pg_temp.rnd(i, 'kind') * 12)::int] AS kind,
             pg_temp.rnd(i, 'status') AS status_roll
      FROM generate_series($1::int, $2::int) AS i
      CROSS JOIN places
      JOIN municipalities m ON m.code = places.codes[1 + floor(pg_temp.rnd(i, 'place') * array_length(places.codes, 1))::int]
    ),
    shaped AS (
      SELECT base.*,
             CASE WHEN kind = 'sports_club' THEN ${pick(sports, "pg_temp.rnd(i, 'sport')")} END AS sport,
             CASE WHEN kind = 'school' THEN (ARRAY['primary','secondary','vocational'])[1 + floor(pg_temp.rnd(i, 'level') * 3)::int] END AS school_level,
             CASE WHEN country = 'NL' THEN ${byKind("nl", "pg_temp.rnd(i, 'prefix')")} ELSE ${byKind("de", "pg_temp.rnd(i, 'prefix')")} END AS prefix,
             CASE WHEN country = 'NL' THEN ${pick(words.nl.names, "pg_temp.rnd(i, 'name')")} ELSE ${pick(words.de.names, "pg_temp.rnd(i, 'name')")} END AS given
      FROM base
    )
    INSERT INTO organisations (id, slug, kind, school_level, sport, name, country, municipality_code, lat, lon,
                               description_nl, description_de, description_en, size_range, status, verified_at,
                               archived_at, created_at, updated_at)
    SELECT md5('scale-org-' || i)::uuid, 'scale-org-' || i, kind::"OrganisationKind", school_level::"SchoolLevel",
           sport, prefix || ' ' || given || ' ' || place, country, code,
           mlat + (pg_temp.rnd(i, 'lat') - 0.5) * 0.08, mlon + (pg_temp.rnd(i, 'lon') - 0.5) * 0.12,
           CASE WHEN country = 'NL' OR pg_temp.rnd(i, 'nl') < 0.2 THEN
             ${pick(words.nl.openings, "pg_temp.rnd(i, 'o1')")} || ' ' || lower(kl.nl) || ' in ' || place || '. '
             || coalesce('Bij ons speelt iedereen ' || lower(sl.nl) || '. ', '')
             || ${pick(words.nl.middles, "pg_temp.rnd(i, 'm1')")} || ' ' || ${pick(words.nl.wish, "pg_temp.rnd(i, 'w1')")}
           END,
           CASE WHEN country = 'DE' OR pg_temp.rnd(i, 'de') < 0.3 THEN
             ${pick(words.de.openings, "pg_temp.rnd(i, 'o2')")} || ' ' || kl.de || ' in ' || place || '. '
             || coalesce('Bei uns spielen alle ' || sl.de || '. ', '')
             || ${pick(words.de.middles, "pg_temp.rnd(i, 'm2')")} || ' ' || ${pick(words.de.wish, "pg_temp.rnd(i, 'w2')")}
           END,
           CASE WHEN pg_temp.rnd(i, 'en') < 0.1 THEN
             'We are a ' || lower(kl.en) || ' in ' || place || ' looking for partners across the border.'
           END,
           (ARRAY['1-25','26-100','101-250','251-500','501-1000','1000+'])[1 + floor(pg_temp.rnd(i, 'size') * 6)::int],
           (CASE WHEN status_roll < 0.9 OR status_roll >= 0.97 THEN 'verified'
                 WHEN status_roll < 0.94 THEN 'pending' ELSE 'suspended' END)::"VerificationStatus",
           CASE WHEN status_roll < 0.9 OR status_roll >= 0.97 THEN timestamptz '2026-11-01' - pg_temp.rnd(i, 'created') * interval '700 days' END,
           CASE WHEN status_roll >= 0.97 THEN timestamptz '2026-11-01' END,
           timestamptz '2026-11-01' - pg_temp.rnd(i, 'created') * interval '730 days',
           timestamptz '2026-11-01'
    FROM shaped
    JOIN search_taxonomy_labels kl ON kl.vocabulary = 'kind' AND kl.key = shaped.kind
    LEFT JOIN search_taxonomy_labels sl ON sl.vocabulary = 'sport' AND sl.key = shaped.sport`,
    range,
  );
}

async function insertRequests(client: pg.Client, range: [number, number], orgs: number) {
  await client.query(
    `
    WITH base AS (
      SELECT i, md5('scale-org-' || (1 + floor(pg_temp.rnd(i, 'org') * $3::int)::int))::uuid AS organisation_id,
             ${pick(topics, "pg_temp.rnd(i, 't1')")} AS t1, ${pick(topics, "pg_temp.rnd(i, 't2')")} AS t2,
             ${pick(activities, "pg_temp.rnd(i, 'a1')")} AS a1, ${pick(activities, "pg_temp.rnd(i, 'a2')")} AS a2,
             ${pick(ages, "pg_temp.rnd(i, 'g1')")} AS g1, ${pick(ages, "pg_temp.rnd(i, 'g2')")} AS g2,
             pg_temp.rnd(i, 'status') AS status_roll,
             timestamptz '2026-11-01' - pg_temp.rnd(i, 'created') * interval '365 days' AS created
      FROM generate_series($1::int, $2::int) AS i
    )
    INSERT INTO partnership_requests (id, slug, organisation_id, status, title_nl, title_de, description_nl, description_de,
                                      activity_types, topics, age_groups, partner_kinds, working_languages,
                                      group_size_min, group_size_max, published_at, expires_at, created_at, updated_at)
    SELECT md5('scale-request-' || i)::uuid, 'scale-request-' || i, base.organisation_id,
           (CASE WHEN status_roll < 0.85 THEN 'open' WHEN status_roll < 0.9 THEN 'draft'
                 WHEN status_roll < 0.95 THEN 'closed' ELSE 'matched' END)::"RequestStatus",
           CASE WHEN o.country = 'NL' OR pg_temp.rnd(i, 'nl') < 0.5 THEN
             'Partner gezocht: ' || lower(al.nl) || ' over ' || lower(tl.nl) END,
           CASE WHEN o.country = 'DE' OR pg_temp.rnd(i, 'de') < 0.6 THEN
             'Partner gesucht: ' || al.de || ' zum Thema ' || tl.de END,
           CASE WHEN o.country = 'NL' OR pg_temp.rnd(i, 'nl') < 0.5 THEN
             ${pick(words.nl.wish, "pg_temp.rnd(i, 'w1')")} || ' Het thema is ' || lower(tl.nl) || '. '
             || coalesce('Wij zoeken een partnerclub voor ' || lower(sl.nl) || '. ', '')
             || ${pick(words.nl.middles, "pg_temp.rnd(i, 'm1')")} END,
           CASE WHEN o.country = 'DE' OR pg_temp.rnd(i, 'de') < 0.6 THEN
             ${pick(words.de.wish, "pg_temp.rnd(i, 'w2')")} || ' Unser Thema ist ' || tl.de || '. '
             || coalesce('Wir suchen einen Partnerverein für ' || sl.de || '. ', '')
             || ${pick(words.de.middles, "pg_temp.rnd(i, 'm2')")} END,
           ARRAY(SELECT DISTINCT unnest(CASE WHEN pg_temp.rnd(i, 'a') < 0.5 THEN ARRAY[a1] ELSE ARRAY[a1, a2] END)),
           ARRAY(SELECT DISTINCT unnest(CASE WHEN pg_temp.rnd(i, 't') < 0.4 THEN ARRAY[t1] ELSE ARRAY[t1, t2] END)),
           ARRAY(SELECT DISTINCT unnest(CASE WHEN pg_temp.rnd(i, 'g') < 0.5 THEN ARRAY[g1] ELSE ARRAY[g1, g2] END)),
           ARRAY[o.kind::text],
           CASE WHEN pg_temp.rnd(i, 'wl') < 0.7 THEN ARRAY['nl','de'] WHEN pg_temp.rnd(i, 'wl') < 0.9 THEN ARRAY['de','nl','en']
                ELSE ARRAY['en'] END,
           10 + floor(pg_temp.rnd(i, 'size') * 10)::int, 20 + floor(pg_temp.rnd(i, 'size') * 30)::int,
           CASE WHEN status_roll >= 0.85 AND status_roll < 0.9 THEN NULL ELSE created + interval '1 day' END,
           CASE WHEN status_roll >= 0.85 AND status_roll < 0.9 THEN NULL ELSE created + interval '91 days' END,
           created, created
    FROM base
    JOIN organisations o ON o.id = base.organisation_id
    JOIN search_taxonomy_labels tl ON tl.vocabulary = 'topic' AND tl.key = base.t1
    JOIN search_taxonomy_labels al ON al.vocabulary = 'activity' AND al.key = base.a1
    LEFT JOIN search_taxonomy_labels sl ON sl.vocabulary = 'sport' AND sl.key = o.sport`,
    [...range, orgs],
  );
}

/** Two connections share the work, one per core of a small machine. */
async function inParallel(
  databaseUrl: string,
  total: number,
  run: (client: pg.Client, range: [number, number]) => Promise<unknown>,
) {
  const workers = 2;
  const size = Math.ceil(total / workers);
  await Promise.all(
    Array.from({ length: workers }, async (_, index) => {
      const range: [number, number] = [index * size + 1, Math.min(total, (index + 1) * size)];
      if (range[0] > range[1]) return;
      const client = await connect(databaseUrl);
      try {
        await run(client, range);
      } finally {
        await client.end();
      }
    }),
  );
}

async function connect(databaseUrl: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  // A deterministic number in [0, 1) for row i and a purpose, so reruns give the same data.
  await client.query(`
    CREATE FUNCTION pg_temp.rnd(i bigint, salt text) RETURNS float8 LANGUAGE sql IMMUTABLE
    RETURN ('x' || substr(md5(i::text || ':' || salt), 1, 8))::bit(32)::bigint / 4294967296.0`);
  return client;
}

export async function seedScale(databaseUrl: string, options: Options) {
  const log = options.log ?? (() => {});
  const client = await connect(databaseUrl);
  try {
    let started = Date.now();
    await client.query(`DELETE FROM organisations WHERE slug LIKE 'scale-org-%'`);
    log(`removed earlier synthetic data (${Date.now() - started} ms)`);

    started = Date.now();
    await inParallel(databaseUrl, options.orgs, insertOrganisations);
    log(`${options.orgs} organisations (${Date.now() - started} ms)`);

    started = Date.now();
    await client.query(`
      INSERT INTO organisation_languages (organisation_id, language, level)
      SELECT id, lower(country::text), 'native' FROM organisations WHERE slug LIKE 'scale-org-%'
      UNION ALL
      SELECT id, CASE WHEN country = 'NL' THEN 'de' ELSE 'nl' END,
             (ARRAY['A1','A2','B1','B2','C1'])[1 + floor(pg_temp.rnd(hashtext(slug), 'level') * 5)::int]
      FROM organisations WHERE slug LIKE 'scale-org-%' AND pg_temp.rnd(hashtext(slug), 'neighbour') < 0.6
      UNION ALL
      SELECT id, 'en', 'B2' FROM organisations WHERE slug LIKE 'scale-org-%' AND pg_temp.rnd(hashtext(slug), 'en') < 0.5
      UNION ALL
      SELECT id, (ARRAY['fr','es','pl','tr','ar'])[1 + floor(pg_temp.rnd(hashtext(slug), 'other') * 5)::int], 'B1'
      FROM organisations WHERE slug LIKE 'scale-org-%' AND pg_temp.rnd(hashtext(slug), 'more') < 0.08`);
    log(`organisation languages (${Date.now() - started} ms)`);

    started = Date.now();
    await inParallel(databaseUrl, options.requests, (worker, range) =>
      insertRequests(worker, range, options.orgs),
    );
    log(`${options.requests} requests (${Date.now() - started} ms)`);

    // Statistics for the planner, and a vacuum so the bulk-loaded rows are marked all-visible (index-only
    // scans) and the GIN indexes' pending lists are merged before anything is measured.
    started = Date.now();
    await client.query("VACUUM (ANALYZE)");
    log(`vacuumed and analyzed (${Date.now() - started} ms)`);
  } finally {
    await client.end();
  }
}

async function main() {
  const { values } = parseArgs({
    options: { orgs: { type: "string", default: "1000" }, requests: { type: "string" } },
  });
  const orgs = Number(values.orgs);
  const requests = values.requests === undefined ? orgs * 2 : Number(values.requests);
  if (!Number.isInteger(orgs) || orgs < 1 || !Number.isInteger(requests) || requests < 0) {
    console.error("usage: npm run seed:scale -- --orgs 100000 [--requests 200000]");
    process.exit(2);
  }
  const log = (line: string) => console.info(`[seed:scale] ${line}`);
  const database = await resolveDatabase({ root: join(import.meta.dirname, ".."), log });
  try {
    await migrate(database.url, { log });
    await seedScale(database.url, { orgs, requests, log });
  } finally {
    await database.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
