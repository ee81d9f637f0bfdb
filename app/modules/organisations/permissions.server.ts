// A viewer's membership, for pages that anyone may open but members see more of (profiles, requests,
// logos). Acting for an organisation goes through the guards in access.server.ts instead.
import type { MembershipRole } from "~/generated/prisma/enums.ts";
import { prisma } from "~/utils/db.server.ts";

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
