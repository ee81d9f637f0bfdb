// GDPR: a user's data as JSON, and deleting an account so nothing of theirs stays reachable.
// Organisations left without an owner go to their longest-standing editor, or are archived.
import { verifyPassword } from "~/modules/auth/password.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { AppError } from "~/utils/errors.ts";

export async function exportPersonalData(userId: string) {
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      id: true,
      name: true,
      email: true,
      locale: true,
      role: true,
      emailVerifiedAt: true,
      createdAt: true,
      updatedAt: true,
      sessions: { select: { createdAt: true, expiresAt: true } },
      createdRequests: { select: { id: true, slug: true, organisationId: true, createdAt: true } },
      memberships: {
        select: {
          role: true,
          createdAt: true,
          organisation: {
            include: {
              languages: { select: { language: true, level: true } },
              requests: { omit: { createdById: true } },
              invitations: {
                select: { email: true, role: true, createdAt: true, expiresAt: true, acceptedAt: true },
              },
              memberships: { select: { role: true, createdAt: true, user: { select: { name: true } } } },
            },
            omit: { verifiedById: true },
          },
        },
      },
    },
  });
  const { memberships, sessions, createdRequests, ...profile } = user;
  return {
    exportedAt: new Date().toISOString(),
    profile,
    sessions,
    requestsCreated: createdRequests,
    organisations: memberships.map(({ role, createdAt, organisation: { invitations, ...organisation } }) => ({
      myRole: role,
      memberSince: createdAt,
      ...organisation,
      // Invitees' addresses are the owners' to see, as on the members page, not an editor's.
      ...(role === "owner" ? { invitations } : {}),
      logo: organisation.logoId ? `/logos/${organisation.logoId}` : null,
    })),
  };
}

export async function deleteAccount(userId: string, password: string) {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId } });
  if (!(await verifyPassword(user.passwordHash, password))) {
    throw new AppError(400, "common:validation.formHasErrors", { password: "auth:account.wrongPassword" });
  }
  await prisma.$transaction(async (tx) => {
    const owned = await tx.membership.findMany({
      where: { userId, role: "owner" },
      select: { organisationId: true },
    });
    for (const { organisationId } of owned) {
      const otherOwner = await tx.membership.findFirst({
        where: { organisationId, role: "owner", userId: { not: userId } },
      });
      if (otherOwner) continue;
      const successor = await tx.membership.findFirst({
        where: { organisationId, role: "editor", userId: { not: userId } },
        orderBy: { createdAt: "asc" },
      });
      if (successor) {
        await tx.membership.update({
          where: { organisationId_userId: { organisationId, userId: successor.userId } },
          data: { role: "owner" },
        });
      } else {
        await tx.organisation.update({ where: { id: organisationId }, data: { archivedAt: new Date() } });
        await tx.partnershipRequest.updateMany({
          where: { organisationId, status: { in: ["draft", "open"] } },
          data: { status: "closed", closedAt: new Date() },
        });
      }
    }
    await tx.invitation.deleteMany({ where: { email: user.email, acceptedAt: null } });
    await tx.outboxMail.deleteMany({ where: { to: user.email } });
    // Sessions, tokens and memberships go with the user (ON DELETE CASCADE).
    await tx.user.delete({ where: { id: userId } });
  });
  // Queued mail to the address, kept by pg-boss for a while, goes too.
  const [queue] = await prisma.$queryRaw<{ job: boolean; archive: boolean }[]>`
    SELECT to_regclass('pgboss.job') IS NOT NULL AS job, to_regclass('pgboss.archive') IS NOT NULL AS archive`;
  if (queue?.job) await prisma.$executeRaw`DELETE FROM pgboss.job WHERE data->>'to' = ${user.email}`;
  if (queue?.archive) await prisma.$executeRaw`DELETE FROM pgboss.archive WHERE data->>'to' = ${user.email}`;
}
