// Suggestions from the database: realistic pairs across the border, chosen on the indexes and
// ranked by the scorer, with the reasons read in Dutch and German.
import { beforeAll, describe, expect, it } from "vitest";
import { getFixedT } from "~/modules/i18n/instances.server.ts";
import {
  fitForViewer,
  suggestionsForOrganisation,
  suggestionsForRequest,
} from "~/modules/matching/candidates.server.ts";
import { reasonText } from "~/modules/matching/reasons.ts";
import { prisma } from "~/utils/db.server.ts";
import { action, loader } from "~/routes/$lang.matches.tsx";
import { addMember, createOpenRequest, createOrganisation, createUser } from "../factories/index.ts";
import { answerOf } from "../support/answer.ts";

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

describe("the suggestions page", () => {
  const contextFor = (user: Awaited<ReturnType<typeof createUser>> | null) => ({
    cspNonce: "",
    clientIp: "127.0.0.1",
    isDevelopment: false,
    auth: user
      ? {
          sessionId: "test",
          expiresAt: new Date(Date.now() + 60_000),
          user,
        }
      : null,
  });
  const open = (user: Awaited<ReturnType<typeof createUser>> | null) =>
    answerOf<Awaited<ReturnType<typeof loader>>["data"]>(
      loader({
        request: new Request("http://localhost/de/matches"),
        params: { lang: "de" },
        context: contextFor(user),
      }),
    );

  it("shows a member the partners for each open request, best first, with the partner's request", async () => {
    const teacher = await createUser({ locale: "de" });
    await addMember(ids.wijchen!, teacher.id);
    const { status, body } = await open(teacher);
    expect(status).toBe(200);
    expect(body.groups).toHaveLength(1);
    expect(body.dismissed).toEqual([]);
    const [group] = body.groups;
    expect(group!.organisation.name).toBe("Dominicus College Wijchen");
    expect(group!.suggestions.map((suggestion) => suggestion.organisation.name)).toEqual([
      "Gesamtschule Kleve",
      "Stedelijk Gymnasium Nijmegen",
      "SC Düsseldorf-West",
    ]);
    expect(group!.suggestions[0]!.organisation.municipality).toBe("Kleve");
    expect(group!.suggestions[0]!.request?.slug).toBeTruthy();
  });

  it("shows an organisation without an open request its own suggestions", async () => {
    const member = await createUser();
    await addMember(ids.kleve!, member.id);
    await prisma.partnershipRequest.update({ where: { id: ids.kleveRequest }, data: { status: "closed" } });
    try {
      const { body } = await open(member);
      expect(body.groups.map((group) => group.request)).toEqual([null]);
      expect(body.groups[0]!.suggestions.map((suggestion) => suggestion.organisation.name)).toContain(
        "Dominicus College Wijchen",
      );
    } finally {
      await prisma.partnershipRequest.update({ where: { id: ids.kleveRequest }, data: { status: "open" } });
    }
  });

  it("gives a pending organisation's member nothing, and sends visitors to sign in", async () => {
    const member = await createUser();
    await addMember(ids.pending!, member.id);
    expect((await open(member)).body.groups).toEqual([]);
    const visitor = await open(null);
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("Location")).toBe("/de/signin?redirectTo=%2Fde%2Fmatches");
  });

  const post = (user: Awaited<ReturnType<typeof createUser>>, form: Record<string, string>) =>
    answerOf<{ error?: string }>(
      action({
        request: new Request("http://localhost/de/matches", {
          method: "POST",
          body: new URLSearchParams(form),
        }),
        params: { lang: "de" },
        context: contextFor(user),
      }),
    );
  const slugOf = async (id: string) =>
    (await prisma.organisation.findUniqueOrThrow({ where: { id }, select: { slug: true } })).slug;

  it("dismisses a partner for good, lists it, and brings it back", async () => {
    const teacher = await createUser({ locale: "de" });
    await addMember(ids.wijchen!, teacher.id);
    const own = await slugOf(ids.wijchen!);
    const kleve = await slugOf(ids.kleve!);
    const names = async () =>
      (await open(teacher)).body.groups[0]!.suggestions.map((suggestion) => suggestion.organisation.name);

    const dismissed = await post(teacher, { intent: "dismiss", organisation: own, partner: kleve });
    expect(dismissed.status).toBe(302);
    expect(dismissed.headers.get("Location")).toBe("/de/matches");
    // Twice at once leaves one row.
    await Promise.all([
      post(teacher, { intent: "dismiss", organisation: own, partner: kleve }),
      post(teacher, { intent: "dismiss", organisation: own, partner: kleve }),
    ]);
    expect(await prisma.suggestionDismissal.count({ where: { organisationId: ids.wijchen } })).toBe(1);
    expect(await names()).not.toContain("Gesamtschule Kleve");
    expect((await open(teacher)).body.dismissed).toEqual([
      {
        organisation: { slug: own, name: "Dominicus College Wijchen" },
        partners: [{ slug: kleve, name: "Gesamtschule Kleve" }],
      },
    ]);

    expect((await post(teacher, { intent: "restore", organisation: own, partner: kleve })).status).toBe(302);
    expect((await names())[0]).toBe("Gesamtschule Kleve");
  });

  it("refuses forged and foreign input with a translated 4xx", async () => {
    const stranger = await createUser();
    const own = await slugOf(ids.wijchen!);
    const kleve = await slugOf(ids.kleve!);
    const refused = async (form: Record<string, string>, status: number, error: string) => {
      const answer = await post(stranger, form);
      expect(answer.status).toBe(status);
      expect(answer.body.error).toBe(error);
    };
    await refused({ intent: "dismiss", organisation: own, partner: kleve }, 403, "matching:errors.notMember");
    await refused(
      { intent: "dismiss", organisation: "no-such-org", partner: kleve },
      404,
      "matching:errors.unknownOrganisation",
    );
    await refused({ intent: "delete", organisation: own, partner: kleve }, 400, "matching:errors.invalid");
    await refused({ intent: "dismiss", organisation: own }, 400, "matching:errors.invalid");
    await refused(
      { intent: "dismiss", organisation: "x".repeat(201), partner: kleve },
      400,
      "matching:errors.invalid",
    );
    const notAForm = await answerOf<{ error?: string }>(
      action({
        request: new Request("http://localhost/de/matches", {
          method: "POST",
          body: "{}",
          headers: { "Content-Type": "application/json" },
        }),
        params: { lang: "de" },
        context: contextFor(stranger),
      }),
    );
    expect(notAForm.status).toBe(400);
    expect(notAForm.body.error).toBe("matching:errors.invalid");
    const member = await createUser();
    await addMember(ids.wijchen!, member.id);
    const itself = await post(member, { intent: "dismiss", organisation: own, partner: own });
    expect(itself.status).toBe(400);
    expect(itself.body.error).toBe("matching:errors.itself");
    expect(await prisma.suggestionDismissal.count({ where: { dismissedById: stranger.id } })).toBe(0);
  });
});

describe("how well a page's organisation fits the viewer's", () => {
  const slugs = async () => {
    const rows = await prisma.organisation.findMany({
      where: { id: { in: [ids.kleve!, ids.wijchen!] } },
      select: { id: true, slug: true, requests: { select: { slug: true } } },
    });
    const of = (id: string) => rows.find((row) => row.id === id)!;
    return {
      kleve: of(ids.kleve!).slug,
      kleveRequest: of(ids.kleve!).requests[0]!.slug,
      wijchen: of(ids.wijchen!).slug,
    };
  };

  it("scores the profile and the request for a member of another organisation", async () => {
    const teacher = await createUser();
    await addMember(ids.wijchen!, teacher.id);
    const { kleve, kleveRequest } = await slugs();
    const profile = await fitForViewer(teacher.id, { organisationSlug: kleve });
    expect(profile?.organisation.name).toBe("Dominicus College Wijchen");
    expect(profile!.score).toBeGreaterThan(60);
    expect(profile!.reasons.map((reason) => reason.key)).toContain("matching:reasons.tandem");
    expect(profile!.reasons.length).toBeLessThanOrEqual(4);
    const onRequest = await fitForViewer(teacher.id, { organisationSlug: kleve, requestSlug: kleveRequest });
    expect(onRequest!.score).toBe(profile!.score);
  });

  it("says nothing to the organisation's own members, to members of no verified organisation, or for an unknown page", async () => {
    const { kleve, wijchen } = await slugs();
    const own = await createUser();
    await addMember(ids.wijchen!, own.id);
    expect(await fitForViewer(own.id, { organisationSlug: wijchen })).toBeNull();
    const pendingMember = await createUser();
    await addMember(ids.pending!, pendingMember.id);
    expect(await fitForViewer(pendingMember.id, { organisationSlug: kleve })).toBeNull();
    expect(await fitForViewer((await createUser()).id, { organisationSlug: kleve })).toBeNull();
    expect(await fitForViewer(own.id, { organisationSlug: "no-such-organisation" })).toBeNull();
  });
});
