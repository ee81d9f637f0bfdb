// Partnership requests straight in the database: a complete one in any status, or a bare open one
// with one value for each browse filter (for the search and map tests), and words no other row holds.
import { randomBytes } from "node:crypto";
import type { Prisma } from "~/generated/prisma/client.ts";
import type { RequestStatus } from "~/modules/requests/lifecycle.ts";
import { recordNothing, type Database, type Recorder } from "./record.ts";

const DAY = 24 * 60 * 60 * 1000;

/** A word no other row holds. */
export const token = () => `t${randomBytes(5).toString("hex")}`;

type RequestOverrides = Partial<
  Omit<Prisma.PartnershipRequestUncheckedCreateInput, "organisationId" | "status">
>;

export function requestFactories(db: Database, record: Recorder = recordNothing) {
  async function insert(data: Prisma.PartnershipRequestUncheckedCreateInput) {
    const request = await db.partnershipRequest.create({ data });
    record({ table: "partnershipRequests", id: request.id });
    return request;
  }

  /** A request with sensible Dutch content; published statuses get a publication and an expiry. */
  async function createRequest(
    options: { organisationId: string; status?: RequestStatus } & RequestOverrides,
  ) {
    const { organisationId, status = "draft", ...overrides } = options;
    const published = status !== "draft";
    return insert({
      slug: `test-request-${token()}`,
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
    });
  }

  /** An open request published now, with a Dutch title and one value for each request filter. */
  async function createOpenRequest(
    organisationId: string,
    overrides: Partial<Omit<Prisma.PartnershipRequestUncheckedCreateInput, "organisationId">> = {},
  ) {
    return insert({
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
    });
  }

  return { createRequest, createOpenRequest };
}
