// Which of a user's organisations matching speaks for: the verified, not archived ones, oldest
// membership first (so "their organisation" is the same one on every page).
import type { Prisma } from "~/generated/prisma/client.ts";

export function verifiedMemberships(userId: string) {
  return {
    where: { userId, organisation: { status: "verified", archivedAt: null } },
    orderBy: [{ createdAt: "asc" }, { organisationId: "asc" }],
  } satisfies Prisma.MembershipFindManyArgs;
}
