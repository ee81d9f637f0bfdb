// Organisations straight in the database, with members, languages and any status, and the parsed
// form input the create and edit forms produce.
import { randomBytes } from "node:crypto";
import type { Prisma } from "~/generated/prisma/client.ts";
import type { OrganisationInput } from "~/modules/organisations/schemas.ts";
import { recordNothing, type Database, type Recorder } from "./record.ts";

/** Nijmegen and Kleve, either side of the border. */
export const municipalityCodes = { NL: "GM0268", DE: "05154036" } as const;

type Role = "owner" | "editor";

export type OrganisationOptions = Partial<
  Omit<Prisma.OrganisationUncheckedCreateInput, "languages" | "memberships" | "country">
> & {
  /** Nijmegen, or Kleve for country "DE", unless a municipality is named. */
  country?: "NL" | "DE";
  /** [lon, lat]; the municipality's centre without it. */
  at?: [number, number];
  /** Codes at level B1, or with their level. */
  languages?: (string | { language: string; level: string })[];
  ownerId?: string;
  members?: { userId: string; role: Role; since?: Date }[];
  archived?: boolean;
};

export function organisationFactories(db: Database, record: Recorder = recordNothing) {
  /** A verified organisation in Nijmegen with a Dutch description, unless told otherwise. */
  async function createOrganisation(options: OrganisationOptions = {}) {
    const { country, at, languages = [], ownerId, members = [], archived, ...overrides } = options;
    const municipality = await db.municipality.findUniqueOrThrow({
      where: { code: overrides.municipalityCode ?? municipalityCodes[country ?? "NL"] },
    });
    const suffix = randomBytes(4).toString("hex");
    const status = overrides.status ?? "verified";
    const everyMember = [...(ownerId ? [{ userId: ownerId, role: "owner" as const }] : []), ...members];
    const organisation = await db.organisation.create({
      data: {
        slug: `organisation-${suffix}`,
        name: `Organisation ${suffix}`,
        kind: "cultural",
        descriptionNl: "Een organisatie uit de Euregio.",
        verifiedAt: status === "verified" ? new Date() : null,
        archivedAt: archived ? new Date() : null,
        ...overrides,
        status,
        country: municipality.country,
        municipalityCode: municipality.code,
        lon: at?.[0] ?? municipality.lon,
        lat: at?.[1] ?? municipality.lat,
        languages: languages.length
          ? {
              create: languages.map((language) =>
                typeof language === "string" ? { language, level: "B1" } : language,
              ),
            }
          : undefined,
        memberships: everyMember.length
          ? { create: everyMember.map(({ userId, role, since }) => ({ userId, role, createdAt: since })) }
          : undefined,
      },
    });
    record({ table: "organisations", id: organisation.id });
    return organisation;
  }

  async function addMember(organisationId: string, userId: string, role: Role = "editor") {
    return db.membership.create({ data: { organisationId, userId, role } });
  }

  return { createOrganisation, addMember };
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
