// Services take an access value that only the guards make; tests get one the way a route does.
import {
  requireOrgAccess,
  requireRequestAccess,
  type Actor,
  type OrgAccess,
  type OrgNeed,
  type RequestAccess,
} from "~/modules/organisations/access.server.ts";

/** Runs `work` with the user's access to the organisation; a refusal by the guard rejects the same way. */
export function withOrgAccess<T>(
  user: Actor,
  organisation: { slug: string },
  work: (access: OrgAccess) => Promise<T>,
  need: OrgNeed = "editor",
): Promise<T> {
  return requireOrgAccess(organisation.slug, user, need).then(work);
}

export function withRequestAccess<T>(
  user: Actor,
  slug: string,
  work: (access: RequestAccess) => Promise<T>,
): Promise<T> {
  return requireRequestAccess(slug, user).then(work);
}
