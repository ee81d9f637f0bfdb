// Organisations straight in the database, with an owner and any status, for organisation tests.
import { randomBytes } from "node:crypto";
import type { OrganisationInput } from "~/modules/organisations/schemas.ts";
import { prisma } from "~/utils/db.server.ts";

type Kind = "school" | "sports_club" | "cultural" | "historical_society" | "youth" | "other";

/** Nijmegen and Kleve, either side of the border. */
export const municipalityCodes = { NL: "GM0268", DE: "05154036" } as const;

export async function createOrganisation(
  options: Partial<{
    ownerId: string;
    status: "pending" | "verified" | "suspended";
    kind: Kind;
    municipalityCode: string;
    name: string;
    descriptionNl: string | null;
    descriptionDe: string | null;
    descriptionEn: string | null;
    archived: boolean;
  }> = {},
) {
  const municipality = await prisma.municipality.findUniqueOrThrow({
    where: { code: options.municipalityCode ?? municipalityCodes.NL },
  });
  const suffix = randomBytes(4).toString("hex");
  const status = options.status ?? "verified";
  return prisma.organisation.create({
    data: {
      slug: `organisation-${suffix}`,
      name: options.name ?? `Organisation ${suffix}`,
      kind: options.kind ?? "cultural",
      country: municipality.country,
      municipalityCode: municipality.code,
      lat: municipality.lat,
      lon: municipality.lon,
      descriptionNl:
        options.descriptionNl === undefined ? "Een organisatie uit de Euregio." : options.descriptionNl,
      descriptionDe: options.descriptionDe ?? null,
      descriptionEn: options.descriptionEn ?? null,
      status,
      verifiedAt: status === "verified" ? new Date() : null,
      archivedAt: options.archived ? new Date() : null,
      memberships: options.ownerId ? { create: { userId: options.ownerId, role: "owner" } } : undefined,
    },
  });
}

export async function addMember(organisationId: string, userId: string, role: "owner" | "editor" = "editor") {
  return prisma.membership.create({ data: { organisationId, userId, role } });
}

/** A valid, already parsed form input, as the create and edit forms produce it. */
export function organisationInput(overrides: Partial<OrganisationInput> = {}): OrganisationInput {
  return {
    kind: "school",
    schoolLevel: "secondary",
    sport: null,
    name: "Stedelijk Gymnasium Nijmegen",
    country: "NL",
    municipalityCode: municipalityCodes.NL,
    address: "Kwakkenbergweg 40, Nijmegen",
    descriptionNl: "Een gymnasium dat Duits als buurtaal aanbiedt.",
    descriptionDe: null,
    descriptionEn: null,
    sizeRange: "501-1000",
    website: "https://www.example.org",
    languages: [
      { language: "nl", level: "native" },
      { language: "de", level: "B1" },
    ],
    point: null,
    removeLogo: false,
    ...overrides,
  };
}
