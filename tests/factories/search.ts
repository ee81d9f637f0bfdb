// Rows for the search and map tests: open requests with typical filter values, and unique words.
import { randomBytes } from "node:crypto";
import type { Prisma } from "~/generated/prisma/client.ts";
import { prisma } from "~/utils/db.server.ts";

/** A word no other row holds. */
export const token = () => `t${randomBytes(5).toString("hex")}`;

/** An open, published request with a Dutch title and one value for each request filter. */
export async function createOpenRequest(
  organisationId: string,
  overrides: Partial<Prisma.PartnershipRequestUncheckedCreateInput> = {},
) {
  return prisma.partnershipRequest.create({
    data: {
      slug: `request-${token()}`,
      organisationId,
      status: "open",
      titleNl: "Partner gezocht",
      topics: ["music"],
      activityTypes: ["exchange_visit"],
      ageGroups: ["age_12_15"],
      workingLanguages: ["nl", "de"],
      publishedAt: new Date(),
      ...overrides,
    },
  });
}
