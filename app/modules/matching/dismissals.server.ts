// "Don't suggest again" and "suggest again": any member of an organisation may hide a suggested
// partner from its suggestions and bring it back. The organisations are named by slug, as the form
// sends them; a forged or foreign one is refused, never trusted.
import { prisma } from "~/utils/db.server.ts";
import { AppError } from "~/utils/errors.ts";

async function ownOrganisation(userId: string, slug: string) {
  const organisation = await prisma.organisation.findUnique({
    where: { slug },
    select: { id: true, memberships: { where: { userId }, select: { role: true } } },
  });
  if (!organisation) throw new AppError(404, "matching:errors.unknownOrganisation");
  if (!organisation.memberships.length) throw new AppError(403, "matching:errors.notMember");
  return organisation.id;
}

async function partner(slug: string) {
  const organisation = await prisma.organisation.findUnique({ where: { slug }, select: { id: true } });
  if (!organisation) throw new AppError(404, "matching:errors.unknownOrganisation");
  return organisation.id;
}

export async function dismissSuggestion(userId: string, input: { organisation: string; partner: string }) {
  const [organisationId, dismissedOrganisationId] = await Promise.all([
    ownOrganisation(userId, input.organisation),
    partner(input.partner),
  ]);
  if (organisationId === dismissedOrganisationId) throw new AppError(400, "matching:errors.itself");
  // A second click (or two at once) leaves the one row.
  await prisma.suggestionDismissal.upsert({
    where: { organisationId_dismissedOrganisationId: { organisationId, dismissedOrganisationId } },
    create: { organisationId, dismissedOrganisationId, dismissedById: userId },
    update: {},
  });
}

export async function restoreSuggestion(userId: string, input: { organisation: string; partner: string }) {
  const [organisationId, dismissedOrganisationId] = await Promise.all([
    ownOrganisation(userId, input.organisation),
    partner(input.partner),
  ]);
  await prisma.suggestionDismissal.deleteMany({ where: { organisationId, dismissedOrganisationId } });
}

/** Per organisation of these, the partners its members dismissed, newest first. */
export async function dismissedBy(organisationIds: string[]) {
  const rows = await prisma.suggestionDismissal.findMany({
    where: { organisationId: { in: organisationIds } },
    orderBy: { createdAt: "desc" },
    select: { organisationId: true, dismissed: { select: { id: true, slug: true, name: true } } },
  });
  const grouped = new Map<string, { id: string; slug: string; name: string }[]>();
  for (const row of rows)
    grouped.set(row.organisationId, [...(grouped.get(row.organisationId) ?? []), row.dismissed]);
  return grouped;
}
