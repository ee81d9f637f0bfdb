// The demo notifications (prisma/seed-notifications.ts): what the demo members' matches did, read
// as the matches code writes it, once however often the seed runs, and no mail for any of it.
import { describe, expect, it } from "vitest";
import { getFixedT } from "~/modules/i18n/instances.server.ts";
import { notificationText } from "~/modules/notifications/texts.ts";
import { prisma } from "~/utils/db.server.ts";
import { seedNotifications } from "../../prisma/seed-notifications.ts";
import { createOrganisation, createUser } from "../factories/index.ts";

describe("seedNotifications", () => {
  it("tells both sides of a demo match what happened, once, unread only for the newest two, mailed", async () => {
    const sanne = await createUser({ email: "sanne-test@demo.euregio-partners.example", locale: "nl" });
    const jonas = await createUser({ email: "jonas-test@demo.euregio-partners.example", locale: "de" });
    const outsider = await createUser();
    const wijchen = await createOrganisation({ name: "Basisschool De Klimop", ownerId: sanne.id });
    const kleve = await createOrganisation({
      name: "SV Schwanenburg Kleve",
      country: "DE",
      ownerId: jonas.id,
    });
    await createOrganisation({ ownerId: outsider.id });
    const hour = 3_600_000;
    const match = await prisma.match.create({
      data: {
        fromOrganisationId: wijchen.id,
        toOrganisationId: kleve.id,
        status: "active_project",
        score: 81,
        promotedAt: new Date(Date.now() - 5 * hour),
        createdAt: new Date(Date.now() - 48 * hour),
        updatedAt: new Date(Date.now() - 2 * hour),
      },
    });

    const written = await seedNotifications();
    expect(written).toBeGreaterThan(0);
    expect(await seedNotifications()).toBe(0);

    const of = (userId: string) =>
      prisma.notification.findMany({ where: { userId }, orderBy: { createdAt: "desc" } });
    const mine = await of(sanne.id);
    const theirs = await of(jonas.id);
    expect(mine.map((row) => row.type).sort()).toEqual(
      ["match_connected", "match_promoted", "match_stage", "weekly_suggestions"].sort(),
    );
    // Jonas's side received the interest.
    expect(theirs.map((row) => row.type)).toContain("interest_received");
    expect(await of(outsider.id)).toEqual([]);
    for (const rows of [mine, theirs]) {
      expect(rows.filter((row) => row.readAt === null)).toHaveLength(2);
      expect(rows.slice(0, 2).every((row) => row.readAt === null)).toBe(true);
      expect(rows.every((row) => row.mailedAt !== null)).toBe(true);
    }
    const stage = mine.find((row) => row.type === "match_stage")!;
    expect(stage.path).toBe(`/matches/${match.id}`);
    expect(notificationText(getFixedT("nl", "notifications"), stage)).toBe(
      "De samenwerking tussen Basisschool De Klimop en SV Schwanenburg Kleve is nu een lopend project.",
    );
  });
});
