// "Nearest first" asked for without a place: a member measures from their own organisation's
// municipality, which is what "near me" means to them; a visitor gets the other order and a hint.
import { redirect } from "@remix-run/node";
import { prisma } from "~/utils/db.server.ts";

/** The municipality of the user's first organisation (the oldest membership), or null. */
export async function ownMunicipalityCode(userId: string): Promise<string | null> {
  const membership = await prisma.membership.findFirst({
    where: { userId },
    orderBy: [{ createdAt: "asc" }, { organisationId: "asc" }],
    select: { organisation: { select: { municipalityCode: true } } },
  });
  return membership?.organisation.municipalityCode ?? null;
}

/**
 * The same address with `near` set to the user's own municipality, as a redirect, so the page, its
 * select and a shared link all say where the distances are measured from; null when the user has no
 * organisation (the page then shows its fallback order with a hint).
 */
export async function redirectToOwnPlace(
  request: Request,
  userId: string | undefined,
): Promise<Response | null> {
  if (!userId) return null;
  const code = await ownMunicipalityCode(userId);
  if (!code) return null;
  const url = new URL(request.url);
  url.searchParams.set("near", code);
  url.searchParams.delete("cursor");
  url.searchParams.delete("page");
  return redirect(`${url.pathname}${url.search}`);
}
