// What a page may show of a partnership request: an explicit selection, never the whole row (which
// holds who created it, when the renewal mail went out, and the search columns).
import type { Prisma } from "~/generated/prisma/client.ts";

export const requestViewSelect = {
  slug: true,
  status: true,
  titleNl: true,
  titleDe: true,
  titleEn: true,
  descriptionNl: true,
  descriptionDe: true,
  descriptionEn: true,
  activityTypes: true,
  topics: true,
  ageGroups: true,
  partnerKinds: true,
  workingLanguages: true,
  groupSizeMin: true,
  groupSizeMax: true,
  startsOn: true,
  endsOn: true,
  flexible: true,
  radiusKm: true,
  crossBorderOnly: true,
  publishedAt: true,
  expiresAt: true,
  closedAt: true,
  createdAt: true,
} as const satisfies Prisma.PartnershipRequestSelect;

export type RequestView = Prisma.PartnershipRequestGetPayload<{ select: typeof requestViewSelect }>;
