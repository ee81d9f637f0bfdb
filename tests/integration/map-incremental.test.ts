// The map's points kept up to date from the change log (docs/decisions/0023): random writes of
// every kind are patched in, not reloaded, and afterwards the sets equal a full load and the map
// still answers the 24 filter sets as the browse search does; changed words are found by their
// new text; a log pruned past a set, or a TRUNCATE, loads it whole; and commits reach the sets
// through LISTEN/NOTIFY without a request asking, also after the listening connection was lost.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mapChangesPruneWorker } from "~/modules/map/points/jobs.server.ts";
import {
  currentVersion,
  listenForMapChanges,
  loadedPointSet,
  loadPointSet,
  mapListenerName,
  onPointSetUpdate,
  pointSet,
  pruneMapChanges,
  type Layer,
  type PointSet,
  type UpdateReport,
} from "~/modules/map/points/snapshot.server.ts";
import { readSlot } from "~/modules/map/points/columns.ts";
import { activityTypes, ageGroups, organisationKinds, topics } from "~/modules/taxonomy/taxonomy.ts";
import { prisma } from "~/utils/db.server.ts";
import { workers } from "../../server/jobs.ts";
import { createOpenRequest, createOrganisation, token } from "../factories/index.ts";
import {
  ARNHEM,
  browseIds,
  createFilterFixture,
  DUISBURG,
  filterCases,
  KLEVE,
  listIds,
  mapAgainstBrowse,
  NIJMEGEN,
} from "../support/map.ts";

const layers: Layer[] = ["requests", "organisations"];

/** A small deterministic generator (mulberry32), so a failing sequence can be replayed by its seed. */
function generator(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A set's points in its order, with each organisation's request masks sorted (their order is the database's). */
function contents(set: PointSet) {
  return Array.from(set.order, (slot) => {
    const point = readSlot(set.columns, slot);
    return { ...point, requests: point.requests.map((masks) => masks.join("/")).sort() };
  });
}

const reports: UpdateReport[] = [];
const unsubscribe = onPointSetUpdate((report) => reports.push(report));
afterAll(() => unsubscribe());

const waitFor = async (condition: () => boolean, milliseconds: number) => {
  const until = Date.now() + milliseconds;
  while (!condition()) {
    if (Date.now() > until) return false;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return true;
};

describe("random writes, patched in", () => {
  const word = token();
  const seed = 16_2026;

  beforeAll(async () => {
    await createFilterFixture(word);
    // Each filter set once before the writes, so their word masks exist and are carried over.
    for (const { layer, narrowed } of filterCases(word)) await mapAgainstBrowse(layer, narrowed);
    reports.length = 0;

    const random = generator(seed);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
    const some = <T>(list: readonly T[]) => list.filter(() => random() < 0.3).slice(0, 3);
    const places = [NIJMEGEN, KLEVE, ARNHEM, DUISBURG];
    const organisationIds = async () =>
      (await prisma.organisation.findMany({ select: { id: true } })).map((row) => row.id);
    const requestIds = async () =>
      (await prisma.partnershipRequest.findMany({ select: { id: true } })).map((row) => row.id);

    const writes: (() => Promise<unknown>)[] = [
      async () =>
        createOrganisation({
          municipalityCode: pick(places),
          kind: pick(organisationKinds),
          name: `${pick(["Verein", "Stichting", "Schule"])} ${random() < 0.5 ? word : token()}`,
          status: random() < 0.8 ? "verified" : "pending",
          languages: some(["nl", "de", "en", "fr", "tr"]),
        }),
      async () =>
        createOpenRequest(pick(await organisationIds()), {
          titleNl: `${pick(["Partner", "Project", "Uitwisseling"])} ${random() < 0.5 ? word : token()}`,
          topics: some(topics).length ? some(topics) : ["music"],
          activityTypes: [pick(activityTypes)],
          ageGroups: some(ageGroups),
          workingLanguages: some(["nl", "de", "en"]),
          publishedAt: new Date(Date.now() - Math.floor(random() * 1e9)),
        }),
      async () =>
        prisma.partnershipRequest.update({
          where: { id: pick(await requestIds()) },
          data: {
            status: pick(["open", "open", "closed", "draft"] as const),
            topics: [pick(topics)],
            titleNl: `Gewijzigd ${random() < 0.5 ? word : token()}`,
          },
        }),
      async () =>
        prisma.organisation.update({
          where: { id: pick(await organisationIds()) },
          data: {
            lon: 5.5 + random(),
            lat: 51.3 + random() * 0.6,
            name: `Hernoemd ${random() < 0.5 ? word : token()}`,
            status: pick(["verified", "verified", "suspended"] as const),
          },
        }),
      async () => {
        const organisationId = pick(await organisationIds());
        const language = pick(["nl", "de", "en", "fr", "pl"]);
        await prisma.organisationLanguage.deleteMany({ where: { organisationId, language } });
        if (random() < 0.6) {
          await prisma.organisationLanguage.create({ data: { organisationId, language, level: "B2" } });
        }
      },
      async () => prisma.partnershipRequest.delete({ where: { id: pick(await requestIds()) } }),
      // Several rows in one statement, and one statement that changes nothing.
      async () =>
        prisma.partnershipRequest.updateMany({
          where: { organisationId: pick(await organisationIds()) },
          data: { ageGroups: some(ageGroups) },
        }),
      async () => prisma.organisation.updateMany({ where: { name: "no such name" }, data: { name: "x" } }),
      async () => {
        const organisation = await createOrganisation({ municipalityCode: pick(places) });
        await createOpenRequest(organisation.id, { titleNl: `Weg ${word}` });
        await prisma.organisation.delete({ where: { id: organisation.id } });
      },
    ];
    // Rows are added twice as often as the other writes, so the map keeps enough of them.
    const [addOrganisation, addRequest] = writes;
    writes.push(addOrganisation!, addRequest!);
    for (let step = 0; step < 80; step++) {
      await pick(writes)();
      // Sometimes a read in between, sometimes several writes patched in at once.
      if (random() < 0.4) for (const layer of layers) await pointSet(layer);
    }
    for (const layer of layers) await pointSet(layer);
  }, 120_000);

  it(`patched every write in without a full load (seed ${seed}), and equals a full load`, async () => {
    expect(reports.filter((report) => report.kind === "patch").length).toBeGreaterThan(20);
    expect(reports.filter((report) => report.kind === "full")).toEqual([]);
    for (const layer of layers) {
      const patched = await pointSet(layer);
      expect(patched.version).toBe(await currentVersion());
      const loaded = await loadPointSet(layer);
      expect(loaded.version).toBe(patched.version);
      expect(contents(patched)).toEqual(contents(loaded));
      expect(patched.size).toBeGreaterThan(5);
    }
  });

  for (const { layer, narrowed, name } of filterCases(word)) {
    it(`after the writes, ${layer}: ${name}`, async () => {
      const { expected, listed, total, counted } = await mapAgainstBrowse(layer, narrowed);
      expect(listed).toEqual(expected);
      expect(total).toBe(expected.length);
      expect(counted).toBe(expected.length);
    });
  }
});

describe("the log", () => {
  it("names each row a statement touched, under one new version, and a statement that touched none bumps nothing", async () => {
    const organisation = await createOrganisation();
    const [first, second] = [
      await createOpenRequest(organisation.id),
      await createOpenRequest(organisation.id),
    ];
    const before = await currentVersion();
    await prisma.partnershipRequest.updateMany({
      where: { organisationId: organisation.id },
      data: { topics: ["sport"] },
    });
    const after = await currentVersion();
    expect(after).toBe(before + 1n);
    const logged = await prisma.mapChange.findMany({ where: { version: after } });
    expect(logged.map((change) => `${change.layer} ${change.rowId}`).sort()).toEqual(
      [`organisations ${organisation.id}`, `requests ${first.id}`, `requests ${second.id}`].sort(),
    );
    await prisma.partnershipRequest.updateMany({ where: { titleNl: "no such title" }, data: { topics: [] } });
    expect(await currentVersion()).toBe(after);
  });
});

describe("words after a change", () => {
  it("finds a changed title by its new words and no longer by its old ones", async () => {
    const [before, after] = [token(), token()];
    const organisation = await createOrganisation();
    const request = await createOpenRequest(organisation.id, { titleNl: `Koor ${before}` });
    expect(await listIds("requests", { q: before })).toEqual([request.id]);
    expect(await listIds("requests", { q: after })).toEqual([]);
    reports.length = 0;
    await prisma.partnershipRequest.update({ where: { id: request.id }, data: { titleNl: `Koor ${after}` } });
    expect(await listIds("requests", { q: before })).toEqual([]);
    expect(await listIds("requests", { q: after })).toEqual([request.id]);
    // An organisation's new name, and its requests found by it too.
    await prisma.organisation.update({ where: { id: organisation.id }, data: { name: `Harmonie ${after}` } });
    expect(await listIds("organisations", { q: after })).toEqual([organisation.id]);
    expect(reports.map((report) => report.kind)).not.toContain("full");
  });
});

describe("names like the words after a change", () => {
  it("finds a renamed organisation by a typo of its new name and no longer by one of its old name", async () => {
    const organisation = await createOrganisation({ name: "Musikverein Donnerbalken" });
    const request = await createOpenRequest(organisation.id, { titleDe: "Partnerchor gesucht" });
    // The words find nothing, so names like them are tried, as the browse page does.
    expect(await listIds("organisations", { q: "Donnerbalkn" })).toEqual([organisation.id]);
    expect(await listIds("requests", { q: "Donnerbalkn" })).toEqual([request.id]);
    expect(await listIds("organisations", { q: "Wolkenkrazer" })).toEqual([]);
    reports.length = 0;
    await prisma.organisation.update({
      where: { id: organisation.id },
      data: { name: "Musikverein Wolkenkratzer" },
    });
    expect(await listIds("organisations", { q: "Donnerbalkn" })).toEqual([]);
    expect(await listIds("requests", { q: "Donnerbalkn" })).toEqual([]);
    expect(await listIds("organisations", { q: "Wolkenkrazer" })).toEqual([organisation.id]);
    expect(await listIds("requests", { q: "Wolkenkrazer" })).toEqual([request.id]);
    expect(await browseIds("requests", { q: "Wolkenkrazer" })).toEqual([request.id]);
    expect(reports.map((report) => report.kind)).not.toContain("full");
  });
});

describe("when the log cannot answer", () => {
  it("loads a set whole once the log was pruned past it, and patches again after", async () => {
    const set = await pointSet("requests");
    const organisation = await createOrganisation();
    const request = await createOpenRequest(organisation.id);
    expect(await pruneMapChanges(0)).toBeGreaterThan(0);
    expect(await prisma.mapChange.count()).toBe(0);
    reports.length = 0;
    const reloaded = await pointSet("requests");
    expect(reloaded.generation).not.toBe(set.generation);
    expect(reloaded.position.has(request.id)).toBe(true);
    expect(reports.map((report) => `${report.layer} ${report.kind}`)).toEqual(["requests full"]);

    await prisma.partnershipRequest.update({ where: { id: request.id }, data: { status: "closed" } });
    expect((await pointSet("requests")).position.has(request.id)).toBe(false);
    expect(reports.map((report) => report.kind)).toEqual(["full", "patch"]);
    // Rows younger than the kept hour stay: the job removes nothing here.
    await mapChangesPruneWorker.handle({});
    expect(await prisma.mapChange.count()).toBeGreaterThan(0);
    expect(workers).toContain(mapChangesPruneWorker);
  });

  it("loads a set whole after a TRUNCATE, which names no rows", async () => {
    const organisation = await createOrganisation({ languages: ["ar"] });
    expect(await listIds("organisations", { language: "ar" })).toEqual([organisation.id]);
    reports.length = 0;
    await prisma.$executeRaw`TRUNCATE organisation_languages`;
    expect(await listIds("organisations", { language: "ar" })).toEqual([]);
    expect(reports.map((report) => `${report.layer} ${report.kind}`)).toEqual(["organisations full"]);
  });
});

describe("listening for commits", () => {
  it("brings the sets up to each commit without a request, also after losing its connection", async () => {
    for (const layer of layers) await pointSet(layer);
    const lines: string[] = [];
    const listener = listenForMapChanges({ log: (line) => lines.push(line) });
    try {
      expect(await waitFor(() => listener.connected(), 10_000)).toBe(true);
      const organisation = await createOrganisation({ name: `Luisteraar ${token()}` });
      const version = await currentVersion();
      // No map request in between: the NOTIFY of the commit brought it. (How fast is bench:map's
      // to measure; here the bound only keeps a test run with other work beside it from hanging.)
      const arrived = await waitFor(
        () =>
          (loadedPointSet("organisations")?.version ?? 0n) >= version &&
          (loadedPointSet("requests")?.version ?? 0n) >= version,
        10_000,
      );
      expect(arrived).toBe(true);
      expect(loadedPointSet("organisations")?.position.has(organisation.id)).toBe(true);

      await prisma.$executeRaw`
        SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE application_name = ${mapListenerName} AND datname = current_database()`;
      expect(await waitFor(() => !listener.connected(), 10_000)).toBe(true);
      // Written while the listener is away: found when it is back, by its catching up.
      const missed = await createOrganisation();
      expect(await waitFor(() => listener.connected(), 10_000)).toBe(true);
      expect(
        await waitFor(() => loadedPointSet("organisations")?.position.has(missed.id) === true, 10_000),
      ).toBe(true);
      const request = await createOpenRequest(missed.id);
      expect(await waitFor(() => loadedPointSet("requests")?.position.has(request.id) === true, 10_000)).toBe(
        true,
      );
      expect(lines.some((line) => line.includes("lost its connection"))).toBe(true);
    } finally {
      await listener.stop();
    }
    expect(listener.connected()).toBe(false);
  });
});
