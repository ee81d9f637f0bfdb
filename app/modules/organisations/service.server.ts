// Organisations: profiles, their visibility, logos, memberships, invitations and verification.
// Every function that acts for a user checks that user's membership here, scoped by organisation id.
import type { Prisma } from "~/generated/prisma/client.ts";
import type { VerificationStatus } from "~/generated/prisma/enums.ts";
import { consume, type RateLimitRule } from "~/modules/auth/rate-limit.server.ts";
import type { SessionUser } from "~/modules/auth/session.server.ts";
import { isStaff } from "~/modules/auth/roles.ts";
import { generateToken, hashToken } from "~/modules/auth/tokens.ts";
import { localePath, type Locale } from "~/modules/i18n/config.ts";
import { enqueueMail } from "~/modules/mail/queue.server.ts";
import { renderMail } from "~/modules/mail/templates.server.ts";
import { isWithin } from "~/modules/places/boundaries.ts";
import {
  municipalityBoundary,
  requireMunicipality,
  type Municipality,
} from "~/modules/places/municipalities.server.ts";
import { samePoint, type Point } from "~/modules/places/points.ts";
import { languages as languageOrder } from "~/modules/taxonomy/taxonomy.ts";
import { prisma } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { AppError } from "~/utils/errors.ts";
import { makeSlug, randomSuffix } from "~/utils/slug.ts";
import { processLogo } from "./logo.server.ts";
import { assertAccess, type OrgAccess } from "./access.server.ts";
import { notifyStaffOfRegistration } from "./pending.server.ts";
import { getMembershipRole } from "./permissions.server.ts";
import type { OrganisationInput } from "./schemas.ts";

const DAY = 24 * 60 * 60 * 1000;
const INVITATION_LIFETIME = 7 * DAY;
const invitationsPerUser: RateLimitRule = { name: "invite:user", limit: 20, windowSeconds: 60 * 60 };

export type Viewer = Pick<SessionUser, "id" | "role"> | null;

const notFound = () => new AppError(404, "common:errors.notFoundText");

/** The gazetteer entry the form named, which must lie in the country the form named. */
function requireFormMunicipality(input: Pick<OrganisationInput, "municipalityCode" | "country">) {
  return requireMunicipality(input.municipalityCode, {
    field: "municipalityCode",
    message: "organisations:errors.municipality",
    summary: "common:validation.formHasErrors",
    country: input.country,
  });
}

/** The point picked on the map, which must lie within the municipality; without one, its centroid. */
async function placeIn(municipality: Municipality, point: Point | null): Promise<Point> {
  if (!point) return { lat: municipality.lat, lon: municipality.lon };
  const boundary = await municipalityBoundary(municipality.code);
  if (!boundary || !isWithin(point, boundary)) {
    throw new AppError(400, "common:validation.formHasErrors", {
      location: "organisations:errors.pointOutside",
    });
  }
  return point;
}

function profileFields(input: OrganisationInput) {
  return {
    kind: input.kind,
    schoolLevel: input.schoolLevel,
    sport: input.sport,
    name: input.name,
    country: input.country,
    municipalityCode: input.municipalityCode,
    address: input.address,
    descriptionNl: input.descriptionNl,
    descriptionDe: input.descriptionDe,
    descriptionEn: input.descriptionEn,
    sizeRange: input.sizeRange,
    website: input.website,
  };
}

/** The logo is checked and re-encoded before anything is written, so a bad file saves nothing. */
export async function createOrganisation(
  userId: string,
  input: OrganisationInput,
  logoBytes: Uint8Array | null = null,
) {
  const municipality = await requireFormMunicipality(input);
  const point = await placeIn(municipality, input.point);
  const logo = logoBytes ? await processLogo(logoBytes) : null;
  const created = await prisma.$transaction(async (tx) => {
    const logoRow = logo ? await tx.organisationLogo.create({ data: logo, select: { id: true } }) : null;
    return tx.organisation.create({
      data: {
        ...profileFields(input),
        slug: makeSlug(input.name, randomSuffix()),
        ...point,
        logoId: logoRow?.id ?? null,
        languages: { create: input.languages },
        memberships: { create: { userId, role: "owner" } },
      },
      select: { id: true, slug: true, status: true, name: true, kind: true, municipalityCode: true },
    });
  });
  if (created.status === "pending") await notifyStaffOfRegistration(created);
  return { id: created.id, slug: created.slug, status: created.status };
}

/**
 * On update, a point that was not moved stays where it is, or, when the municipality changed, goes to
 * the new centroid (a form without JavaScript sends the old point back unchanged); a moved one is checked.
 */
async function updatedPoint(
  current: Point & { municipalityCode: string },
  municipality: Municipality,
  point: Point | null,
): Promise<Point | Record<string, never>> {
  const unmoved = !point || samePoint(point, current);
  if (municipality.code !== current.municipalityCode) return placeIn(municipality, unmoved ? null : point);
  return unmoved ? {} : placeIn(municipality, point);
}

export async function updateOrganisation(
  access: OrgAccess,
  input: OrganisationInput,
  logoBytes: Uint8Array | null = null,
) {
  assertAccess(access);
  const organisationId = access.organisation.id;
  const current = await prisma.organisation.findUniqueOrThrow({
    where: { id: organisationId },
    select: { municipalityCode: true, lat: true, lon: true },
  });
  const municipality = await requireFormMunicipality(input);
  const point = await updatedPoint(current, municipality, input.point);
  const logo = logoBytes ? await processLogo(logoBytes) : null;
  await prisma.$transaction(async (tx) => {
    // One save of an organisation after the other: two at once both deleted its languages and then
    // both inserted them (a unique violation, a 500 in the fuzz run), or both deleted the old logo.
    const [locked] = await tx.$queryRaw<{ logo_id: string | null }[]>`
      SELECT logo_id::text FROM organisations WHERE id = ${organisationId}::uuid FOR UPDATE`;
    const currentLogoId = locked?.logo_id ?? null;
    let logoId = currentLogoId;
    if (logo || input.removeLogo) {
      if (currentLogoId) await tx.organisationLogo.delete({ where: { id: currentLogoId } });
      logoId = logo ? (await tx.organisationLogo.create({ data: logo, select: { id: true } })).id : null;
    }
    await tx.organisationLanguage.deleteMany({ where: { organisationId } });
    await tx.organisation.update({
      where: { id: organisationId },
      data: { ...profileFields(input), ...point, logoId, languages: { create: input.languages } },
    });
  });
}

export async function listMyOrganisations(userId: string) {
  const memberships = await prisma.membership.findMany({
    where: { userId, organisation: { archivedAt: null } },
    select: {
      role: true,
      organisation: { select: { id: true, slug: true, name: true, kind: true, status: true } },
    },
    orderBy: { createdAt: "asc" },
  });
  return memberships.map(({ role, organisation }) => ({ ...organisation, role }));
}

/** Everything the edit form shows, for owners and editors only. */
export async function getOrganisationForEditing(access: OrgAccess) {
  assertAccess(access);
  return prisma.organisation.findUniqueOrThrow({
    where: { id: access.organisation.id },
    select: {
      slug: true,
      logoId: true,
      kind: true,
      schoolLevel: true,
      sport: true,
      name: true,
      country: true,
      municipalityCode: true,
      lat: true,
      lon: true,
      address: true,
      descriptionNl: true,
      descriptionDe: true,
      descriptionEn: true,
      sizeRange: true,
      website: true,
      languages: { select: { language: true, level: true } },
    },
  });
}

function byTaxonomyOrder(a: { language: string }, b: { language: string }) {
  const rank = (language: string) => (languageOrder as readonly string[]).indexOf(language);
  return rank(a.language) - rank(b.language);
}

/**
 * A profile as the viewer may see it: anyone sees a verified organisation; a pending or suspended one
 * exists only for its members and staff (404 for others). Address and drafts are for members only.
 */
export async function getOrganisationProfile(slug: string, viewer: Viewer) {
  const organisation = await prisma.organisation.findUnique({
    where: { slug },
    include: {
      municipality: { select: { code: true, name: true, nameNl: true, nameDe: true } },
      languages: { select: { language: true, level: true } },
    },
  });
  if (!organisation) throw notFound();
  const role = viewer ? await getMembershipRole(organisation.id, viewer.id) : null;
  const staff = isStaff(viewer);
  const isPublic = organisation.status === "verified" && !organisation.archivedAt;
  if (!isPublic && !role && !staff) throw notFound();

  const requests = await prisma.partnershipRequest.findMany({
    where: { organisationId: organisation.id, status: role ? { in: ["open", "draft"] } : "open" },
    select: { slug: true, status: true, titleNl: true, titleDe: true, titleEn: true },
    orderBy: { createdAt: "desc" },
  });
  const titled = (status: "open" | "draft") =>
    requests
      .filter((request) => request.status === status)
      .map((request) => ({
        slug: request.slug,
        title: { nl: request.titleNl, de: request.titleDe, en: request.titleEn },
      }));

  return {
    id: organisation.id,
    slug: organisation.slug,
    name: organisation.name,
    kind: organisation.kind,
    schoolLevel: organisation.schoolLevel,
    sport: organisation.sport,
    country: organisation.country,
    municipality: organisation.municipality,
    address: role || staff ? organisation.address : null,
    description: {
      nl: organisation.descriptionNl,
      de: organisation.descriptionDe,
      en: organisation.descriptionEn,
    },
    languages: [...organisation.languages].sort(byTaxonomyOrder),
    sizeRange: organisation.sizeRange,
    website: organisation.website,
    logoId: organisation.logoId,
    status: organisation.status,
    viewerRole: role,
    viewerIsStaff: staff,
    openRequests: titled("open"),
    draftRequests: role ? titled("draft") : [],
  };
}

/** Staff verify or suspend an organisation; every change is in the audit log. */
export async function setVerificationStatus(
  access: OrgAccess,
  status: Exclude<VerificationStatus, "pending">,
) {
  assertAccess(access);
  if (!isStaff(access.actor)) throw new AppError(403, "organisations:errors.staffOnly");
  const organisationId = access.organisation.id;
  await prisma.$transaction([
    prisma.organisation.update({
      where: { id: organisationId },
      data:
        status === "verified"
          ? { status, verifiedAt: new Date(), verifiedById: access.actor.id }
          : { status },
    }),
    prisma.auditLog.create({
      data: {
        actorId: access.actor.id,
        action: status === "verified" ? "organisation.verify" : "organisation.suspend",
        targetType: "organisation",
        targetId: organisationId,
      },
    }),
  ]);
}

export async function listMembers(access: OrgAccess) {
  assertAccess(access);
  const { role } = access;
  const organisationId = access.organisation.id;
  const members = await prisma.membership.findMany({
    where: { organisationId },
    select: { role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
    orderBy: [{ role: "asc" }, { createdAt: "asc" }],
  });
  const invitations =
    role === "owner"
      ? await prisma.invitation.findMany({
          where: { organisationId, acceptedAt: null, expiresAt: { gt: new Date() } },
          select: { email: true, expiresAt: true },
          orderBy: { createdAt: "asc" },
        })
      : [];
  return { viewerRole: role, members, invitations };
}

/** Owners invite by e-mail; the mail is in the invitee's language when they have an account. */
export async function inviteMember(access: OrgAccess, email: string, inviterLocale: Locale) {
  assertAccess(access);
  if (access.role !== "owner") throw new AppError(403, "organisations:errors.ownerOnly");
  const organisationId = access.organisation.id;
  const inviter = access.actor;
  const already = await prisma.membership.findFirst({
    where: { organisationId, user: { email } },
    select: { userId: true },
  });
  if (already) {
    throw new AppError(409, "common:validation.formHasErrors", {
      email: "organisations:errors.alreadyMember",
    });
  }
  if (!(await consume(invitationsPerUser, inviter.id))) throw new AppError(429, "common:errors.rateLimited");

  const { organisation } = access;
  const token = generateToken();
  await prisma.$transaction([
    // A new invitation to the same address replaces the open one.
    prisma.invitation.deleteMany({ where: { organisationId, email, acceptedAt: null } }),
    prisma.invitation.create({
      data: {
        id: hashToken(token),
        organisationId,
        email,
        role: "editor",
        invitedById: inviter.id,
        expiresAt: new Date(Date.now() + INVITATION_LIFETIME),
      },
    }),
  ]);
  const invitee = await prisma.user.findUnique({ where: { email }, select: { name: true, locale: true } });
  const locale = invitee?.locale ?? inviterLocale;
  const link = `${getEnv().APP_URL}${localePath(locale, `/invitations/accept?token=${token}`)}`;
  await enqueueMail(
    renderMail("invitation", {
      to: email,
      name: invitee?.name ?? email,
      locale,
      link,
      vars: { organisation: organisation.name, inviter: inviter.name },
    }),
  );
}

type Invitee = Pick<SessionUser, "id" | "email">;

async function findUsableInvitation(
  client: Prisma.TransactionClient | typeof prisma,
  token: string,
  user: Invitee,
) {
  const invitation = await client.invitation.findUnique({
    where: { id: hashToken(token) },
    select: {
      id: true,
      email: true,
      role: true,
      organisationId: true,
      acceptedAt: true,
      expiresAt: true,
      organisation: { select: { slug: true, name: true, archivedAt: true } },
    },
  });
  if (
    !invitation ||
    invitation.acceptedAt ||
    invitation.expiresAt <= new Date() ||
    invitation.organisation.archivedAt
  ) {
    throw new AppError(400, "organisations:invitation.invalid");
  }
  if (invitation.email.toLowerCase() !== user.email.toLowerCase()) {
    throw new AppError(403, "organisations:invitation.wrongAccount");
  }
  return invitation;
}

/** What the acceptance page shows; nothing is used up yet. */
export async function previewInvitation(token: string, user: Invitee) {
  const invitation = await findUsableInvitation(prisma, token, user);
  return { organisationName: invitation.organisation.name, slug: invitation.organisation.slug };
}

/** Single use: of two concurrent accepts, only one finds the invitation still open. */
export async function acceptInvitation(token: string, user: Invitee) {
  return prisma.$transaction(async (tx) => {
    const invitation = await findUsableInvitation(tx, token, user);
    const { count } = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null },
      data: { acceptedAt: new Date() },
    });
    if (count !== 1) throw new AppError(400, "organisations:invitation.invalid");
    await tx.membership.upsert({
      where: { organisationId_userId: { organisationId: invitation.organisationId, userId: user.id } },
      create: { organisationId: invitation.organisationId, userId: user.id, role: invitation.role },
      update: {},
    });
    return { slug: invitation.organisation.slug };
  });
}

/** Membership changes take a row lock on the organisation, so two of them cannot leave it ownerless. */
async function lockOrganisation(tx: Prisma.TransactionClient, organisationId: string) {
  await tx.$queryRaw`SELECT id FROM organisations WHERE id = ${organisationId}::uuid FOR UPDATE`;
}

async function roleIn(tx: Prisma.TransactionClient, organisationId: string, userId: string) {
  const membership = await tx.membership.findUnique({
    where: { organisationId_userId: { organisationId, userId } },
    select: { role: true },
  });
  return membership?.role ?? null;
}

async function requireOwnerLocked(tx: Prisma.TransactionClient, organisationId: string, userId: string) {
  await lockOrganisation(tx, organisationId);
  const role = await roleIn(tx, organisationId, userId);
  if (!role) throw notFound();
  if (role !== "owner") throw new AppError(403, "organisations:errors.ownerOnly");
}

/** The other member becomes owner and the current owner an editor. */
export async function transferOwnership(access: OrgAccess, targetUserId: string) {
  assertAccess(access);
  if (access.role !== "owner") throw new AppError(403, "organisations:errors.ownerOnly");
  const organisationId = access.organisation.id;
  const userId = access.actor.id;
  if (targetUserId === userId) throw new AppError(400, "organisations:errors.alreadyOwner");
  await prisma.$transaction(async (tx) => {
    await requireOwnerLocked(tx, organisationId, userId);
    if (!(await roleIn(tx, organisationId, targetUserId))) throw notFound();
    await tx.membership.update({
      where: { organisationId_userId: { organisationId, userId: targetUserId } },
      data: { role: "owner" },
    });
    await tx.membership.update({
      where: { organisationId_userId: { organisationId, userId } },
      data: { role: "editor" },
    });
  });
}

export async function removeMember(access: OrgAccess, targetUserId: string) {
  assertAccess(access);
  if (access.role !== "owner") throw new AppError(403, "organisations:errors.ownerOnly");
  const organisationId = access.organisation.id;
  const userId = access.actor.id;
  if (targetUserId === userId) return leaveOrganisation(access);
  await prisma.$transaction(async (tx) => {
    await requireOwnerLocked(tx, organisationId, userId);
    const { count } = await tx.membership.deleteMany({ where: { organisationId, userId: targetUserId } });
    if (count !== 1) throw notFound();
  });
}

/** Anyone may leave, except the last owner: an organisation always has someone to run it. */
export async function leaveOrganisation(access: OrgAccess) {
  assertAccess(access);
  const organisationId = access.organisation.id;
  const userId = access.actor.id;
  await prisma.$transaction(async (tx) => {
    await lockOrganisation(tx, organisationId);
    const role = await roleIn(tx, organisationId, userId);
    if (!role) throw notFound();
    if (role === "owner") {
      const owners = await tx.membership.count({ where: { organisationId, role: "owner" } });
      if (owners <= 1) throw new AppError(409, "organisations:errors.lastOwner");
    }
    await tx.membership.delete({ where: { organisationId_userId: { organisationId, userId } } });
  });
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A logo as the viewer may see it: anyone sees a public organisation's (`isPublic`, may be cached);
 * a pending, suspended or archived one's only its members and staff, like the profile; null otherwise.
 */
export async function getLogo(id: string, viewer: Viewer) {
  if (!uuidPattern.test(id)) return null;
  const logo = await prisma.organisationLogo.findUnique({
    where: { id },
    select: {
      mimeType: true,
      data: true,
      createdAt: true,
      owner: { select: { id: true, status: true, archivedAt: true } },
    },
  });
  if (!logo?.owner) return null;
  const { owner, ...file } = logo;
  const isPublic = owner.status === "verified" && !owner.archivedAt;
  if (!isPublic && !isStaff(viewer) && !(viewer && (await getMembershipRole(owner.id, viewer.id)))) {
    return null;
  }
  return { ...file, isPublic };
}
