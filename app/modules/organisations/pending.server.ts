// Organisations waiting for staff: the list staff work through (oldest first) and the mail each
// staff member gets when one registers. The staff console (a later issue) builds on both.
import { getFixedT } from "~/modules/i18n/instances.server.ts";
import { localePath } from "~/modules/i18n/config.ts";
import { enqueueMail } from "~/modules/mail/queue.server.ts";
import { renderMail } from "~/modules/mail/templates.server.ts";
import { listGazetteer } from "~/modules/places/municipalities.server.ts";
import { municipalityName } from "~/modules/places/municipalities.ts";
import { prisma } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";

const PENDING_PAGE = 100;

/** Pending organisations, the longest waiting first, with what the list shows of each. */
export async function listPendingOrganisations() {
  const [organisations, total] = await Promise.all([
    prisma.organisation.findMany({
      where: { status: "pending", archivedAt: null },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: PENDING_PAGE,
      select: {
        slug: true,
        name: true,
        kind: true,
        country: true,
        createdAt: true,
        municipality: { select: { name: true, nameNl: true, nameDe: true } },
      },
    }),
    prisma.organisation.count({ where: { status: "pending", archivedAt: null } }),
  ]);
  return { organisations, total };
}

/**
 * Tells every staff member, in their language, that an organisation registered and waits. A mail
 * that cannot be queued does not undo the registration: the pending list shows the organisation too.
 */
export async function notifyStaffOfRegistration(organisation: {
  slug: string;
  name: string;
  kind: string;
  municipalityCode: string;
}): Promise<void> {
  try {
    const [staff, gazetteer] = await Promise.all([
      prisma.user.findMany({
        where: { role: { in: ["staff", "admin"] }, emailVerifiedAt: { not: null } },
        select: { email: true, name: true, locale: true },
      }),
      listGazetteer(),
    ]);
    const municipality = gazetteer.find((entry) => entry.code === organisation.municipalityCode);
    for (const member of staff) {
      const link = `${getEnv().APP_URL}${localePath(member.locale, `/organisations/${organisation.slug}`)}`;
      await enqueueMail(
        renderMail("newOrganisation", {
          to: member.email,
          name: member.name,
          locale: member.locale,
          link,
          vars: {
            organisation: organisation.name,
            kind: getFixedT(member.locale, "taxonomy")(`kind.${organisation.kind}`),
            municipality: municipality ? municipalityName(municipality, member.locale) : "",
          },
        }),
      );
    }
  } catch (error) {
    console.warn(`[organisations] staff not told of ${organisation.slug}:`, error);
  }
}
