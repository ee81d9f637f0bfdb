// Organisations with members and partnership requests straight in the database, for request tests.
import { randomBytes } from "node:crypto";
import type { Prisma } from "~/generated/prisma/client.ts";
import type { RequestStatus } from "~/modules/requests/lifecycle.ts";
import { prisma } from "~/utils/db.server.ts";

const places = {
  NL: { municipalityCode: "GM0268", lat: 51.8425, lon: 5.8528 },
  DE: { municipalityCode: "05154036", lat: 51.7886, lon: 6.1386 },
} as const;

export async function createOrganisation(
  overrides: Partial<{
    name: string;
    country: "NL" | "DE";
    kind: "school" | "sports_club" | "cultural" | "historical_society" | "youth" | "other";
    status: "pending" | "verified" | "suspended";
    archived: boolean;
  }> = {},
) {
  const country = overrides.country ?? "NL";
  const suffix = randomBytes(4).toString("hex");
  return prisma.organisation.create({
    data: {
      slug: `test-organisation-${suffix}`,
      name: overrides.name ?? `Test organisation ${suffix}`,
      kind: overrides.kind ?? "school",
      country,
      ...places[country],
      status: overrides.status ?? "verified",
      verifiedAt: (overrides.status ?? "verified") === "verified" ? new Date() : null,
      archivedAt: overrides.archived ? new Date() : null,
    },
  });
}

export async function addMember(organisationId: string, userId: string, role: "owner" | "editor" = "editor") {
  return prisma.membership.create({ data: { organisationId, userId, role } });
}

const DAY = 24 * 60 * 60 * 1000;

/** A request with sensible Dutch content; published statuses get a publication and an expiry. */
export async function createRequest(
  options: { organisationId: string; status?: RequestStatus } & Partial<
    Omit<Prisma.PartnershipRequestUncheckedCreateInput, "organisationId" | "status">
  >,
) {
  const { organisationId, status = "draft", ...overrides } = options;
  const published = status !== "draft";
  return prisma.partnershipRequest.create({
    data: {
      slug: `test-request-${randomBytes(4).toString("hex")}`,
      organisationId,
      status,
      titleNl: "Uitwisseling met een Duitse school",
      descriptionNl:
        "Onze groep 8 zoekt een partnerklas over de grens voor een uitwisseling in het voorjaar.",
      activityTypes: ["exchange_visit"],
      topics: ["neighbour_language"],
      ageGroups: ["age_6_11"],
      workingLanguages: ["nl", "de"],
      flexible: true,
      publishedAt: published ? new Date(Date.now() - 30 * DAY) : null,
      expiresAt: published ? new Date(Date.now() + 60 * DAY) : null,
      closedAt: status === "closed" || status === "matched" ? new Date() : null,
      ...overrides,
    },
  });
}
