// Who may do what with an organisation. Every organisation-scoped mutation calls one of these with
// the signed-in user's id; an id from the client is never trusted on its own.
import type { MembershipRole } from "~/generated/prisma/enums.ts";
import type { SessionUser } from "~/modules/auth/session.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { AppError } from "~/utils/errors.ts";

export function isStaff(user: Pick<SessionUser, "role"> | null | undefined): boolean {
  return user?.role === "staff" || user?.role === "admin";
}

export async function getMembershipRole(
  organisationId: string,
  userId: string,
): Promise<MembershipRole | null> {
  const membership = await prisma.membership.findUnique({
    where: { organisationId_userId: { organisationId, userId } },
    select: { role: true },
  });
  return membership?.role ?? null;
}

/** Owners and editors may edit; 404 (not 403) for outsiders, so ids cannot be probed. */
export async function requireOrgEditor(organisationId: string, userId: string): Promise<MembershipRole> {
  const role = await getMembershipRole(organisationId, userId);
  if (!role) throw new AppError(404, "common:errors.notFoundText");
  return role;
}

export async function requireOrgOwner(organisationId: string, userId: string): Promise<void> {
  const role = await requireOrgEditor(organisationId, userId);
  if (role !== "owner") throw new AppError(403, "organisations:errors.ownerOnly");
}

/** An organisation may publish requests and start conversations only once staff verified it. */
export async function requireVerifiedOrganisation(organisationId: string): Promise<void> {
  const organisation = await prisma.organisation.findUnique({
    where: { id: organisationId },
    select: { status: true, archivedAt: true },
  });
  if (!organisation || organisation.archivedAt) throw new AppError(404, "common:errors.notFoundText");
  if (organisation.status !== "verified") throw new AppError(403, "organisations:errors.notVerified");
}
