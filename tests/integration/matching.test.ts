// Suggestions from the database: realistic pairs across the border, chosen on the indexes and
// ranked by the scorer, with the reasons read in Dutch and German.
import { beforeAll, describe, expect, it } from "vitest";
import { getFixedT } from "~/modules/i18n/instances.server.ts";
import { suggestionsForOrganisation, suggestionsForRequest } from "~/modules/matching/candidates.server.ts";
import { reasonText } from "~/modules/matching/reasons.ts";
import { prisma } from "~/utils/db.server.ts";
import { createOpenRequest, createOrganisation } from "../factories/index.ts";

const WIJCHEN = "GM0296";
const NIJMEGEN = "GM0268";
const KLEVE = "05154036";
const DUESSELDORF = "05111000";

const native = (language: string) => ({ language, level: "native" });
const learns = (language: string, level = "A2") => ({ language, level });

const ids: Record<string, string> = {};

beforeAll(async () => {
  const wijchen = await createOrganisation({
    municipalityCode: WIJCHEN,
    kind: "school",
    schoolLevel: "secondary",
    name: "Dominicus College Wijchen",
    languages: [native("nl"), learns("de"), learns("en", "B1")],
  });
  const wijchenRequest = await createOpenRequest(wijchen.id, {
    topics: ["neighbour_language", "music"],
    activityTypes: ["exchange_visit"],
    ageGroups: ["age_12_15"],
    workingLanguages: ["nl", "de"],
    crossBorderOnly: false,
    radiusKm: 120,
  });
  const kleve = await createOrganisation({
    municipalityCode: KLEVE,
    kind: "school",
    schoolLevel: "secondary",
    name: "Gesamtschule Kleve",
    languages: [native("de"), learns("nl"), learns("en", "B1")],
  });
  const kleveRequest = await createOpenRequest(kleve.id, {
    topics: ["neighbour_language"],
    activityTypes: ["exchange_visit"],
    ageGroups: ["age_12_15"],
  });
  const nijmegen = await createOrganisation({
    municipalityCode: NIJMEGEN,
    kind: "school",
    schoolLevel: "secondary",
    name: "Stedelijk Gymnasium Nijmegen",
    languages: [native("nl"), learns("de")],
  });
  await createOpenRequest(nijmegen.id, {
    topics: ["neighbour_language"],
    activityTypes: ["exchange_visit"],
    ageGroups: ["age_12_15"],
    crossBorderOnly: false,
  });
  const club = await createOrganisation({
    municipalityCode: DUESSELDORF,
    kind: "sports_club",
    sport: "football",
    name: "SC Düsseldorf-West",
    languages: [native("de"), learns("en", "B2")],
  });
  await createOpenRequest(club.id, {
    topics: ["sport"],
    activityTypes: ["tournament"],
    ageGroups: ["age_12_15"],
  });
  const pending = await createOrganisation({
    municipalityCode: KLEVE,
    kind: "school",
    status: "pending",
    languages: [native("de"), learns("nl")],
  });
  const archived = await createOrganisation({ municipalityCode: KLEVE, kind: "school", archived: true });
  Object.assign(ids, {
    wijchen: wijchen.id,
    wijchenRequest: wijchenRequest.id,
    kleve: kleve.id,
    kleveRequest: kleveRequest.id,
    nijmegen: nijmegen.id,
    club: club.id,
    pending: pending.id,
    archived: archived.id,
  });
});

describe("suggestions for a request", () => {
  it("ranks the Kleve school learning Dutch above a Nijmegen school and a Düsseldorf club 100 km away", async () => {
    const suggestions = (await suggestionsForRequest(ids.wijchenRequest!))!;
    expect(suggestions.map((suggestion) => suggestion.organisationId)).toEqual([
      ids.kleve,
      ids.nijmegen,
      ids.club,
    ]);
    expect(suggestions[0]!.requestId).toBe(ids.kleveRequest);
    expect(suggestions[2]!.distanceKm).toBeGreaterThan(90);
  });

  it("never suggests pending or archived organisations, nor the organisation itself", async () => {
    const found = (await suggestionsForRequest(ids.wijchenRequest!))!.map(
      (suggestion) => suggestion.organisationId,
    );
    expect(found).not.toContain(ids.pending);
    expect(found).not.toContain(ids.archived);
    expect(found).not.toContain(ids.wijchen);
  });

  it("keeps to the other side of the border, the radius and the wanted kinds when the request says so", async () => {
    await prisma.partnershipRequest.update({
      where: { id: ids.wijchenRequest },
      data: { crossBorderOnly: true, radiusKm: 50, partnerKinds: ["school"] },
    });
    try {
      const found = (await suggestionsForRequest(ids.wijchenRequest!))!;
      expect(found.map((suggestion) => suggestion.organisationId)).toEqual([ids.kleve]);
    } finally {
      await prisma.partnershipRequest.update({
        where: { id: ids.wijchenRequest },
        data: { crossBorderOnly: false, radiusKm: 120, partnerKinds: [] },
      });
    }
  });

  it("leaves out what the caller excludes (dismissed, declined)", async () => {
    const found = (await suggestionsForRequest(ids.wijchenRequest!, { excluded: new Set([ids.kleve!]) }))!;
    expect(found[0]!.organisationId).toBe(ids.nijmegen);
  });

  it("reads the reasons in Dutch and German", async () => {
    const [kleve] = (await suggestionsForRequest(ids.wijchenRequest!))!;
    const read = (locale: "nl" | "de") =>
      kleve!.reasons.map((reason) => reasonText(getFixedT(locale, "matching"), reason, locale));
    expect(read("nl")).toContain("Uw groep leert Duits, die van hen Nederlands: een buurtaaltandem");
    expect(read("nl")).toContain("Dezelfde leeftijdsgroep: 12–15 jaar");
    expect(read("de")).toContain(
      "Ihre Gruppe lernt Deutsch, die andere Niederländisch: ein Nachbarsprachen-Tandem",
    );
    expect(read("de").at(-1)).toMatch(/^\d+ km entfernt$/);
  });

  it("answers null for an unknown, malformed or not open request", async () => {
    expect(await suggestionsForRequest("6f1c2b9e-0000-4000-8000-000000000000")).toBeNull();
    expect(await suggestionsForRequest("not-a-uuid")).toBeNull();
  });
});

describe("suggestions for an organisation", () => {
  it("looks 60 km around it on the other side of the border", async () => {
    const found = (await suggestionsForOrganisation(ids.wijchen!))!.map(
      (suggestion) => suggestion.organisationId,
    );
    expect(found).toContain(ids.kleve);
    expect(found).not.toContain(ids.nijmegen);
    expect(found).not.toContain(ids.club);
    expect(await suggestionsForOrganisation("not-a-uuid")).toBeNull();
  });
});
