// The weekly "new suggested partners for your organisation" job on real PostgreSQL: members of a
// verified organisation are told how many partners their suggestions hold that were not announced
// before (dismissed ones never count), once, also with two runs at once; organisations without
// members, pending and archived ones are not even read.
import { beforeAll, describe, expect, it } from "vitest";
import { getFixedT } from "~/modules/i18n/instances.server.ts";
import { suggestionsForMember } from "~/modules/matching/suggestions.server.ts";
import { notificationText } from "~/modules/notifications/texts.ts";
import { announceWeeklySuggestions } from "~/modules/notifications/weekly/suggestions.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { addMember, createOpenRequest, createOrganisation, createUser } from "../factories/index.ts";

const WIJCHEN = "GM0296";
const KLEVE = "05154036";
const GOCH = "05154016";

const native = (language: string) => ({ language, level: "native" });
const learns = (language: string, level = "A2") => ({ language, level });

type User = Awaited<ReturnType<typeof createUser>>;
const people: Record<string, User> = {};
const ids: Record<string, string> = {};

function germanSchool(municipalityCode: string, name: string) {
  return createOrganisation({
    municipalityCode,
    kind: "school",
    schoolLevel: "secondary",
    name,
    languages: [native("de"), learns("nl")],
  }).then(async (school) => {
    await createOpenRequest(school.id, {
      topics: ["neighbour_language"],
      activityTypes: ["exchange_visit"],
      ageGroups: ["age_12_15"],
    });
    return school;
  });
}

const weeklyOf = (userId: string) =>
  prisma.notification.findMany({
    where: { userId, type: "weekly_suggestions" },
    orderBy: { createdAt: "asc" },
  });

beforeAll(async () => {
  people.sanne = await createUser({ locale: "nl", name: "Sanne" });
  people.daan = await createUser({ locale: "nl", name: "Daan" });
  const wijchen = await createOrganisation({
    municipalityCode: WIJCHEN,
    kind: "school",
    schoolLevel: "secondary",
    name: "Dominicus College Wijchen",
    languages: [native("nl"), learns("de")],
    ownerId: people.sanne.id,
  });
  await addMember(wijchen.id, people.daan.id);
  await createOpenRequest(wijchen.id, {
    topics: ["neighbour_language"],
    activityTypes: ["exchange_visit"],
    ageGroups: ["age_12_15"],
    workingLanguages: ["nl", "de"],
    radiusKm: 100,
  });
  const kleve = await germanSchool(KLEVE, "Gesamtschule Kleve");
  const dismissed = await germanSchool(KLEVE, "Realschule Kleve");
  // Sanne said "don't suggest again": it never counts.
  await prisma.suggestionDismissal.create({
    data: {
      organisationId: wijchen.id,
      dismissedOrganisationId: dismissed.id,
      dismissedById: people.sanne.id,
    },
  });
  // Organisations nobody belongs to, and a pending and an archived one with a member: not read at all.
  for (let index = 0; index < 25; index++) await createOrganisation({ country: "DE" });
  people.pending = await createUser();
  await createOrganisation({ status: "pending", ownerId: people.pending.id });
  await createOrganisation({ archived: true, ownerId: people.pending.id });
  Object.assign(ids, { wijchen: wijchen.id, kleve: kleve.id, dismissed: dismissed.id });
});

describe("the weekly suggestions job", () => {
  it("tells each member how many partners their suggestions page shows, in their language, linked to it", async () => {
    const run = await announceWeeklySuggestions();
    // Only the verified, unarchived organisations with members: here Wijchen alone.
    expect(run.organisations).toBe(1);

    const page = await suggestionsForMember(people.sanne!.id, "nl");
    const shown = new Set(page.groups.flatMap((group) => group.suggestions.map((s) => s.organisation.slug)));
    expect(shown.size).toBeGreaterThan(0);
    const [sanne] = await weeklyOf(people.sanne!.id);
    const [daan] = await weeklyOf(people.daan!.id);
    expect(sanne).toBeDefined();
    expect(daan).toBeDefined();
    expect(sanne!.params).toEqual({ organisation: "Dominicus College Wijchen", count: shown.size });
    expect(sanne!.path).toBe("/matches");
    expect(sanne!.organisationId).toBe(ids.wijchen);
    expect(run).toEqual({ organisations: 1, notified: 1, partners: shown.size });
    expect(notificationText(getFixedT("nl", "notifications"), sanne!)).toBe(
      shown.size === 1
        ? "Deze week is er 1 nieuwe voorgestelde partner voor Dominicus College Wijchen."
        : `Deze week zijn er ${shown.size} nieuwe voorgestelde partners voor Dominicus College Wijchen.`,
    );

    const announced = await prisma.suggestionAnnouncement.findMany({
      where: { organisationId: ids.wijchen },
    });
    expect(announced.map((row) => row.partnerOrganisationId)).toContain(ids.kleve);
    expect(announced.map((row) => row.partnerOrganisationId)).not.toContain(ids.dismissed);
    expect(await prisma.notification.count({ where: { userId: people.pending!.id } })).toBe(0);
  });

  it("says nothing in a week without new partners, and counts only the new one when one comes", async () => {
    const quiet = await announceWeeklySuggestions();
    expect(quiet.notified).toBe(0);
    expect(await weeklyOf(people.sanne!.id)).toHaveLength(1);

    const goch = await germanSchool(GOCH, "Gymnasium Goch");
    const week = await announceWeeklySuggestions();
    expect(week).toMatchObject({ notified: 1, partners: 1 });
    const notes = await weeklyOf(people.daan!.id);
    expect(notes).toHaveLength(2);
    expect(notes[1]!.params).toEqual({ organisation: "Dominicus College Wijchen", count: 1 });
    expect(
      await prisma.suggestionAnnouncement.count({
        where: { organisationId: ids.wijchen, partnerOrganisationId: goch.id },
      }),
    ).toBe(1);
  });

  it("notifies once when two instances run it at the same moment", async () => {
    await germanSchool(KLEVE, "Berufskolleg Kleve");
    const runs = await Promise.all([announceWeeklySuggestions(), announceWeeklySuggestions()]);
    expect(runs.map((run) => run.notified).sort()).toEqual([0, 1]);
    expect(await weeklyOf(people.sanne!.id)).toHaveLength(3);
  });
});
