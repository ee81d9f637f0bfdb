// The map's data layer against real PostgreSQL: which rows are points, how they cluster per zoom,
// the browse filters on the map, the list beside it, the reload after a write, and the endpoint.
// Tests that look at positions use their own part of the world, so they do not see each other's
// points; the filter tests compare the whole map with the browse search over the same rows.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { AppLoadContext } from "@remix-run/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mapList } from "~/modules/map/points/list.server.ts";
import { listParamsSchema, type BBox } from "~/modules/map/points/params.ts";
import { maxCells, viewportList, type Cell, type PointFilters } from "~/modules/map/points/points.server.ts";
import { currentVersion, mercatorX, mercatorY, pointSet } from "~/modules/map/points/snapshot.server.ts";
import { organisationKinds, type OrganisationKind } from "~/modules/taxonomy/taxonomy.ts";
import { parseSearchParams } from "~/modules/search/schemas.ts";
import { loader as pointsLoader } from "~/routes/map.points.tsx";
import { prisma } from "~/utils/db.server.ts";
import { createOpenRequest, createOrganisation, token } from "../factories/index.ts";
import { expectAppError } from "../support/app-error.ts";
import {
  ARNHEM,
  browseIds,
  countOf,
  createFilterFixture,
  DUISBURG,
  filterCases,
  KLEVE,
  listIds,
  mapAgainstBrowse,
  NIJMEGEN,
  points,
  world,
} from "../support/map.ts";

const kindIndex = (kind: OrganisationKind) => organisationKinds.indexOf(kind);
const round5 = (value: number) => Math.round(value * 1e5) / 1e5;

/** A box `size` degrees either side of a point. */
const around = ([lon, lat]: [number, number], size: number): BBox => ({
  west: lon - size,
  south: lat - size,
  east: lon + size,
  north: lat + size,
});

/** The middle of the 48-pixel cell a point falls in at a zoom, so points near it share that cell. */
function cellCentre([lon, lat]: [number, number], zoom: number): [number, number] {
  const scale = (512 * 2 ** zoom) / 48;
  const x = (Math.floor(mercatorX(lon) * scale) + 0.5) / scale;
  const y = (Math.floor(mercatorY(lat) * scale) + 0.5) / scale;
  return [x * 360 - 180, (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI];
}

describe("which rows are points", () => {
  it("shows verified, unarchived organisations and their open requests, nothing else", async () => {
    const spot: [number, number] = [-60, -20];
    const visible = await createOrganisation({ at: spot });
    const pending = await createOrganisation({ at: spot, status: "pending" });
    const suspended = await createOrganisation({ at: spot, status: "suspended" });
    const archived = await createOrganisation({ at: spot, archivedAt: new Date() });
    const open = await createOpenRequest(visible.id);
    for (const status of ["draft", "closed", "matched", "expired"] as const) {
      await createOpenRequest(visible.id, { status });
    }
    for (const organisation of [pending, suspended, archived]) await createOpenRequest(organisation.id);

    const area = around(spot, 0.5);
    const organisations = await points("organisations", area, 10);
    expect(organisations.total).toBe(1);
    expect(organisations.cells).toEqual([[-60, -20, 1, kindIndex("cultural")]]);
    expect(await listIds("organisations", {}, area)).toEqual([visible.id]);
    const requests = await points("requests", area, 10);
    expect(requests.total).toBe(1);
    expect(await listIds("requests", {}, area)).toEqual([open.id]);

    // Over the whole map: exactly the visible rows of the database.
    const visibleOrganisations = await prisma.organisation.count({
      where: { status: "verified", archivedAt: null },
    });
    const openRequests = await prisma.partnershipRequest.count({
      where: { status: "open", organisation: { status: "verified", archivedAt: null } },
    });
    const allOrganisations = await points("organisations", world, 0);
    const allRequests = await points("requests", world, 0);
    expect(allOrganisations.total).toBe(visibleOrganisations);
    expect(countOf(allOrganisations.cells)).toBe(visibleOrganisations);
    expect(allRequests.total).toBe(openRequests);
    expect(countOf(allRequests.cells)).toBe(openRequests);
    expect(await prisma.organisation.count()).toBeGreaterThan(visibleOrganisations);
  });

  it("places a request at its organisation's point, with the organisation's kind", async () => {
    const spot: [number, number] = [-55.123456, -25.654321];
    const club = await createOrganisation({ at: spot, kind: "sports_club" });
    await createOpenRequest(club.id);
    const { cells } = await points("requests", around(spot, 0.1), 12);
    expect(cells).toEqual([[-55.12346, -25.65432, 1, kindIndex("sports_club")]]);
  });
});

describe("clusters", () => {
  // One 48-pixel cell at zoom 3 (about 4° wide) holds everything; at zoom 9 (about 0.07°) there
  // are three groups.
  const base = cellCentre([30, 40], 3);
  const schools = cellCentre(base, 9);
  const mixed = cellCentre([base[0] + 0.25, base[1]], 9);
  const lone = cellCentre([base[0] - 0.2, base[1] + 0.1], 9);
  const offset = ([lon, lat]: [number, number], dLon: number, dLat: number): [number, number] => [
    lon + dLon,
    lat + dLat,
  ];
  const schoolSpots = [
    offset(schools, -0.004, 0.002),
    offset(schools, 0.003, -0.003),
    offset(schools, 0.001, 0.004),
  ];
  const mixedSpots = [offset(mixed, -0.002, -0.002), offset(mixed, 0.004, 0.001)];

  beforeAll(async () => {
    for (const at of schoolSpots) await createOrganisation({ at, kind: "school" });
    await createOrganisation({ at: mixedSpots[0], kind: "school" });
    await createOrganisation({ at: mixedSpots[1], kind: "youth" });
    await createOrganisation({ at: lone, kind: "historical_society" });
  });

  function boundsOf(spots: [number, number][]) {
    return [
      Math.min(...spots.map(([lon]) => lon)),
      Math.min(...spots.map(([, lat]) => lat)),
      Math.max(...spots.map(([lon]) => lon)),
      Math.max(...spots.map(([, lat]) => lat)),
    ].map(round5);
  }

  function expectCluster(cell: Cell | undefined, spots: [number, number][], kind: number) {
    expect(cell).toHaveLength(8);
    const [lon, lat, count, cellKind, ...bounds] = cell!;
    expect(count).toBe(spots.length);
    expect(cellKind).toBe(kind);
    expect(bounds).toEqual(boundsOf(spots));
    // The cluster sits at its points' mean, inside its bounds.
    expect(lon).toBeCloseTo(spots.reduce((sum, [x]) => sum + x, 0) / spots.length, 4);
    expect(lat).toBeCloseTo(spots.reduce((sum, [, y]) => sum + y, 0) / spots.length, 4);
    const [west, south, east, north] = bounds as [number, number, number, number];
    expect(lon).toBeGreaterThanOrEqual(west);
    expect(lon).toBeLessThanOrEqual(east);
    expect(lat).toBeGreaterThanOrEqual(south);
    expect(lat).toBeLessThanOrEqual(north);
  }

  it("merges nearby points at a low zoom, with their count, bounds and shared kind", async () => {
    const result = await points("organisations", around(base, 0.6), 9.7);
    expect(result.zoom).toBe(9);
    expect(result.total).toBe(6);
    expect(result.cells).toHaveLength(3);
    const byCount = [...result.cells].sort((a, b) => b[2] - a[2]);
    expectCluster(byCount[0], schoolSpots, kindIndex("school"));
    // Two kinds in one cell: no one kind.
    expectCluster(byCount[1], mixedSpots, -1);
    expect(byCount[2]).toEqual([round5(lone[0]), round5(lone[1]), 1, kindIndex("historical_society")]);
  });

  it("merges everything into one mixed cluster further out", async () => {
    const result = await points("organisations", around(base, 2), 3);
    expect(result.total).toBe(6);
    expect(result.cells).toHaveLength(1);
    expectCluster(result.cells[0], [...schoolSpots, ...mixedSpots, lone], -1);
  });

  it("keeps the same clusters while the viewport pans", async () => {
    const left = await points("organisations", around(offset(base, -0.2, 0), 0.6), 9);
    const right = await points("organisations", around(offset(base, 0.2, 0.05), 0.6), 9);
    const sorted = (cells: Cell[]) => [...cells].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    expect(sorted(left.cells)).toEqual(sorted(right.cells));
  });

  it("shows points 1 km apart one by one from zoom 16, each with its kind", async () => {
    // Around the middle of one 48-pixel cell at zoom 10 (about 3.7 km wide).
    const start = offset(cellCentre([35.5, -10.5], 10), -0.0046, -0.0045);
    const north = offset(start, 0, 0.009);
    const east = offset(start, 0.0092, 0);
    await createOrganisation({ at: start, kind: "school" });
    await createOrganisation({ at: north, kind: "youth" });
    await createOrganisation({ at: east, kind: "sports_club" });
    // Two at the very same address stay one cluster however far one zooms in.
    const shared = offset(start, 0.0045, 0.0045);
    await createOrganisation({ at: shared, kind: "school" });
    await createOrganisation({ at: shared, kind: "other" });

    const sorted = (cells: Cell[]) => [...cells].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const single = (spot: [number, number], kind: OrganisationKind): Cell => [
      round5(spot[0]),
      round5(spot[1]),
      1,
      kindIndex(kind),
    ];
    const together: Cell = [
      round5(shared[0]),
      round5(shared[1]),
      2,
      -1,
      round5(shared[0]),
      round5(shared[1]),
      round5(shared[0]),
      round5(shared[1]),
    ];
    const expected = sorted([
      single(start, "school"),
      single(north, "youth"),
      single(east, "sports_club"),
      together,
    ]);
    for (const zoom of [16, 18.5, 22]) {
      const result = await points("organisations", around(shared, zoom === 22 ? 0.005 : 0.02), zoom);
      expect(result.zoom).toBe(Math.floor(zoom));
      expect(result.total).toBe(5);
      expect(sorted(result.cells)).toEqual(expected);
    }
    // Below zoom 16 the cells are 48 pixels wide: at zoom 10 all five are one cluster.
    const far = await points("organisations", around(shared, 0.2), 10);
    expect(far.total).toBe(5);
    expect(far.cells).toHaveLength(1);
    expect(far.cells[0]![2]).toBe(5);
  });

  it("leaves out points outside the bounding box, and keeps those on its edge", async () => {
    const inside: [number, number] = [40.25, -30.25];
    const outside: [number, number] = [40.36, -30.25];
    const one = await createOrganisation({ at: inside });
    const other = await createOrganisation({ at: outside });
    const box = { west: 40.2, south: -30.3, east: 40.35, north: -30.2 };
    expect((await points("organisations", box, 11)).total).toBe(1);
    expect(await listIds("organisations", {}, box)).toEqual([one.id]);
    const edge = { ...box, east: outside[0] };
    expect((await points("organisations", edge, 11)).total).toBe(2);
    expect(await listIds("organisations", {}, edge)).toEqual([other.id, one.id]);
  });

  it("refuses a viewport too large for its zoom", async () => {
    const error = await expectAppError(points("organisations", world, 10), 400);
    expect(error.messageKey).toBe("map:errors.viewportTooLarge");
    expect(error.fieldErrors).toEqual({ bbox: "map:errors.viewportTooLarge" });
    // The whole world fits a screen at zoom 0 to 6.
    expect((await points("organisations", world, 6)).zoom).toBe(6);
  });
});

describe("filters, as the browse search applies them", () => {
  const word = token();
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    Object.assign(ids, await createFilterFixture(word));
  });

  for (const { layer, narrowed, name } of filterCases(word)) {
    it(`${layer}: ${name}`, async () => {
      const { expected, listed, total, counted } = await mapAgainstBrowse(layer, narrowed);
      expect(listed).toEqual(expected);
      expect(total).toBe(expected.length);
      expect(counted).toBe(expected.length);
    });
  }

  it("tries names like the words when the words find nothing under the other filters, as browse does", async () => {
    const dutch = await createOrganisation({ municipalityCode: NIJMEGEN, name: "Harmonie Zwirbelkamp" });
    const german = await createOrganisation({ municipalityCode: KLEVE, name: "Musikverein Zwirbelkemp" });
    const q = "Zwirbelkamp";
    expect(await listIds("organisations", { q })).toEqual([dutch.id]);
    expect(await browseIds("organisations", { q, country: "DE" })).toEqual([german.id]);
    expect(await listIds("organisations", { q, country: "DE" })).toEqual([german.id]);
  });

  it("narrows to the rows the filters describe", async () => {
    const requests = async (filters: PointFilters) =>
      new Set(await listIds("requests", { q: word, ...filters }));
    const organisations = async (filters: PointFilters) =>
      new Set(await listIds("organisations", { q: word, ...filters }));
    expect(await requests({})).toEqual(
      new Set([ids.schoolMusic, ids.schoolSport, ids.clubSport, ids.youthMusic, ids.choirHistory]),
    );
    expect(await requests({ country: "DE" })).toEqual(new Set([ids.clubSport, ids.choirHistory]));
    expect(await requests({ kind: "school" })).toEqual(new Set([ids.schoolMusic, ids.schoolSport]));
    expect(await requests({ municipality: KLEVE })).toEqual(new Set([ids.clubSport]));
    expect(await requests({ topic: "music" })).toEqual(new Set([ids.schoolMusic, ids.youthMusic]));
    expect(await requests({ activity: "joint_project" })).toEqual(
      new Set([ids.schoolMusic, ids.choirHistory]),
    );
    expect(await requests({ age: "age_6_11" })).toEqual(new Set([ids.schoolSport]));
    expect(await requests({ language: "en" })).toEqual(new Set([ids.clubSport, ids.youthMusic]));
    // Requests are written in Dutch, German or English only.
    expect(await requests({ language: "fr" })).toEqual(new Set());
    expect(await points("requests", world, 0, { language: "fr" })).toMatchObject({ total: 0, cells: [] });

    expect(await organisations({ language: "fr" })).toEqual(new Set([ids.club]));
    expect(await organisations({ language: "nl" })).toEqual(new Set([ids.school, ids.youth]));
    // An organisation has the topics of its open requests, not of its drafts.
    expect(await organisations({ topic: "music" })).toEqual(new Set([ids.school, ids.youth]));
    expect(await organisations({ topic: "sport", country: "DE" })).toEqual(new Set([ids.club]));
    // Several request filters must hold for one and the same request, as on the browse page.
    expect(await organisations({ topic: "music", activity: "exchange_visit" })).toEqual(new Set([ids.youth]));
  });

  it("finds words, and a name with one letter wrong", async () => {
    expect(await listIds("organisations", { q: "Quirinus" })).toEqual([ids.choir]);
    expect(await listIds("organisations", { q: "Quirnus" })).toEqual([ids.choir]);
    expect(await listIds("requests", { q: "Quirnus" })).toEqual([ids.choirHistory]);
    const inNijmegen = await listIds("organisations", { q: "Nijmgen" });
    expect(inNijmegen).toContain(ids.school);
    expect(inNijmegen).not.toContain(ids.club);
  });

  it("answers an unknown municipality with a 400, and a known one without points with nothing", async () => {
    for (const run of [
      () => points("requests", world, 0, { municipality: "GM9999" }),
      () => viewportList("organisations", { municipality: "GM9999" }, null, { page: 1, pageSize: 20 }),
    ]) {
      const error = await expectAppError(run(), 400);
      expect(error.fieldErrors).toEqual({ municipality: "browse:errors.unknownMunicipality" });
    }
    const empty = await prisma.municipality.findFirstOrThrow({
      where: { code: { notIn: [NIJMEGEN, KLEVE, ARNHEM, DUISBURG] } },
    });
    expect(await points("organisations", world, 0, { municipality: empty.code })).toMatchObject({
      total: 0,
      cells: [],
    });
  });
});

describe("after a write", () => {
  it("shows a new request, and hides a suspended organisation, on the next call", async () => {
    const spot: [number, number] = [50, -40];
    const area = around(spot, 0.2);
    const organisation = await createOrganisation({ at: spot, kind: "youth" });
    const before = await points("requests", area, 10);
    expect(before.total).toBe(0);

    const request = await createOpenRequest(organisation.id);
    const after = await points("requests", area, 10);
    expect(BigInt(after.version)).toBeGreaterThan(BigInt(before.version));
    expect(after.cells).toEqual([[50, -40, 1, kindIndex("youth")]]);
    expect(await listIds("requests", {}, area)).toEqual([request.id]);

    await prisma.organisationLanguage.create({
      data: { organisationId: organisation.id, language: "tr", level: "native" },
    });
    expect((await points("organisations", area, 10, { language: "tr" })).total).toBe(1);

    await prisma.organisation.update({ where: { id: organisation.id }, data: { status: "suspended" } });
    const suspended = await points("requests", area, 10);
    expect(BigInt(suspended.version)).toBeGreaterThan(BigInt(after.version));
    expect(suspended.total).toBe(0);
    expect((await points("organisations", area, 10)).total).toBe(0);

    // An unchanged map keeps its version.
    expect((await points("requests", area, 10)).version).toBe(suspended.version);
  });

  it("follows an organisation that moves, and the words of its new name", async () => {
    const from: [number, number] = [55, -40];
    const to: [number, number] = [55.5, -40];
    const word = token();
    const organisation = await createOrganisation({ at: from });
    expect((await points("organisations", around(from, 0.1), 12)).total).toBe(1);
    expect(await listIds("organisations", { q: word })).toEqual([]);
    await prisma.organisation.update({
      where: { id: organisation.id },
      data: { lon: to[0], lat: to[1], name: `Verein ${word}` },
    });
    expect((await points("organisations", around(from, 0.1), 12)).total).toBe(0);
    expect((await points("organisations", around(to, 0.1), 12)).total).toBe(1);
    expect(await listIds("organisations", { q: word })).toEqual([organisation.id]);
  });
});

describe("reloading", () => {
  it("answers writes interleaved with concurrent reads with sets at least as new as each read's version", async () => {
    const bump = () => prisma.$executeRaw`UPDATE map_data_version SET version = version + 1 WHERE id = 1`;
    const reads = [];
    for (let i = 0; i < 6; i++) {
      await bump();
      const version = await currentVersion();
      reads.push(pointSet("requests").then((set) => ({ version, loaded: set.version })));
    }
    for (const read of await Promise.all(reads)) expect(read.loaded).toBeGreaterThanOrEqual(read.version);
    // Settled, the set is the newest and stays put while nothing is written.
    const settled = await pointSet("requests");
    expect(settled.version).toBe(await currentVersion());
    expect(await pointSet("requests")).toBe(settled);
  });
});

describe("the list beside the map", () => {
  const word = token();
  const centre: [number, number] = [60, -45];
  /** [lon, lat] of each request's organisation. */
  const spotOf = new Map<string, [number, number]>();

  beforeAll(async () => {
    const sameMoment = new Date("2026-10-01T12:00:00.000Z");
    for (let i = 0; i < 5; i += 1) {
      const at: [number, number] = [centre[0] + (i - 2) * 0.03 * (i % 2 ? 1 : -1), centre[1] + i * 0.01];
      const organisation = await createOrganisation({
        at,
        municipalityCode: i % 2 ? KLEVE : NIJMEGEN,
        name: `Lijst ${word}`,
      });
      for (let j = 0; j < 5; j += 1) {
        // Some share a moment, so the id has to break ties as on the browse page.
        const publishedAt = j === 0 ? sameMoment : new Date(Date.UTC(2026, 9, 1, i, j));
        const request = await createOpenRequest(organisation.id, { publishedAt, titleNl: `Lijst ${word}` });
        spotOf.set(request.id, at);
      }
    }
  });

  const area = around(centre, 0.2);

  it("lists newest first in the browse page's order, page by page", async () => {
    const all = await viewportList("requests", {}, area, { page: 1, pageSize: 100 });
    expect(all.total).toBe(25);
    expect(all.ids).toEqual(await browseIds("requests", { q: word }));
    const pages = [];
    for (let page = 1; page <= 4; page += 1) {
      pages.push(await viewportList("requests", {}, area, { page, pageSize: 10 }));
    }
    expect(pages.map((page) => page.total)).toEqual([25, 25, 25, 25]);
    expect(pages.map((page) => page.ids.length)).toEqual([10, 10, 5, 0]);
    expect(pages.flatMap((page) => page.ids)).toEqual(all.ids);
  });

  it("lists nearest first from a place, the same across pages", async () => {
    const near = { lon: centre[0] + 0.05, lat: centre[1] + 0.02 };
    const all = await viewportList("requests", {}, area, { page: 1, pageSize: 100, near });
    expect(new Set(all.ids).size).toBe(25);
    const distance = (id: string) => {
      const [lon, lat] = spotOf.get(id)!;
      return Math.hypot((lon - near.lon) * Math.cos((lat * Math.PI) / 180), lat - near.lat);
    };
    const distances = all.ids.map(distance);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(distances[0]).toBeLessThan(distances[24]!);
    const pages = [];
    for (let page = 1; page <= 4; page += 1) {
      pages.push(await viewportList("requests", {}, area, { page, pageSize: 7, near }));
    }
    expect(pages.flatMap((page) => page.ids)).toEqual(all.ids);
    expect(pages[3]!.ids).toHaveLength(4);
  });

  function listParams(query: string) {
    const parsed = parseSearchParams(listParamsSchema, new URLSearchParams(query));
    if (!parsed.ok) throw new Error(`bad params: ${JSON.stringify(parsed.fieldErrors)}`);
    return parsed.data;
  }

  it("reads the page's requests with their municipality in the reader's language", async () => {
    const bbox = `${area.west},${area.south},${area.east},${area.north}`;
    const first = await mapList(listParams(`bbox=${bbox}`), "nl");
    expect(first).toMatchObject({ show: "requests", total: 25, page: 1, pages: 2 });
    expect(first.results).toHaveLength(20);
    expect(first.results.map((result) => result.id)).toEqual(
      (await browseIds("requests", { q: word })).slice(0, 20),
    );
    const second = await mapList(listParams(`bbox=${bbox}&page=2`), "de");
    expect(second.results).toHaveLength(5);

    const places = (list: typeof first) => new Set(list.results.map((result) => result.municipality));
    expect(places(first)).toEqual(new Set(["Nijmegen", "Kleef"]));
    expect(places(await mapList(listParams(`bbox=${bbox}`), "de"))).toEqual(new Set(["Nimwegen", "Kleve"]));
    expect(places(await mapList(listParams(`bbox=${bbox}`), "en"))).toEqual(new Set(["Nijmegen", "Kleve"]));
  });

  it("reads organisations, and distances from a municipality when sorted nearest first", async () => {
    const bbox = `${area.west},${area.south},${area.east},${area.north}`;
    const list = await mapList(listParams(`bbox=${bbox}&show=organisations&near=${KLEVE}`), "de");
    expect(list).toMatchObject({ show: "organisations", total: 5, page: 1, pages: 1 });
    if (list.show !== "organisations") throw new Error("expected organisations");
    const distances = list.results.map((result) => result.distanceKm!);
    expect(distances.every((km) => km > 1000)).toBe(true);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(list.results.every((result) => result.name === `Lijst ${word}`)).toBe(true);

    const empty = await mapList(listParams(`bbox=${bbox}&page=9`), "en");
    expect(empty).toMatchObject({ total: 25, page: 9, pages: 2, results: [] });
    const error = await expectAppError(mapList(listParams(`near=GM9999`), "en"), 400);
    expect(error.fieldErrors).toEqual({ near: "browse:errors.unknownMunicipality" });
  });
});

describe("the points endpoint", () => {
  const spot: [number, number] = [70, -50];
  const query = `bbox=69.9,-50.1,70.1,-49.9&zoom=11&show=organisations`;

  const context = {
    cspNonce: "",
    clientIp: "127.0.0.1",
    auth: null,
    isDevelopment: false,
  } as AppLoadContext;

  async function get(search: string, headers: Record<string, string> = {}) {
    const response = await pointsLoader({
      request: new Request(`http://localhost/map/points?${search}`, { headers }),
      params: {},
      context,
    });
    return response;
  }

  const messages = (locale: string) =>
    JSON.parse(
      readFileSync(join(import.meta.dirname, "..", "..", "locales", locale, "map.json"), "utf8"),
    ) as {
      errors: Record<string, string>;
    };

  it("answers JSON with an ETag, a 304 for the same ETag, and a new one after a write", async () => {
    const organisation = await createOrganisation({ at: spot, kind: "school" });
    const response = await get(query);
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toMatch(/application\/json/);
    expect(response.headers.get("Cache-Control")).toBe("no-cache");
    const tag = response.headers.get("ETag")!;
    expect(tag).toMatch(/^W\/"\d+-[\w-]+"$/);
    const body = (await response.json()) as { version: string; zoom: number; total: number; cells: Cell[] };
    expect(body).toEqual({
      version: body.version,
      zoom: 11,
      total: 1,
      cells: [[70, -50, 1, kindIndex("school")]],
    });
    expect(tag.startsWith(`W/"${body.version}-`)).toBe(true);

    const unchanged = await get(query, { "If-None-Match": tag });
    expect(unchanged.status).toBe(304);
    expect(unchanged.headers.get("ETag")).toBe(tag);
    expect(await unchanged.text()).toBe("");

    // Another query, or another language, is another ETag.
    expect((await get(`${query}&kind=school`)).headers.get("ETag")).not.toBe(tag);
    expect((await get(`${query}&lang=de`)).headers.get("ETag")).not.toBe(tag);

    await createOrganisation({ at: spot, kind: "youth" });
    const changed = await get(query, { "If-None-Match": tag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("ETag")).not.toBe(tag);
    const next = (await changed.json()) as { total: number; cells: Cell[] };
    expect(next.total).toBe(2);
    expect(next.cells).toEqual([[70, -50, 2, -1, 70, -50, 70, -50]]);
    expect(organisation.id).toBeTruthy();
  });

  for (const locale of ["nl", "de", "en"] as const) {
    it(`answers zoom=99 with a 400 in ${locale}, by lang and by Accept-Language`, async () => {
      const expected = messages(locale).errors.zoom;
      expect(expected).toMatch(/22/);
      const byLang = await get(`bbox=5,51,6,52&zoom=99&lang=${locale}`, { "Accept-Language": "fr" });
      const byHeader = await get(`bbox=5,51,6,52&zoom=99`, {
        "Accept-Language": `${locale}-BE,${locale};q=0.9,en;q=0.5`,
      });
      for (const response of [byLang, byHeader]) {
        expect(response.status).toBe(400);
        expect(response.headers.get("Content-Language")).toBe(locale);
        expect(response.headers.get("Cache-Control")).toBe("no-store");
        expect(await response.json()).toEqual({ error: expected, fields: { zoom: expected } });
      }
    });
  }

  it("translates the data layer's own 400s, and falls back to English", async () => {
    const tooLarge = await get(`bbox=-180,-85,180,85&zoom=12&lang=de`);
    expect(tooLarge.status).toBe(400);
    const body = (await tooLarge.json()) as { error: string; fields: Record<string, string> };
    expect(body.error).toBe(messages("de").errors.viewportTooLarge);
    expect(body.fields).toEqual({ bbox: messages("de").errors.viewportTooLarge });

    const unknown = await get(`bbox=5,51,6,52&zoom=9&municipality=GM9999`, { "Accept-Language": "fr" });
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get("Content-Language")).toBe("en");
    const browse = JSON.parse(
      readFileSync(join(import.meta.dirname, "..", "..", "locales", "en", "browse.json"), "utf8"),
    ) as { errors: Record<string, string> };
    expect(await unknown.json()).toEqual({
      error: browse.errors.unknownMunicipality,
      fields: { municipality: browse.errors.unknownMunicipality },
    });
  });
});

describe("many points", () => {
  const origin: [number, number] = [80, -60];
  const columns = 40;
  const count = 1300;

  beforeAll(async () => {
    // A grid of 1300 organisations about 400 m apart, in one statement.
    await prisma.$executeRaw`
      INSERT INTO organisations (id, slug, kind, name, country, municipality_code, lat, lon, status, updated_at)
      SELECT gen_random_uuid(), 'grid-' || i, 'school', 'Grid ' || i, 'NL', ${NIJMEGEN},
             ${origin[1]} + (i / ${columns}) * 0.004, ${origin[0]} + (i % ${columns}) * 0.006, 'verified', now()
      FROM generate_series(0, ${count - 1}) AS i`;
  });

  afterAll(async () => {
    await prisma.organisation.deleteMany({ where: { slug: { startsWith: "grid-" } } });
  });

  const grid: BBox = {
    west: origin[0] - 0.001,
    south: origin[1] - 0.001,
    east: origin[0] + 0.24,
    north: origin[1] + 0.14,
  };

  it("never returns more than maxCells cells: the grid gets coarser instead", async () => {
    for (const zoom of [16, 14, 12]) {
      const result = await points("organisations", grid, zoom);
      expect(result.total).toBe(count);
      expect(result.cells.length).toBeLessThanOrEqual(maxCells);
      expect(result.cells.length).toBeGreaterThan(maxCells / 8);
      expect(countOf(result.cells)).toBe(count);
      for (const cell of result.cells) {
        if (cell[2] === 1) continue;
        const [lon, lat, , kind, west, south, east, north] = cell as [
          number,
          number,
          number,
          number,
          number,
          number,
          number,
          number,
        ];
        expect(kind).toBe(kindIndex("school"));
        expect(west).toBeLessThanOrEqual(lon);
        expect(east).toBeGreaterThanOrEqual(lon);
        expect(south).toBeLessThanOrEqual(lat);
        expect(north).toBeGreaterThanOrEqual(lat);
      }
    }
  });

  it("shows every point on its own while they fit", async () => {
    // The first 25 rows: 1000 points.
    const part = { ...grid, north: origin[1] + 24 * 0.004 + 0.001 };
    const result = await points("organisations", part, 16);
    expect(result.total).toBe(1000);
    expect(result.cells).toHaveLength(1000);
    expect(result.cells.every((cell) => cell.length === 4 && cell[2] === 1)).toBe(true);
  });
});
