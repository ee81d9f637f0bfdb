// Who may act for an organisation or one of its requests. A guard reads the organisation, the
// caller's membership (and, for a request, the request) in one query and returns an access value
// that only these guards can make; services take that value instead of a raw id, so a service cannot
// be called for an organisation nobody checked. Outsiders get 404, not 403, so slugs cannot be probed.
// The organisation's country and municipality travel in the value, so a staff scope (coming with the
// staff console) can be checked here without another round trip.
import type { MembershipRole, RequestStatus, VerificationStatus } from "~/generated/prisma/enums.ts";
import { isStaff } from "~/modules/auth/roles.ts";
import type { SessionUser } from "~/modules/auth/session.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { AppError } from "~/utils/errors.ts";

declare const issued: unique symbol;

/** What the caller needs: to edit (owner or editor), to own, or to act as staff. */
export type OrgNeed = "editor" | "owner" | "staff";

export type Actor = Pick<SessionUser, "id" | "name" | "role">;

/** What a guard tells about the organisation; its country and municipality serve staff scopes. */
export type GuardedOrganisation = {
  id: string;
  slug: string;
  name: string;
  status: VerificationStatus;
  country: "NL" | "DE";
  municipalityCode: string;
};

export type OrgAccess = {
  readonly [issued]: true;
  readonly organisation: GuardedOrganisation;
  readonly actor: Actor;
  /** The caller's membership; null for staff acting on an organisation they do not belong to. */
  readonly role: MembershipRole | null;
};

export type RequestAccess = OrgAccess & {
  readonly request: { id: string; slug: string; status: RequestStatus; expiresAt: Date | null };
};

const accesses = new WeakSet<object>();
const notFound = () => new AppError(404, "common:errors.notFoundText");

function issue<T extends object>(value: T): T & { readonly [issued]: true } {
  accesses.add(value);
  return Object.freeze(value) as T & { readonly [issued]: true };
}

/** For services: refuses a value that did not come from a guard (a cast in a test or a route). */
export function assertAccess(access: OrgAccess): void {
  if (!accesses.has(access)) throw new Error("organisation access was not issued by a guard");
}

const organisationSelect = (userId: string) =>
  ({
    id: true,
    slug: true,
    name: true,
    status: true,
    country: true,
    municipalityCode: true,
    archivedAt: true,
    memberships: { where: { userId }, select: { role: true } },
  }) as const;

type OrganisationRow = GuardedOrganisation & {
  archivedAt: Date | null;
  memberships: { role: MembershipRole }[];
};

function check(row: OrganisationRow | null, user: Actor, need: OrgNeed) {
  if (!row || row.archivedAt) throw notFound();
  const role = row.memberships[0]?.role ?? null;
  if (need === "staff") {
    if (!isStaff(user)) throw new AppError(403, "organisations:errors.staffOnly");
  } else {
    if (!role) throw notFound();
    if (need === "owner" && role !== "owner") throw new AppError(403, "organisations:errors.ownerOnly");
  }
  const { memberships: _memberships, archivedAt: _archivedAt, ...organisation } = row;
  return { organisation, role, actor: { id: user.id, name: user.name, role: user.role } };
}

export async function requireOrgAccess(slug: string, user: Actor, need: OrgNeed): Promise<OrgAccess> {
  const row = await prisma.organisation.findUnique({ where: { slug }, select: organisationSelect(user.id) });
  return issue(check(row, user, need));
}

/** A request of an organisation the caller edits for (owners and editors). */
export async function requireRequestAccess(slug: string, user: Actor): Promise<RequestAccess> {
  const row = await prisma.partnershipRequest.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      status: true,
      expiresAt: true,
      organisation: { select: organisationSelect(user.id) },
    },
  });
  if (!row) throw notFound();
  const { organisation, ...request } = row;
  return issue({ ...check(organisation, user, "editor"), request });
}

/** An organisation may publish requests and start conversations only once staff verified it. */
export function requireVerified(access: OrgAccess, messageKey = "organisations:errors.notVerified") {
  if (access.organisation.status !== "verified") throw new AppError(403, messageKey);
}
