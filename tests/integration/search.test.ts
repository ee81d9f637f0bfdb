// Finding requests and organisations: full-text search across languages, typos, accents, filters,
// visibility, cursor pages, distance, and bad URL parameters.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loader } from "~/routes/$lang.browse.tsx";
import { decodeCursor, parseBrowseParams } from "~/modules/search/schemas.ts";
import { searchOrganisations, searchRequests } from "~/modules/search/service.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { addMember, createOpenRequest, createOrganisation, createUser, token } from "../factories/index.ts";
import { taxonomyLabelRows } from "../../scripts/search-labels-sql.ts";
import { answerOf } from "../support/answer.ts";

const NIJMEGEN = "GM0268";
const KLEVE = "05154036";
const ARNHEM = "GM0202";
const DUISBURG = "05112000";

function params(query: Record<string, string>) {
  const parsed = parseBrowseParams(new URLSearchParams(query));
  if (!parsed.ok) throw new Error(`bad params: ${JSON.stringify(parsed.fieldErrors)}`);
  const { show: _show, cursor: _cursor, ...filters } = parsed.data;
  return filters;
}

/** Every page of a search, following the cursors. */
async function allPages<T>(
  search: (
    cursor: ReturnType<typeof decodeCursor> | undefined,
  ) => Promise<{ results: T[]; nextCursor: string | null }>,
) {
  const results: T[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await search(cursor ? decodeCursor(cursor) : undefined);
    results.push(...page.results);
    cursor = page.nextCursor;
    pages += 1;
  } while (cursor && pages < 50);
  return { results, pages };
}

const organisationSlugs = async (query: Record<string, string>) =>
  (await allPages((cursor) => searchOrganisations(params(query), cursor ?? undefined, "nl"))).results.map(
    (result) => result.slug,
  );

const requestSlugs = async (query: Record<string, string>) =>
  (await allPages((cursor) => searchRequests(params(query), cursor ?? undefined, "nl"))).results.map(
    (result) => result.slug,
  );

describe("free-text search", () => {
  it('finds a German profile that says "Fußball" when searching "fussball"', async () => {
    const club = await createOrganisation({
      municipalityCode: KLEVE,
      descriptionDe: "Bei uns spielen Kinder und Jugendliche Fußball.",
    });
    const request = await createOpenRequest(club.id, { titleDe: "Fußball über die Grenze", titleNl: null });
    expect(await organisationSlugs({ q: "fussball" })).toContain(club.slug);
    expect(await organisationSlugs({ q: "Fußball" })).toContain(club.slug);
    expect(await requestSlugs({ q: "fussball" })).toContain(request.slug);
  });

  it('finds a Dutch profile that says "voetbal", and a German football club through the sport\'s labels', async () => {
    const dutch = await createOrganisation({
      kind: "youth",
      descriptionNl: "Wij spelen elke zaterdag voetbal in de wijk.",
    });
    const german = await createOrganisation({
      municipalityCode: KLEVE,
      kind: "sports_club",
      sport: "football",
      name: `SV Kellen ${token()}`,
      descriptionDe: "Ein Verein für alle Generationen.",
    });
    const found = await organisationSlugs({ q: "voetbal" });
    expect(found).toContain(dutch.slug);
    expect(found).toContain(german.slug);
  });

  it("finds the requests of a football club by the sport's name in another language", async () => {
    const club = await createOrganisation({
      municipalityCode: KLEVE,
      kind: "sports_club",
      sport: "football",
      name: `TuS Rindern ${token()}`,
    });
    const request = await createOpenRequest(club.id, {
      titleNl: undefined,
      titleDe: "Gegner für ein Jugendturnier gesucht",
    });
    expect(await requestSlugs({ q: "voetbal" })).toContain(request.slug);

    // A later change of sport follows into the request.
    await prisma.organisation.update({ where: { id: club.id }, data: { sport: "handball" } });
    expect(await requestSlugs({ q: "voetbal" })).not.toContain(request.slug);
    expect(await requestSlugs({ q: "handbal" })).toContain(request.slug);
  });

  it('finds a Dutch voetbal club when searching "Fußball" or "fussball"', async () => {
    const club = await createOrganisation({
      kind: "sports_club",
      sport: "football",
      name: `VV Oranje ${token()}`,
      descriptionNl: "Gezellige voetbalclub met veel jeugdteams.",
    });
    expect(await organisationSlugs({ q: "Fußball" })).toContain(club.slug);
    expect(await organisationSlugs({ q: "fussball" })).toContain(club.slug);
  });

  it('finds organisations in Nijmegen, and their requests, when searching the misspelled "Nijmgen"', async () => {
    const inNijmegen = await createOrganisation({ municipalityCode: NIJMEGEN });
    const inKleve = await createOrganisation({ municipalityCode: KLEVE });
    const request = await createOpenRequest(inNijmegen.id);
    const found = await organisationSlugs({ q: "Nijmgen" });
    expect(found).toContain(inNijmegen.slug);
    expect(found).not.toContain(inKleve.slug);
    expect(await requestSlugs({ q: "Nijmgen" })).toContain(request.slug);
  });

  it('corrects a typo in a sport or topic word ("Fusball", "voetbl", "Hocky") and says what it searched for', async () => {
    const football = await createOrganisation({
      municipalityCode: KLEVE,
      kind: "sports_club",
      sport: "football",
      name: `SV Hau ${token()}`,
    });
    const hockey = await createOrganisation({ kind: "sports_club", sport: "hockey", name: `MHC ${token()}` });
    const request = await createOpenRequest(hockey.id, { titleNl: "Jeugdtoernooi", titleDe: null });
    const first = (query: Record<string, string>) => searchOrganisations(params(query), undefined, "de");

    const fusball = await first({ q: "Fusball" });
    expect(fusball.correctedQuery).toBe("Fußball");
    expect(fusball.results.map((result) => result.slug)).toContain(football.slug);
    expect((await first({ q: "voetbl" })).correctedQuery).toBe("Voetbal");
    expect(await organisationSlugs({ q: "voetbl" })).toContain(football.slug);
    const hocky = await first({ q: "Hocky" });
    expect(hocky.correctedQuery).toBe("Hockey");
    expect(hocky.results.map((result) => result.slug)).toEqual([hockey.slug]);
    const requests = await searchRequests(params({ q: "Hocky" }), undefined, "nl");
    expect(requests.results.map((result) => result.slug)).toEqual([request.slug]);
    expect(requests.correctedQuery).toBe("Hockey");

    // What is found as typed is not corrected, and a word far from every label stays as it is.
    expect((await first({ q: "fussball" })).correctedQuery).toBeUndefined();
    const far = await first({ q: "Xylofoonorkest" });
    expect(far.count).toBe(0);
    expect(far.correctedQuery).toBeUndefined();
  });

  it("finds a misspelled organisation name", async () => {
    const choir = await createOrganisation({ name: "Harmonie Sint Caecilia Hatert" });
    expect(await organisationSlugs({ q: "Caecila" })).toContain(choir.slug);
  });

  it('ignores accents: "Dusseldorf" finds Düsseldorf and "Muller" finds Müller', async () => {
    const club = await createOrganisation({ name: `Kunstverein Düsseldorf-Nord ${token()}` });
    const school = await createOrganisation({ kind: "school", name: `Grundschule Müller ${token()}` });
    expect(await organisationSlugs({ q: "Dusseldorf" })).toContain(club.slug);
    expect(await organisationSlugs({ q: "Muller" })).toContain(school.slug);
  });

  it("ranks by relevance when words are given: a name match comes before a description match", async () => {
    const word = token();
    const inDescription = await createOrganisation({ descriptionNl: `Wij werken samen met ${word}.` });
    const inName = await createOrganisation({ name: `Stichting ${word}` });
    expect(await organisationSlugs({ q: word })).toEqual([inName.slug, inDescription.slug]);
  });

  it("keeps the database's taxonomy labels equal to locales/*/taxonomy.json", async () => {
    const rows = await prisma.$queryRaw<
      { vocabulary: string; key: string; nl: string; de: string; en: string }[]
    >`
      SELECT vocabulary, key, nl, de, en FROM search_taxonomy_labels`;
    // When this fails, write a new migration with the output of `npx tsx scripts/search-labels-sql.ts`.
    expect(rows).toEqual(taxonomyLabelRows());
  });
});

describe("filters", () => {
  it("combine: country, kind, municipality, topic, activity, age group and language must all match", async () => {
    const word = token();
    const school = await createOrganisation({
      municipalityCode: KLEVE,
      kind: "school",
      name: `Schule ${word}`,
    });
    const club = await createOrganisation({
      municipalityCode: KLEVE,
      kind: "sports_club",
      sport: "hockey",
      name: `Verein ${word}`,
    });
    const dutch = await createOrganisation({
      municipalityCode: NIJMEGEN,
      kind: "school",
      name: `School ${word}`,
    });
    const match = { topics: ["music", "arts"], activityTypes: ["joint_project"], ageGroups: ["age_12_15"] };
    const hit = await createOpenRequest(school.id, { ...match, workingLanguages: ["de", "nl"] });
    await createOpenRequest(school.id, { ...match, topics: ["sport"] });
    await createOpenRequest(school.id, { ...match, activityTypes: ["event"] });
    await createOpenRequest(school.id, { ...match, ageGroups: ["adults"] });
    await createOpenRequest(school.id, { ...match, workingLanguages: ["en"] });
    await createOpenRequest(club.id, match);
    await createOpenRequest(dutch.id, match);

    const all = {
      q: word,
      country: "DE",
      kind: "school",
      municipality: KLEVE,
      topic: "music",
      activity: "joint_project",
      age: "age_12_15",
      language: "nl",
    };
    expect(await requestSlugs(all)).toEqual([hit.slug]);
    expect(await requestSlugs({ q: word, topic: "music" })).toHaveLength(6);
    expect(await requestSlugs({ q: word, country: "DE", kind: "school" })).toHaveLength(5);
    expect(await requestSlugs({ q: word, country: "NL" })).toHaveLength(1);
    expect(await organisationSlugs({ q: word, country: "DE", kind: "school", topic: "arts" })).toEqual([
      school.slug,
    ]);
    expect(await organisationSlugs({ q: word, topic: "sport" })).toEqual([school.slug]);
  });

  it("filters organisations by a language they speak", async () => {
    const word = token();
    const polish = await createOrganisation({ name: `Kring ${word}` });
    await prisma.organisationLanguage.create({
      data: { organisationId: polish.id, language: "pl", level: "B1" },
    });
    await createOrganisation({ name: `Club ${word}` });
    expect(await organisationSlugs({ q: word, language: "pl" })).toEqual([polish.slug]);
  });

  it("never shows pending, suspended or archived organisations, nor requests that are not open", async () => {
    const word = token();
    const visible = await createOrganisation({ name: `Zichtbaar ${word}` });
    const pending = await createOrganisation({ name: `Wachtend ${word}`, status: "pending" });
    const suspended = await createOrganisation({ name: `Geschorst ${word}`, status: "suspended" });
    const archived = await createOrganisation({ name: `Gearchiveerd ${word}`, archivedAt: new Date() });
    const open = await createOpenRequest(visible.id);
    for (const status of ["draft", "closed", "matched", "expired"] as const) {
      await createOpenRequest(visible.id, { status });
    }
    for (const organisation of [pending, suspended, archived]) await createOpenRequest(organisation.id);

    expect(await organisationSlugs({ q: word })).toEqual([visible.slug]);
    expect(await requestSlugs({ q: word })).toEqual([open.slug]);

    // What changes later is followed: the triggers refresh the copies on the requests.
    await prisma.organisation.update({ where: { id: visible.id }, data: { status: "suspended" } });
    expect(await requestSlugs({ q: word })).toEqual([]);
    await prisma.organisation.update({ where: { id: pending.id }, data: { status: "verified" } });
    expect(await requestSlugs({ q: word })).toHaveLength(1);
  });

  it("follows an organisation's new name and place in its requests", async () => {
    const word = token();
    const organisation = await createOrganisation({ municipalityCode: NIJMEGEN });
    const request = await createOpenRequest(organisation.id);
    await prisma.organisation.update({
      where: { id: organisation.id },
      data: { name: `Heimatverein ${word}`, municipalityCode: KLEVE, country: "DE" },
    });
    expect(await requestSlugs({ q: word, country: "DE", municipality: KLEVE })).toEqual([request.slug]);
  });
});

describe("pages and order", () => {
  it("returns every result exactly once, newest first, across cursor pages", async () => {
    const word = token();
    const organisation = await createOrganisation({ name: `Paginavereniging ${word}` });
    const sameMoment = new Date("2026-10-01T12:00:00.000Z");
    for (let i = 0; i < 45; i += 1) {
      // Every third request shares a moment with others, so the id has to break ties.
      const publishedAt = i % 3 === 0 ? sameMoment : new Date(Date.UTC(2026, 9, 1, 0, i));
      await createOpenRequest(organisation.id, { publishedAt });
    }
    const { results, pages } = await allPages((cursor) =>
      searchRequests(params({ q: word, sort: "newest" }), cursor ?? undefined, "de"),
    );
    expect(pages).toBe(3);
    expect(new Set(results.map((result) => result.id)).size).toBe(45);
    const rows = await prisma.partnershipRequest.findMany({
      where: { organisationId: organisation.id },
      select: { id: true, publishedAt: true },
    });
    const expected = rows
      .sort((a, b) => b.publishedAt!.getTime() - a.publishedAt!.getTime() || (a.id < b.id ? 1 : -1))
      .map((row) => row.id);
    expect(results.map((result) => result.id)).toEqual(expected);
  });

  it("pages by relevance without repeating or skipping", async () => {
    const word = token();
    for (let i = 0; i < 25; i += 1) {
      await createOrganisation({
        name: i % 2 ? `Vereniging ${word}` : `Vereniging ${i}`,
        descriptionNl: `Over ${word} en meer.`,
      });
    }
    const { results, pages } = await allPages((cursor) =>
      searchOrganisations(params({ q: word }), cursor ?? undefined, "nl"),
    );
    expect(pages).toBe(2);
    expect(new Set(results.map((result) => result.id)).size).toBe(25);
    expect(results.slice(0, 12).every((result) => result.name.includes(word))).toBe(true);
  });

  it("lists matches newest first, each once across pages, when more than 100 match (too many to rank)", async () => {
    const word = token();
    const place = await prisma.municipality.findUniqueOrThrow({ where: { code: NIJMEGEN } });
    const slugs = Array.from({ length: 105 }, () => `org-${token()}`);
    await prisma.organisation.createMany({
      data: slugs.map((slug, i) => ({
        slug,
        kind: "cultural" as const,
        // Half of them name the word, which would rank them first if the matches were ranked.
        name: i % 2 ? `Stichting ${word}` : `Stichting ${i}`,
        descriptionNl: `Over ${word} en meer.`,
        country: place.country,
        lat: place.lat,
        lon: place.lon,
        municipalityCode: NIJMEGEN,
        status: "verified" as const,
        createdAt: new Date(Date.UTC(2026, 9, 1, 0, i)),
      })),
    });
    const first = await searchOrganisations(params({ q: word }), undefined, "nl");
    expect(first.count).toBe(101);
    expect(await organisationSlugs({ q: word })).toEqual(slugs.toReversed());
  });

  it("sorts by distance from a chosen municipality and says how far", async () => {
    const word = token();
    const places = [DUISBURG, ARNHEM, KLEVE, NIJMEGEN];
    const organisations = [];
    for (const code of places) {
      organisations.push(await createOrganisation({ municipalityCode: code, name: `Afstand ${word}` }));
    }
    for (const organisation of organisations) await createOpenRequest(organisation.id);

    const found = await searchOrganisations(params({ q: word, near: KLEVE }), undefined, "de");
    expect(found.results.map((result) => result.municipality)).toEqual([
      "Kleve",
      "Nimwegen",
      "Arnheim",
      "Duisburg",
    ]);
    const distances = found.results.map((result) => result.distanceKm!);
    expect(distances[0]).toBeLessThan(1);
    expect(distances[1]).toBeGreaterThan(15);
    expect(distances[1]).toBeLessThan(30);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));

    const requests = await allPages((cursor) =>
      searchRequests(params({ q: word, near: KLEVE, sort: "distance" }), cursor ?? undefined, "nl"),
    );
    expect(requests.results.map((result) => result.municipality)).toEqual([
      "Kleef",
      "Nijmegen",
      "Arnhem",
      "Duisburg",
    ]);
  });
});

describe("nearest first without a place", () => {
  type Found = { search: { sort: string; nearMissing: boolean } | null };
  const browse = (query: string, user: Awaited<ReturnType<typeof createUser>> | null) =>
    answerOf<Found>(
      loader({
        request: new Request(`http://localhost/de/browse?${query}`),
        params: { lang: "de" },
        context: {
          cspNonce: "",
          clientIp: "127.0.0.1",
          isDevelopment: false,
          auth: user ? { sessionId: "test", expiresAt: new Date(Date.now() + 60_000), user } : null,
        },
      }),
    );

  it("shows a visitor the usual order with a hint instead of a 400", async () => {
    const plain = await browse("sort=distance", null);
    expect(plain.status).toBe(200);
    expect(plain.body.search).toMatchObject({ sort: "newest", nearMissing: true });
    const worded = await browse("sort=distance&q=voetbal", null);
    expect(worded.body.search).toMatchObject({ sort: "relevance", nearMissing: true });
    const placed = await browse(`sort=distance&near=${KLEVE}`, null);
    expect(placed.body.search).toMatchObject({ sort: "distance", nearMissing: false });
  });

  it("measures a member's search from their own organisation's municipality", async () => {
    const user = await createUser();
    const organisation = await createOrganisation({ country: "DE", municipalityCode: KLEVE });
    await addMember(organisation.id, user.id);
    const answer = await browse("sort=distance&q=musik", user);
    expect(answer.status).toBe(302);
    const location = new URL(answer.headers.get("Location") ?? "", "http://localhost");
    expect(location.pathname).toBe("/de/browse");
    expect(Object.fromEntries(location.searchParams)).toEqual({ sort: "distance", q: "musik", near: KLEVE });
  });

  it("keeps the hint for a signed-in user without an organisation", async () => {
    const user = await createUser();
    const answer = await browse("sort=distance", user);
    expect(answer.status).toBe(200);
    expect(answer.body.search).toMatchObject({ sort: "newest", nearMissing: true });
  });
});

describe("bad URL parameters", () => {
  const english = JSON.parse(
    readFileSync(join(import.meta.dirname, "..", "..", "locales", "de", "browse.json"), "utf8"),
  ) as { errors: Record<string, string> };

  const cases: [string, string, string][] = [
    ["country=XX", "country", "browse:errors.invalidValue"],
    ["topic=music&topic=arts", "topic", "browse:errors.invalidValue"],
    ["colour=blue", "form", "browse:errors.unknownParameter"],
    ["cursor=not-a-cursor", "cursor", "browse:errors.invalidCursor"],
    [`q=${"x".repeat(101)}`, "q", "browse:errors.queryTooLong"],
    ["near=GM9999", "near", "browse:errors.unknownMunicipality"],
  ];

  for (const [query, field, key] of cases) {
    it(`answers ?${query.slice(0, 30)} with 400 and the translated key ${key}`, async () => {
      const { status, body } = await answerOf<{ fieldErrors: Record<string, string> }>(
        loader({
          request: new Request(`http://localhost/de/browse?${query}`),
          params: { lang: "de" },
          context: { cspNonce: "", clientIp: "127.0.0.1", auth: null, isDevelopment: false },
        }),
      );
      expect(status).toBe(400);
      expect(body.fieldErrors[field]).toBe(key);
      expect(english.errors[key.replace("browse:errors.", "")]).toMatch(/\w/);
    });
  }

  /** Hand-made cursors: each key of the wrong type or out of range for its sort, as a fuzzer sent them. */
  const id = "6f1c2b9e-0000-4000-8000-000000000000";
  const forged: [string, string][] = [
    ["sort=newest", `{"s":"newest","k":"not a date","i":"${id}"}`],
    ["sort=newest", `{"s":"newest","k":1764633600000,"i":"${id}"}`],
    ["sort=newest", `{"s":"newest","k":"2026-13-45T00:00:00.000Z","i":"${id}"}`],
    ["sort=newest", `{"s":"newest","k":"2026-02-30T00:00:00.000Z","i":"${id}"}`],
    ["sort=newest", `{"s":"newest","k":"0000-01-01T00:00:00.000Z","i":"${id}"}`],
    ["sort=newest", `{"s":"newest","k":"+275760-09-13T00:00:00.000Z","i":"${id}"}`],
    ["sort=newest", `{"s":"newest","k":"2026-01-01","i":"${id}"}`],
    ["q=muziek&sort=relevance", `{"s":"relevance","k":"rank","i":"${id}"}`],
    ["q=muziek&sort=relevance", `{"s":"relevance","k":"NaN","i":"${id}"}`],
    ["q=muziek&sort=relevance", `{"s":"relevance","k":"Infinity","i":"${id}"}`],
    ["q=muziek&sort=relevance", `{"s":"relevance","k":1e400,"i":"${id}"}`],
    ["q=muziek&sort=relevance", `{"s":"relevance","k":1e300,"i":"${id}"}`],
    ["q=muziek&sort=relevance", `{"s":"relevance","k":-1,"i":"${id}"}`],
    [`sort=distance&near=${KLEVE}`, `{"s":"distance","k":"far","i":"${id}"}`],
    [`sort=distance&near=${KLEVE}`, `{"s":"distance","k":"2026-01-01T00:00:00.000Z","i":"${id}"}`],
    [`sort=distance&near=${KLEVE}`, `{"s":"distance","k":1e20,"i":"${id}"}`],
    [`sort=distance&near=${KLEVE}`, `{"s":"distance","k":-5,"i":"${id}"}`],
    [`sort=distance&near=${KLEVE}`, `{"s":"distance","k":true,"i":"${id}"}`],
    [`sort=distance&near=${KLEVE}`, `{"s":"distance","k":null,"i":"${id}"}`],
    [`sort=distance&near=${KLEVE}`, `{"s":"distance","k":{"x":1},"i":"${id}"}`],
    [`sort=distance&near=${KLEVE}`, `{"s":"distance","k":[1],"i":"${id}"}`],
    ["sort=newest", `{"s":"newest","k":"2026-01-01T00:00:00.000Z","i":"not-a-uuid"}`],
    ["sort=newest", `{"s":"newest","k":"2026-01-01T00:00:00.000Z"}`],
    ["sort=newest", `{"s":"newest","k":"2026-01-01T00:00:00.000Z","i":"${id}","x":1}`],
    ["sort=newest", `["newest","2026-01-01T00:00:00.000Z","${id}"]`],
  ];

  for (const show of ["requests", "organisations"]) {
    it(`answers every forged cursor on ${show} with 400 browse:errors.invalidCursor, never a 500`, async () => {
      for (const [query, json] of forged) {
        const cursor = Buffer.from(json).toString("base64url");
        const { status, body } = await answerOf<{ fieldErrors: Record<string, string> }>(
          loader({
            request: new Request(`http://localhost/en/browse?show=${show}&${query}&cursor=${cursor}`),
            params: { lang: "en" },
            context: { cspNonce: "", clientIp: "127.0.0.1", auth: null, isDevelopment: false },
          }),
        );
        expect(status, json).toBe(400);
        expect(body.fieldErrors, json).toEqual({ cursor: "browse:errors.invalidCursor" });
      }
    });
  }

  it("refuses a cursor made for another sort order", async () => {
    const organisation = await createOrganisation();
    for (let i = 0; i < 21; i += 1) await createOpenRequest(organisation.id);
    const first = await searchRequests(params({ sort: "newest" }), undefined, "en");
    const parsed = parseBrowseParams(
      new URLSearchParams({ sort: "distance", near: KLEVE, cursor: first.nextCursor! }),
    );
    expect(parsed).toEqual({ ok: false, fieldErrors: { cursor: "browse:errors.invalidCursor" } });
  });
});
