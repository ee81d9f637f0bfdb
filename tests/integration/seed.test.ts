// The demo data against real PostgreSQL: enough organisations and open requests on both sides of the
// border, consistent with the gazetteer and the taxonomy, owned by the demo users, and idempotent.
import { beforeAll, describe, expect, it } from "vitest";
import { languageFieldName } from "~/modules/organisations/fields.ts";
import { organisationSchema } from "~/modules/organisations/schemas.ts";
import { expiryFrom } from "~/modules/requests/lifecycle.ts";
import { requestSchema } from "~/modules/requests/schemas.ts";
import {
  activityTypes,
  ageGroups,
  languageLevels,
  languages,
  organisationKinds,
  sizeRanges,
  sports,
  topics,
  workingLanguages,
} from "~/modules/taxonomy/taxonomy.ts";
import { inbox, unreadMessageCount } from "~/modules/messaging/threads.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { demoContacts } from "../../prisma/demo/seed-matches.ts";
import { demoOwners } from "../../prisma/demo/seed-organisations.ts";
import { seedDemoData } from "../../prisma/seed.ts";

const DAY = 86_400_000;
const now = new Date();

async function snapshot() {
  return {
    organisations: await prisma.organisation.findMany({
      orderBy: { slug: "asc" },
      include: {
        languages: { orderBy: { language: "asc" } },
        memberships: { orderBy: { userId: "asc" } },
      },
    }),
    requests: await prisma.partnershipRequest.findMany({ orderBy: { slug: "asc" } }),
  };
}

type Snapshot = Awaited<ReturnType<typeof snapshot>>;
let first: Snapshot;
let second: Snapshot;
const secondRunLog: string[] = [];

beforeAll(async () => {
  await seedDemoData({ now, log: () => {} });
  first = await snapshot();
  await seedDemoData({ now, log: (line) => secondRunLog.push(line) });
  second = await snapshot();
});

const organisationsIn = (country: "NL" | "DE") => first.organisations.filter((o) => o.country === country);
const openRequests = () => first.requests.filter((request) => request.status === "open");

async function ownedBy(email: string) {
  const user = await prisma.user.findUniqueOrThrow({
    where: { email },
    include: { memberships: { include: { organisation: { include: { requests: true } } } } },
  });
  expect(user.memberships).toHaveLength(1);
  expect(user.memberships[0]?.role).toBe("owner");
  return user.memberships[0]!.organisation;
}

describe("demo organisations", () => {
  it("number at least 80, roughly half on each side of the border, of every kind", () => {
    expect(first.organisations.length).toBeGreaterThanOrEqual(80);
    expect(organisationsIn("NL").length).toBeGreaterThanOrEqual(35);
    expect(organisationsIn("DE").length).toBeGreaterThanOrEqual(35);
    for (const country of ["NL", "DE"] as const) {
      expect(new Set(organisationsIn(country).map((o) => o.kind))).toEqual(new Set(organisationKinds));
    }
    const schools = first.organisations.filter((o) => o.kind === "school");
    expect(new Set(schools.map((o) => o.schoolLevel))).toEqual(
      new Set(["primary", "secondary", "vocational"]),
    );
    const clubSports = new Set(first.organisations.map((o) => o.sport));
    for (const sport of ["football", "handball", "hockey", "korfball", "rowing_canoeing"]) {
      expect(clubSports).toContain(sport);
    }
  });

  it("lie in member municipalities of their own country, close to the municipality's centre", async () => {
    const municipalities = new Map(
      (await prisma.municipality.findMany()).map((municipality) => [municipality.code, municipality]),
    );
    for (const organisation of first.organisations) {
      const municipality = municipalities.get(organisation.municipalityCode);
      expect(municipality?.member, organisation.slug).toBe(true);
      expect(municipality?.country).toBe(organisation.country);
      expect(Math.abs(organisation.lat - municipality!.lat)).toBeLessThan(0.02);
      expect(Math.abs(organisation.lon - municipality!.lon)).toBeLessThan(0.03);
      expect(organisation.address).toMatch(/\d/);
    }
    expect(new Set(first.organisations.map((o) => o.municipalityCode)).size).toBeGreaterThanOrEqual(30);
  });

  it("are verified by the demo staff user, except a few that wait for the staff console", async () => {
    const staff = await prisma.user.findUniqueOrThrow({
      where: { email: "katrin@demo.euregio-partners.example" },
    });
    const verified = first.organisations.filter((o) => o.status === "verified");
    const pending = first.organisations.filter((o) => o.status === "pending");
    expect(verified.length + pending.length).toBe(first.organisations.length);
    expect(pending.length).toBeGreaterThanOrEqual(2);
    expect(pending.length).toBeLessThanOrEqual(3);
    for (const organisation of verified) {
      expect(organisation.verifiedById).toBe(staff.id);
      expect(organisation.verifiedAt!.getTime()).toBeLessThan(now.getTime());
    }
    for (const organisation of pending) expect(organisation.verifiedById).toBeNull();
  });

  it("write in their own language, about a fifth also in the other, a few in English", () => {
    for (const organisation of organisationsIn("NL")) expect(organisation.descriptionNl).toBeTruthy();
    for (const organisation of organisationsIn("DE")) expect(organisation.descriptionDe).toBeTruthy();
    const both = first.organisations.filter((o) => o.descriptionNl && o.descriptionDe);
    expect(both.length / first.organisations.length).toBeGreaterThanOrEqual(0.15);
    expect(first.organisations.filter((o) => o.descriptionEn).length).toBeGreaterThanOrEqual(3);
  });

  it("use only taxonomy keys, and each speaks its own language natively", () => {
    for (const organisation of first.organisations) {
      expect(sizeRanges).toContain(organisation.sizeRange);
      if (organisation.sport) expect(sports).toContain(organisation.sport);
      expect(organisation.website ?? "https://example.org/").toMatch(/^https:\/\/example\.org\//);
      for (const { language, level } of organisation.languages) {
        expect(languages).toContain(language);
        expect(languageLevels).toContain(level);
      }
      const own = organisation.country === "NL" ? "nl" : "de";
      expect(organisation.languages).toContainEqual(
        expect.objectContaining({ language: own, level: "native" }),
      );
    }
  });

  it("pass the organisation form, so their owners can save them unchanged", () => {
    for (const organisation of first.organisations) {
      const form = {
        ...organisation,
        schoolLevel: organisation.schoolLevel ?? "",
        sport: organisation.sport ?? "",
        descriptionNl: organisation.descriptionNl ?? "",
        descriptionDe: organisation.descriptionDe ?? "",
        descriptionEn: organisation.descriptionEn ?? "",
        sizeRange: organisation.sizeRange ?? "",
        website: organisation.website ?? "",
        // A form sends text: the point as its fields show it.
        lat: String(organisation.lat),
        lon: String(organisation.lon),
        ...Object.fromEntries(organisation.languages.map((l) => [languageFieldName(l.language), l.level])),
      };
      const parsed = organisationSchema.safeParse(form);
      expect(parsed.error?.issues, organisation.slug).toBeUndefined();
    }
  });
});

describe("demo requests", () => {
  it("include at least 60 open requests of verified organisations that expire three months after publication", () => {
    const open = openRequests();
    expect(open.length).toBeGreaterThanOrEqual(60);
    const verified = new Set(first.organisations.filter((o) => o.status === "verified").map((o) => o.id));
    for (const request of open) {
      expect(verified.has(request.organisationId), request.slug).toBe(true);
      expect(request.publishedAt!.getTime()).toBeLessThan(now.getTime());
      expect(request.expiresAt!.getTime()).toBeGreaterThan(now.getTime() + 28 * DAY);
      expect(request.expiresAt).toEqual(expiryFrom(request.publishedAt!));
    }
  });

  it("also include drafts that are not published and one closed request", () => {
    const drafts = first.requests.filter((request) => request.status === "draft");
    expect(drafts.length).toBeGreaterThanOrEqual(2);
    for (const draft of drafts) expect([draft.publishedAt, draft.expiresAt]).toEqual([null, null]);
    const closed = first.requests.filter((request) => request.status === "closed");
    expect(closed).toHaveLength(1);
    expect(closed[0]!.closedAt!.getTime()).toBeGreaterThan(closed[0]!.publishedAt!.getTime());
  });

  it("are written in their organisation's language, pass the request form and mostly look across the border", () => {
    const countryOf = new Map(first.organisations.map((o) => [o.id, o.country]));
    for (const request of first.requests) {
      const own = countryOf.get(request.organisationId) === "NL" ? request.titleNl : request.titleDe;
      expect(own, request.slug).toBeTruthy();
      expect(request.activityTypes.length).toBeGreaterThan(0);
      expect(request.topics.length).toBeGreaterThan(0);
      for (const key of request.activityTypes) expect(activityTypes).toContain(key);
      for (const key of request.topics) expect(topics).toContain(key);
      for (const key of request.ageGroups) expect(ageGroups).toContain(key);
      for (const key of request.partnerKinds) expect(organisationKinds).toContain(key);
      for (const key of request.workingLanguages) expect(workingLanguages).toContain(key);
      if (request.groupSizeMin !== null)
        expect(request.groupSizeMax!).toBeGreaterThanOrEqual(request.groupSizeMin);
      if (request.flexible) expect([request.startsOn, request.endsOn]).toEqual([null, null]);
      else expect(request.endsOn!.getTime()).toBeGreaterThan(request.startsOn!.getTime());
    }
    for (const request of first.requests) {
      const day = (date: Date | null) => date?.toISOString().slice(0, 10) ?? "";
      const parsed = requestSchema.safeParse({
        ...request,
        titleNl: request.titleNl ?? "",
        titleDe: request.titleDe ?? "",
        titleEn: request.titleEn ?? "",
        descriptionNl: request.descriptionNl ?? "",
        descriptionDe: request.descriptionDe ?? "",
        descriptionEn: request.descriptionEn ?? "",
        groupSizeMin: request.groupSizeMin?.toString() ?? "",
        groupSizeMax: request.groupSizeMax?.toString() ?? "",
        startsOn: day(request.startsOn),
        endsOn: day(request.endsOn),
        flexible: request.flexible ? "on" : undefined,
        radiusKm: request.radiusKm.toString(),
        crossBorderOnly: request.crossBorderOnly ? "on" : undefined,
      });
      expect(parsed.error?.issues, request.slug).toBeUndefined();
    }
    const crossBorder = first.requests.filter((request) => request.crossBorderOnly);
    expect(crossBorder.length / first.requests.length).toBeGreaterThan(0.9);
    expect(first.requests.some((request) => request.flexible)).toBe(true);
  });
});

describe("demo users and the search demo", () => {
  it("give Sanne the Wijchen primary school, which looks for a German partner school", async () => {
    const school = await ownedBy(demoOwners["bs-de-klimop"]!);
    expect(school).toMatchObject({ kind: "school", schoolLevel: "primary", municipalityCode: "GM0296" });
    expect(school.requests).toContainEqual(
      expect.objectContaining({
        status: "open",
        topics: expect.arrayContaining(["neighbour_language"]),
        activityTypes: expect.arrayContaining(["exchange_visit"]),
        ageGroups: ["age_6_11"],
        partnerKinds: ["school"],
      }),
    );
  });

  it("give Jonas the Kleve football club, which says Fußball", async () => {
    const club = await ownedBy(demoOwners["sv-schwanenburg-kleve"]!);
    expect(club).toMatchObject({ kind: "sports_club", sport: "football", municipalityCode: "05154036" });
    expect(club.descriptionDe).toContain("Fußball");
    expect(club.requests.filter((request) => request.status === "open").length).toBeGreaterThanOrEqual(1);
  });

  it("give Marieke the Nijmegen historical society, planning an exhibition with one in Emmerich", async () => {
    const society = await ownedBy(demoOwners["historische-kring-nijmegen-benedenstad"]!);
    expect(society).toMatchObject({ kind: "historical_society", municipalityCode: "GM0268" });
    expect(society.requests[0]?.descriptionNl).toContain("tentoonstelling");
    const emmerich = first.organisations.find(
      (o) => o.kind === "historical_society" && o.municipalityCode === "05154008",
    );
    const emmerichRequests = first.requests.filter((request) => request.organisationId === emmerich?.id);
    expect(emmerichRequests[0]?.titleDe).toContain("Ausstellung");
    const nijmegenClub = first.organisations.find(
      (o) => o.sport === "football" && o.municipalityCode === "GM0268",
    );
    expect(nijmegenClub?.descriptionNl).toContain("voetbal");
  });

  it("leave every other organisation without human members, but for the demo matches' contact people", () => {
    const withMembers = first.organisations.filter((o) => o.memberships.length > 0);
    expect(withMembers).toHaveLength(Object.keys(demoOwners).length + demoContacts.length);
  });
});

describe("running the seed again", () => {
  it("changes nothing on the same day: same ids, slugs, texts and timestamps", () => {
    expect(second).toEqual(first);
    expect(secondRunLog.join("\n")).toContain("already up to date");
  });

  it("on a later day restores edited demo rows and keeps the requests open", async () => {
    const school = first.organisations.find((o) => o.municipalityCode === "GM0296" && o.kind === "school")!;
    await prisma.organisation.update({
      where: { id: school.id },
      data: { name: "Renamed", descriptionNl: null },
    });
    await prisma.organisationLanguage.deleteMany({ where: { organisationId: school.id } });
    const later = new Date(now.getTime() + 100 * DAY);

    await seedDemoData({ now: later, log: () => {} });

    const third = await snapshot();
    const restored = third.organisations.find((o) => o.id === school.id)!;
    expect(restored.name).toBe(school.name);
    expect(restored.descriptionNl).toBe(school.descriptionNl);
    expect(restored.languages).toEqual(school.languages);
    expect(third.requests.map((request) => [request.id, request.slug])).toEqual(
      first.requests.map((request) => [request.id, request.slug]),
    );
    const open = third.requests.filter((request) => request.status === "open");
    expect(open.length).toBe(openRequests().length);
    for (const request of open) expect(request.expiresAt!.getTime()).toBeGreaterThan(later.getTime());
  });
});

describe("demo matches", () => {
  const matchesOf = async (email: string) => {
    const organisation = await ownedBy(email);
    return prisma.match.findMany({
      where: { OR: [{ fromOrganisationId: organisation.id }, { toOrganisationId: organisation.id }] },
      include: { events: true, fromOrganisation: true, toOrganisation: true },
    });
  };

  it("cover every stage, one recommended by the Euregio at least, each with its history", async () => {
    const all = await prisma.match.findMany({ include: { events: true } });
    const demo = all.filter((match) => match.events.length > 0 && match.createdAt < now);
    expect(new Set(demo.map((match) => match.status))).toEqual(
      new Set(["suggested", "interested", "connected", "active_project", "completed", "declined", "ended"]),
    );
    expect(demo.some((match) => match.promotedAt && match.promotionNoteNl && match.promotionNoteDe)).toBe(
      true,
    );
    for (const match of demo) expect(match.events.length).toBeGreaterThan(0);
  });

  it("give Sanne an interest to answer and a connected partner school, Jonas and Marieke an active project", async () => {
    const sanne = await matchesOf(demoOwners["bs-de-klimop"]!);
    expect(
      sanne.map((match) => [match.status, match.toOrganisation.name === "Basisschool De Klimop"]),
    ).toEqual(
      expect.arrayContaining([
        ["interested", true],
        ["connected", false],
      ]),
    );
    const connected = sanne.find((match) => match.status === "connected")!;
    expect(connected.promotedAt).not.toBeNull();
    expect(connected.fromContactId && connected.toContactId).toBeTruthy();
    expect((await matchesOf(demoOwners["sv-schwanenburg-kleve"]!)).map((match) => match.status)).toContain(
      "active_project",
    );
    const marieke = await matchesOf(demoOwners["historische-kring-nijmegen-benedenstad"]!);
    expect(marieke.find((match) => match.status === "active_project")?.toOrganisation.municipalityCode).toBe(
      "05154008",
    );
    for (const email of Object.values(demoOwners)) {
      const user = await prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
      const unread = await prisma.notification.count({ where: { userId: user.id, readAt: null } });
      expect(unread, email).toBeGreaterThan(0);
      // The demo's past is not mailed on first start.
      expect(await prisma.notification.count({ where: { userId: user.id, mailedAt: null } })).toBe(0);
    }
  });

  it("are written once: a second run leaves them and what a newcomer did with them alone", async () => {
    const before = await prisma.match.findMany({ orderBy: { id: "asc" } });
    const sanne = (await matchesOf(demoOwners["bs-de-klimop"]!)).find(
      (match) => match.status === "interested",
    )!;
    await prisma.match.update({ where: { id: sanne.id }, data: { status: "connected" } });
    const log: string[] = [];
    await seedDemoData({ now, log: (line) => log.push(line) });
    expect(log.join("\n")).toContain("0 demo matches written");
    expect((await prisma.match.findUniqueOrThrow({ where: { id: sanne.id } })).status).toBe("connected");
    expect(await prisma.match.count()).toBe(before.length);
    await prisma.match.update({ where: { id: sanne.id }, data: { status: "interested" } });
  });
});

describe("demo conversations", () => {
  it("give Sanne's partner school and Marieke's project messages in Dutch and German, one unread each", async () => {
    const sanne = await prisma.user.findUniqueOrThrow({ where: { email: demoOwners["bs-de-klimop"]! } });
    const marieke = await prisma.user.findUniqueOrThrow({
      where: { email: demoOwners["historische-kring-nijmegen-benedenstad"]! },
    });
    for (const [user, partner] of [
      [sanne, "Grundschule an der Schwanenburg"],
      [marieke, "Emmerich"],
    ] as const) {
      const { threads } = await inbox(user);
      const thread = threads.find((t) => t.partner?.includes(partner));
      expect(thread, partner).toBeDefined();
      expect(thread!.unread).toBe(1);
      const languages = await prisma.message.findMany({
        where: { threadId: thread!.id },
        select: { language: true },
      });
      expect(new Set(languages.map((m) => m.language))).toEqual(new Set(["nl", "de"]));
    }
    expect(await unreadMessageCount(sanne.id)).toBeGreaterThanOrEqual(1);
    const before = await prisma.message.count();
    await seedDemoData({ now, log: () => {} });
    expect(await prisma.message.count()).toBe(before);
  });
});
