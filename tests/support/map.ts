// The map's filter tests' fixture and helpers, shared by the map-points test and the test that
// runs them again after random writes were patched in (map-incremental): organisations either side
// of the border with requests, the 24 filter sets, and the browse search's answer to compare with.
import type { Prisma } from "~/generated/prisma/client.ts";
import type { BBox } from "~/modules/map/points/params.ts";
import {
  viewportList,
  viewportPoints,
  type Cell,
  type PointFilters,
} from "~/modules/map/points/points.server.ts";
import type { Layer } from "~/modules/map/points/snapshot.server.ts";
import { decodeCursor, parseBrowseParams, type Cursor } from "~/modules/search/schemas.ts";
import type { SearchPage } from "~/modules/search/results.ts";
import { searchOrganisations, searchRequests } from "~/modules/search/service.server.ts";
import { createOpenRequest, createOrganisation } from "../factories/index.ts";

export const NIJMEGEN = "GM0268";
export const KLEVE = "05154036";
export const ARNHEM = "GM0202";
export const DUISBURG = "05112000";

export const world: BBox = { west: -180, south: -85, east: 180, north: 85 };

export const points = (layer: Layer, bbox: BBox, zoom: number, filters: PointFilters = {}) =>
  viewportPoints(layer, filters, bbox, zoom);

/** Every matching id of the map's list, newest first. */
export const listIds = async (layer: Layer, filters: PointFilters = {}, bbox: BBox | null = null) =>
  (await viewportList(layer, filters, bbox, { page: 1, pageSize: 5000 })).ids;

export const countOf = (cells: Cell[]) => cells.reduce((sum, cell) => sum + cell[2], 0);

function browseFilters(query: Record<string, string>) {
  const parsed = parseBrowseParams(new URLSearchParams({ ...query, sort: "newest" }));
  if (!parsed.ok) throw new Error(`bad params: ${JSON.stringify(parsed.fieldErrors)}`);
  const { show: _show, cursor: _cursor, ...filters } = parsed.data;
  return filters;
}

/** The ids the browse page finds, newest first, following its cursors to the end. */
export async function browseIds(layer: Layer, query: Record<string, string>): Promise<string[]> {
  const filters = browseFilters(query);
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const decoded: Cursor | undefined = cursor ? (decodeCursor(cursor) ?? undefined) : undefined;
    const page: SearchPage<{ id: string }> =
      layer === "requests"
        ? await searchRequests(filters, decoded, "en")
        : await searchOrganisations(filters, decoded, "en");
    ids.push(...page.results.map((result) => result.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

/** The filter tests' rows, their names carrying `word`; returns their ids by name. */
export async function createFilterFixture(word: string): Promise<Record<string, string>> {
  const school = await createOrganisation({
    municipalityCode: NIJMEGEN,
    kind: "school",
    name: `Basisschool ${word}`,
    languages: ["nl", "de"],
  });
  const club = await createOrganisation({
    municipalityCode: KLEVE,
    kind: "sports_club",
    sport: "football",
    name: `SV Rindern ${word}`,
    languages: ["de", "fr"],
  });
  const youth = await createOrganisation({
    municipalityCode: ARNHEM,
    kind: "youth",
    name: `Jongerencentrum ${word}`,
    languages: ["nl", "en"],
  });
  const choir = await createOrganisation({
    municipalityCode: DUISBURG,
    kind: "cultural",
    name: `Kammerchor Sankt Quirinus ${word}`,
    descriptionDe: "Wir singen geistliche Musik.",
  });
  const hidden = await createOrganisation({ municipalityCode: KLEVE, kind: "school", status: "pending" });
  const ids: Record<string, string> = { school: school.id, club: club.id, youth: youth.id, choir: choir.id };

  const requests: [string, string, Partial<Prisma.PartnershipRequestUncheckedCreateInput>][] = [
    [
      "schoolMusic",
      school.id,
      { topics: ["music", "arts"], activityTypes: ["joint_project"], workingLanguages: ["nl", "de"] },
    ],
    [
      "schoolSport",
      school.id,
      {
        topics: ["sport"],
        activityTypes: ["exchange_visit"],
        ageGroups: ["age_6_11"],
        workingLanguages: ["nl"],
      },
    ],
    [
      "clubSport",
      club.id,
      { topics: ["sport"], activityTypes: ["tournament"], workingLanguages: ["de", "en"] },
    ],
    [
      "youthMusic",
      youth.id,
      {
        topics: ["music"],
        activityTypes: ["exchange_visit"],
        ageGroups: ["age_19_25"],
        workingLanguages: ["en"],
      },
    ],
    [
      "choirHistory",
      choir.id,
      {
        topics: ["history_heritage"],
        activityTypes: ["joint_project"],
        ageGroups: ["seniors"],
        workingLanguages: ["de"],
      },
    ],
  ];
  for (const [name, organisationId, data] of requests) {
    ids[name] = (await createOpenRequest(organisationId, { titleNl: `Partner ${word}`, ...data })).id;
  }
  await createOpenRequest(club.id, { status: "draft", titleNl: `Concept ${word}`, topics: ["music"] });
  await createOpenRequest(hidden.id, { titleNl: `Verborgen ${word}`, topics: ["music"] });

  return ids;
}

// Each query once on its own, and once narrowed to this fixture by its word.
export const filterQueries: Record<string, string>[] = [
  {},
  { country: "DE" },
  { country: "NL" },
  { kind: "school" },
  { kind: "sports_club" },
  { municipality: KLEVE },
  { municipality: ARNHEM },
  { topic: "music" },
  { topic: "history_heritage" },
  { activity: "joint_project" },
  { age: "age_12_15" },
  { age: "seniors" },
  { language: "de" },
  { language: "en" },
  { language: "fr" },
  { country: "NL", topic: "sport", age: "age_6_11" },
  { topic: "music", activity: "exchange_visit" },
  { q: "Quirinus" },
  { q: "Quirnus" },
  { q: "Nijmgen" },
  { q: "voetbal" },
  // Words that match elsewhere but not under the other filters: browse then tries similar names.
  { q: "Quirinus", country: "NL" },
  { q: "Nijmgen", kind: "school" },
  { q: "Basisschool", country: "DE" },
  // Typos in a sport or topic word: corrected to the labels' words when names find nothing either.
  { q: "Fusball" },
  { q: "Fusball", country: "NL" },
  { q: "Musk" },
];

/** Each layer and filter set, once on its own and once narrowed to the fixture by its word. */
export function filterCases(word: string) {
  return (["requests", "organisations"] as const).flatMap((layer) =>
    filterQueries.flatMap((query) =>
      [query, { ...query, q: query.q ? `${query.q} ${word}` : word }].map((narrowed) => ({
        layer,
        narrowed,
        name: new URLSearchParams(narrowed).toString().replace(word, "<word>") || "no filter",
      })),
    ),
  );
}

/** The map's list and points against the browse search for one filter case. */
export async function mapAgainstBrowse(layer: Layer, narrowed: Record<string, string>) {
  const { q, ...rest } = narrowed;
  const filters: PointFilters = { ...rest, q } as PointFilters;
  const expected = await browseIds(layer, narrowed);
  const result = await points(layer, world, 0, filters);
  return {
    expected,
    listed: await listIds(layer, filters),
    total: result.total,
    counted: countOf(result.cells),
  };
}
