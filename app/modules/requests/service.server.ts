// Partnership requests: drafts, publishing, the lifecycle (matched, closed, renewed, deleted), the
// one-click renewal link, and who may read or change which request. Every change is scoped by the
// organisation the stored request belongs to, never by an id the client sends.
import type { PartnershipRequest } from "~/generated/prisma/client.ts";
import { isStaff } from "~/modules/auth/roles.ts";
import type { SessionUser } from "~/modules/auth/session.server.ts";
import { locales } from "~/modules/i18n/config.ts";
import {
  assertAccess,
  requireVerified,
  type OrgAccess,
  type RequestAccess,
} from "~/modules/organisations/access.server.ts";
import { getMembershipRole } from "~/modules/organisations/permissions.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { AppError } from "~/utils/errors.ts";
import { makeSlug, randomSuffix } from "~/utils/slug.ts";
import {
  allowedStatuses,
  availableActions,
  canPerform,
  expiryFrom,
  isPublic,
  isRenewable,
  type RequestAction,
} from "./lifecycle.ts";
import { renewalTokenRequestId, signRenewedToken, verifyRenewalToken } from "./renewal-token.server.ts";
import { titleField } from "./fields.ts";
import type { RequestInput } from "./schemas.ts";
import { requestViewSelect, type RequestView } from "./views.ts";

type Viewer = Pick<SessionUser, "id" | "role">;

const notFound = () => new AppError(404, "common:errors.notFoundText");
const invalidRenewalLink = () => new AppError(400, "requests:renew.invalidLink");

function columns(input: RequestInput) {
  return {
    titleNl: input.titleNl,
    titleDe: input.titleDe,
    titleEn: input.titleEn,
    descriptionNl: input.descriptionNl,
    descriptionDe: input.descriptionDe,
    descriptionEn: input.descriptionEn,
    activityTypes: input.activityTypes,
    topics: input.topics,
    ageGroups: input.ageGroups,
    partnerKinds: input.partnerKinds,
    workingLanguages: input.workingLanguages,
    groupSizeMin: input.groupSizeMin ?? null,
    groupSizeMax: input.groupSizeMax ?? null,
    startsOn: input.startsOn ?? null,
    endsOn: input.endsOn ?? null,
    flexible: input.flexible,
    radiusKm: input.radiusKm,
    crossBorderOnly: input.crossBorderOnly,
  };
}

function publication(now: Date) {
  return { status: "open" as const, publishedAt: now, expiresAt: expiryFrom(now), renewalNotifiedAt: null };
}

/** Publishing needs a verified organisation; the refusal says so in the request's own words. */
function requireMayPublish(access: OrgAccess) {
  requireVerified(access, "requests:errors.notVerified");
}

/** The guarded request, if its status (as the guard read it) allows the action. */
function allow(access: RequestAccess, action: RequestAction) {
  assertAccess(access);
  if (!canPerform(action, access.request.status)) throw new AppError(409, "requests:errors.wrongStatus");
  return { id: access.request.id, organisationId: access.organisation.id };
}

/** Changes a request only if its status still allows the action (another tab may have moved it). */
async function applyAction(
  request: Pick<PartnershipRequest, "id" | "organisationId">,
  action: RequestAction,
  data: Parameters<typeof prisma.partnershipRequest.updateMany>[0]["data"],
) {
  const { count } = await prisma.partnershipRequest.updateMany({
    where: {
      id: request.id,
      organisationId: request.organisationId,
      status: { in: allowedStatuses(action) },
    },
    data,
  });
  if (count !== 1) throw new AppError(409, "requests:errors.wrongStatus");
}

/** Organisations the user may write requests for, to choose from. */
export async function listOrganisationsForRequests(userId: string) {
  const memberships = await prisma.membership.findMany({
    where: { userId, organisation: { archivedAt: null } },
    select: { organisation: { select: { slug: true, name: true, status: true } } },
    orderBy: { organisation: { name: "asc" } },
  });
  return memberships.map((membership) => membership.organisation);
}

/** Saves a new request as a draft, or publishes it at once when the organisation is verified. */
export async function createRequest(
  access: OrgAccess,
  input: RequestInput,
  options: { publish?: boolean } = {},
) {
  assertAccess(access);
  if (options.publish) requireMayPublish(access);
  const organisationId = access.organisation.id;
  const title = locales.map((locale) => input[titleField(locale)]).find(Boolean) ?? "";
  return prisma.partnershipRequest.create({
    data: {
      ...columns(input),
      slug: makeSlug(title, randomSuffix()),
      organisationId,
      createdById: access.actor.id,
      ...(options.publish ? publication(new Date()) : { status: "draft" as const }),
    },
    select: { id: true, slug: true, status: true, expiresAt: true },
  });
}

export async function updateRequest(access: RequestAccess, input: RequestInput) {
  await applyAction(allow(access, "edit"), "edit", columns(input));
}

export async function publishRequest(access: RequestAccess) {
  const request = allow(access, "publish");
  requireMayPublish(access);
  await applyAction(request, "publish", publication(new Date()));
}

export async function markRequestMatched(access: RequestAccess) {
  await applyAction(allow(access, "match"), "match", { status: "matched", closedAt: new Date() });
}

export async function closeRequest(access: RequestAccess) {
  await applyAction(allow(access, "close"), "close", { status: "closed", closedAt: new Date() });
}

/** Keeps an open request online for three more months from today. */
export async function renewRequest(access: RequestAccess) {
  const request = allow(access, "renew");
  const now = new Date();
  // Only in the last weeks: a renewal the day after publishing would add nothing.
  if (!isRenewable(access.request.status, access.request.expiresAt, now)) {
    throw new AppError(409, "requests:errors.notRenewableYet");
  }
  const expiresAt = expiryFrom(now);
  await applyAction(request, "renew", { expiresAt, renewalNotifiedAt: null });
  return { expiresAt };
}

/** Deletes a draft; published requests are closed instead, so partners never lose what they saw. */
export async function deleteDraft(access: RequestAccess) {
  const request = allow(access, "delete");
  const { count } = await prisma.partnershipRequest.deleteMany({
    where: { id: request.id, organisationId: request.organisationId, status: "draft" },
  });
  if (count !== 1) throw new AppError(409, "requests:errors.wrongStatus");
  return { organisationSlug: access.organisation.slug };
}

/** A request for its edit form: drafts and open requests, for owners and editors only. */
export async function getRequestForEdit(access: RequestAccess) {
  const { id } = allow(access, "edit");
  const request = await prisma.partnershipRequest.findUniqueOrThrow({
    where: { id },
    select: requestViewSelect,
  });
  const { slug, name, status } = access.organisation;
  return { request, organisation: { slug, name, status } };
}

/**
 * A request as the viewer may see it: public when open or matched at a verified organisation;
 * drafts, closed and expired requests only for the organisation's members and staff. Everyone else
 * gets 404, so unpublished slugs cannot be probed.
 */
export async function getRequestForViewer(slug: string, viewer: Viewer | null) {
  const request = await prisma.partnershipRequest.findUnique({
    where: { slug },
    select: {
      ...requestViewSelect,
      organisationId: true,
      organisation: {
        select: {
          id: true,
          slug: true,
          name: true,
          kind: true,
          country: true,
          status: true,
          archivedAt: true,
          municipality: { select: { name: true, nameNl: true, nameDe: true } },
        },
      },
    },
  });
  // Prisma reads the organisation in a second query: one deleted in between (its requests go with
  // it) leaves the request without one, which is a request that no longer exists, not a 500.
  if (!request?.organisation) throw notFound();
  const role = viewer ? await getMembershipRole(request.organisationId, viewer.id) : null;
  if (!isPublic(request.status, request.organisation) && !role && !isStaff(viewer)) throw notFound();
  const { organisation, organisationId: _organisationId, ...view } = request;
  return {
    request: view satisfies RequestView,
    organisation: {
      slug: organisation.slug,
      name: organisation.name,
      kind: organisation.kind,
      country: organisation.country,
      status: organisation.status,
      municipality: organisation.municipality,
    },
    isPublic: isPublic(request.status, request.organisation),
    actions: role ? availableActions(request.status, request.expiresAt) : [],
  };
}

async function findByRenewalToken(
  token: string,
  purpose: "renew-request" | "renewed-request" = "renew-request",
) {
  const id = renewalTokenRequestId(token);
  if (!id) throw invalidRenewalLink();
  const request = await prisma.partnershipRequest.findUnique({ where: { id } });
  if (
    !request ||
    request.status !== "open" ||
    !request.expiresAt ||
    !verifyRenewalToken(
      getEnv().SESSION_SECRET,
      token,
      { id: request.id, expiresAt: request.expiresAt },
      purpose,
    )
  ) {
    throw invalidRenewalLink();
  }
  return { ...request, expiresAt: request.expiresAt };
}

function renewalSummary(request: PartnershipRequest, expiresAt: Date) {
  return {
    slug: request.slug,
    titles: { nl: request.titleNl, de: request.titleDe, en: request.titleEn },
    expiresAt,
  };
}

/** What a renewal link points to, without using it (the page asks for one click first). */
export async function checkRenewalToken(token: string) {
  const request = await findByRenewalToken(token);
  return renewalSummary(request, request.expiresAt);
}

/** The request a renewal just renewed, named by the token its answer carries (signRenewedToken). */
export async function checkRenewedToken(token: string) {
  const request = await findByRenewalToken(token, "renewed-request");
  return renewalSummary(request, request.expiresAt);
}

/**
 * Renews the request a mailed link names. The link is signed over the current expiry, which the
 * renewal moves, and the update only matches that expiry: a link works once, even under a race.
 * Returns the summary and the token that shows the renewed request (for the page it redirects to).
 */
export async function renewWithToken(token: string) {
  const request = await findByRenewalToken(token);
  const expiresAt = expiryFrom(new Date());
  const { count } = await prisma.partnershipRequest.updateMany({
    where: { id: request.id, status: "open", expiresAt: request.expiresAt },
    data: { expiresAt, renewalNotifiedAt: null },
  });
  if (count !== 1) throw invalidRenewalLink();
  return {
    ...renewalSummary(request, expiresAt),
    renewedToken: signRenewedToken(getEnv().SESSION_SECRET, request.id, expiresAt),
  };
}
