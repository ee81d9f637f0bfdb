// Writes the demo organisations with their languages, owners and requests. Ids, slugs and map points
// derive from stable keys, request dates from the day of the run, and rows are only written when they
// differ: a second run on the same day changes nothing, and a later run brings the demo back to its
// seeded state with fresh, open requests.
import { createHash } from "node:crypto";
import { isDeepStrictEqual } from "node:util";
import type { Prisma } from "../../app/generated/prisma/client.ts";
import { expiryFrom } from "../../app/modules/requests/lifecycle.ts";
import { prisma } from "../../app/utils/db.server.ts";
import { makeSlug } from "../../app/utils/slug.ts";
import { type DemoOrganisation, demoOrganisations, type LocalizedText } from "./organisations.ts";
import { type DemoRequest, demoRequests } from "./requests.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The demo organisations joined in May 2026 and were verified within days. */
const JOINED_FROM = Date.UTC(2026, 4, 4, 8);

/** Demo logins that own an organisation, so they can edit it and its requests. */
export const demoOwners: Record<string, string> = {
  "bs-de-klimop": "sanne@demo.euregio-partners.example",
  "sv-schwanenburg-kleve": "jonas@demo.euregio-partners.example",
  "historische-kring-nijmegen-benedenstad": "marieke@demo.euregio-partners.example",
};
const VERIFIER = "katrin@demo.euregio-partners.example";

export type DemoSummary = {
  organisations: number;
  pending: number;
  requests: Record<"open" | "draft" | "closed", number>;
  written: number;
};

function digest(name: string): Buffer {
  return createHash("sha256").update(`euregio-demo:${name}`).digest();
}

/** A UUID (version 8: custom) that is the same for the same name in every database. */
export function stableUuid(name: string): string {
  const bytes = digest(name);
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Six characters from the alphabet of randomSuffix, so demo slugs look like real ones. */
function stableSuffix(name: string): string {
  const alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
  return Array.from(digest(name).subarray(0, 6), (byte) => alphabet[byte % alphabet.length]).join("");
}

/** A number in [-1, 1) that is fixed for the name. */
function stableOffset(name: string): number {
  return digest(name).readUInt32BE(0) / 2 ** 31 - 1;
}

const roundTo5 = (value: number) => Math.round(value * 1e5) / 1e5;

function firstText(text: LocalizedText, country: "NL" | "DE"): string {
  const first = country === "NL" ? (text.nl ?? text.de) : (text.de ?? text.nl);
  const value = first ?? text.en;
  if (!value) throw new Error("a demo text needs at least one language");
  return value;
}

/** The slug a demo organisation gets from its key (and its name). */
export function demoOrganisationSlug(organisation: DemoOrganisation): string {
  return makeSlug(organisation.name, stableSuffix(`organisation:${organisation.key}`));
}

function organisationRow(
  organisation: DemoOrganisation,
  index: number,
  place: { country: "NL" | "DE"; lat: number; lon: number },
  verifierId: string,
  today: number,
) {
  const slug = demoOrganisationSlug(organisation);
  const createdAt = organisation.pending
    ? new Date(today - (2 + (index % 3)) * DAY + 10 * HOUR)
    : new Date(JOINED_FROM + index * 7 * HOUR);
  return {
    slug,
    kind: organisation.kind,
    schoolLevel: organisation.schoolLevel ?? null,
    sport: organisation.sport ?? null,
    name: organisation.name,
    country: place.country,
    municipalityCode: organisation.municipalityCode,
    address: organisation.address,
    // Within about a kilometre of the municipality's centre, so markers do not sit on top of each other.
    lat: roundTo5(place.lat + 0.012 * stableOffset(`lat:${organisation.key}`)),
    lon: roundTo5(place.lon + 0.018 * stableOffset(`lon:${organisation.key}`)),
    descriptionNl: organisation.description.nl ?? null,
    descriptionDe: organisation.description.de ?? null,
    descriptionEn: organisation.description.en ?? null,
    sizeRange: organisation.sizeRange,
    website: organisation.hasWebsite === false ? null : `https://example.org/${organisation.key}`,
    status: organisation.pending ? ("pending" as const) : ("verified" as const),
    verifiedAt: organisation.pending ? null : new Date(createdAt.getTime() + 2 * DAY),
    verifiedById: organisation.pending ? null : verifierId,
    archivedAt: null,
    createdAt,
  };
}

function requestRow(
  request: DemoRequest,
  index: number,
  slug: string,
  organisationId: string,
  createdById: string | null,
  today: number,
) {
  const status: NonNullable<DemoRequest["status"]> | "open" = request.status ?? "open";
  // Spread over the last eight weeks, so every open request is well inside its three months.
  const daysAgo = status === "closed" ? 58 : 1 + ((index * 13) % 57);
  const published = today - daysAgo * DAY + (8 + (index % 9)) * HOUR;
  const month = new Date(today);
  const [startsIn, months] = request.period ?? [];
  return {
    slug,
    organisationId,
    status,
    titleNl: request.title.nl ?? null,
    titleDe: request.title.de ?? null,
    titleEn: request.title.en ?? null,
    descriptionNl: request.description.nl ?? null,
    descriptionDe: request.description.de ?? null,
    descriptionEn: request.description.en ?? null,
    activityTypes: request.activityTypes,
    topics: request.topics,
    ageGroups: request.ageGroups,
    partnerKinds: request.partnerKinds,
    workingLanguages: request.workingLanguages,
    groupSizeMin: request.groupSize?.[0] ?? null,
    groupSizeMax: request.groupSize?.[1] ?? null,
    startsOn:
      startsIn === undefined
        ? null
        : new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + startsIn, 1)),
    endsOn:
      startsIn === undefined || months === undefined
        ? null
        : new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + startsIn + months, 0)),
    flexible: request.period === undefined,
    radiusKm: request.radiusKm ?? 50,
    crossBorderOnly: request.crossBorderOnly ?? true,
    publishedAt: status === "draft" ? null : new Date(published),
    expiresAt: status === "draft" ? null : expiryFrom(new Date(published)),
    renewalNotifiedAt: null,
    closedAt: status === "closed" ? new Date(today - 12 * DAY + 15 * HOUR) : null,
    createdById,
    createdAt: new Date(status === "draft" ? today - 5 * DAY + 14 * HOUR : published - DAY),
  };
}

function changed(current: Record<string, unknown>, wanted: Record<string, unknown>): boolean {
  return Object.entries(wanted).some(([key, value]) => !isDeepStrictEqual(current[key], value));
}

export async function seedDemoOrganisations(now: Date): Promise<DemoSummary> {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const users = await prisma.user.findMany({
    where: { email: { in: [VERIFIER, ...Object.values(demoOwners)] } },
    select: { id: true, email: true },
  });
  const userId = new Map(users.map((user) => [user.email, user.id]));
  const verifierId = userId.get(VERIFIER);
  if (!verifierId) throw new Error(`the demo staff user ${VERIFIER} is missing`);

  const codes = [...new Set(demoOrganisations.map((organisation) => organisation.municipalityCode))];
  const places = new Map(
    (
      await prisma.municipality.findMany({
        where: { code: { in: codes }, member: true },
        select: { code: true, country: true, lat: true, lon: true },
      })
    ).map((place) => [place.code, place]),
  );

  const organisations = demoOrganisations.map((organisation, index) => {
    const place = places.get(organisation.municipalityCode);
    if (!place) {
      throw new Error(`${organisation.key}: ${organisation.municipalityCode} is not a member municipality`);
    }
    return {
      key: organisation.key,
      row: organisationRow(organisation, index, place, verifierId, today),
    };
  });
  const countryOf = new Map(organisations.map(({ key, row }) => [key, row.country]));
  const requestNumber = new Map<string, number>();
  const requests = demoRequests.map((request, index) => {
    const country = countryOf.get(request.organisation);
    if (!country) throw new Error(`a demo request names an unknown organisation: ${request.organisation}`);
    const number = requestNumber.get(request.organisation) ?? 0;
    requestNumber.set(request.organisation, number + 1);
    const slug = makeSlug(
      firstText(request.title, country),
      stableSuffix(`request:${request.organisation}:${number}`),
    );
    return { request, index, slug };
  });

  return prisma.$transaction(
    async (tx) => {
      let written = 0;
      const existing = new Map(
        (
          await tx.organisation.findMany({
            where: { slug: { in: organisations.map(({ row }) => row.slug) } },
          })
        ).map((organisation) => [organisation.slug, organisation]),
      );
      const missing = organisations.filter(({ row }) => !existing.has(row.slug));
      await tx.organisation.createMany({
        data: missing.map(({ row }) => ({ id: stableUuid(`organisation:${row.slug}`), ...row })),
      });
      written += missing.length;
      for (const { row } of organisations) {
        const current = existing.get(row.slug);
        if (current && changed(current, row)) {
          await tx.organisation.update({ where: { slug: row.slug }, data: row });
          written += 1;
        }
      }
      const idOf = new Map(
        (
          await tx.organisation.findMany({
            where: { slug: { in: organisations.map(({ row }) => row.slug) } },
            select: { id: true, slug: true },
          })
        ).map((organisation) => [organisation.slug, organisation.id]),
      );
      const organisationId = new Map(organisations.map(({ key, row }) => [key, idOf.get(row.slug)!]));

      written += await syncLanguages(tx, organisationId);

      const memberships = Object.entries(demoOwners).flatMap(([key, email]) => {
        const user = userId.get(email);
        return user
          ? [{ organisationId: organisationId.get(key)!, userId: user, role: "owner" as const }]
          : [];
      });
      written += (await tx.membership.createMany({ data: memberships, skipDuplicates: true })).count;

      const requestRows = requests.map(({ request, index, slug }) => {
        const owner = demoOwners[request.organisation];
        return requestRow(
          request,
          index,
          slug,
          organisationId.get(request.organisation)!,
          (owner && userId.get(owner)) ?? null,
          today,
        );
      });
      const existingRequests = new Map(
        (
          await tx.partnershipRequest.findMany({
            where: { slug: { in: requestRows.map((row) => row.slug) } },
          })
        ).map((request) => [request.slug, request]),
      );
      const newRequests = requestRows.filter((row) => !existingRequests.has(row.slug));
      await tx.partnershipRequest.createMany({
        data: newRequests.map((row) => ({ id: stableUuid(`request:${row.slug}`), ...row })),
      });
      written += newRequests.length;
      for (const row of requestRows) {
        const current = existingRequests.get(row.slug);
        if (current && changed(current, row)) {
          await tx.partnershipRequest.update({ where: { slug: row.slug }, data: row });
          written += 1;
        }
      }

      const count = (status: string) => requestRows.filter((row) => row.status === status).length;
      return {
        organisations: organisations.length,
        pending: organisations.filter(({ row }) => row.status === "pending").length,
        requests: { open: count("open"), draft: count("draft"), closed: count("closed") },
        written,
      };
    },
    { timeout: 60_000 },
  );
}

/** Makes each demo organisation's languages exactly the seeded ones; returns how many rows it wrote. */
async function syncLanguages(tx: Prisma.TransactionClient, organisationId: Map<string, string>) {
  const wanted = demoOrganisations.flatMap((organisation) =>
    Object.entries(organisation.languages).map(([language, level]) => ({
      organisationId: organisationId.get(organisation.key)!,
      language,
      level,
    })),
  );
  const ids = [...organisationId.values()];
  const current = await tx.organisationLanguage.findMany({ where: { organisationId: { in: ids } } });
  const asKey = (row: { organisationId: string; language: string; level: string }) =>
    `${row.organisationId} ${row.language} ${row.level}`;
  const currentKeys = new Set(current.map(asKey));
  const wantedKeys = new Set(wanted.map(asKey));
  const stale = new Set(
    [
      ...current.filter((row) => !wantedKeys.has(asKey(row))),
      ...wanted.filter((row) => !currentKeys.has(asKey(row))),
    ].map((row) => row.organisationId),
  );
  if (stale.size === 0) return 0;
  await tx.organisationLanguage.deleteMany({ where: { organisationId: { in: [...stale] } } });
  const rows = wanted.filter((row) => stale.has(row.organisationId));
  await tx.organisationLanguage.createMany({ data: rows });
  return rows.length;
}
