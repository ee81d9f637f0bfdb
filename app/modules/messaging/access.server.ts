// Who may read a thread, the one rule every messaging path asks (pages, sends, the event stream):
// a match's thread is for the members of its two organisations; a staff thread for the members of
// its organisation and for staff. Staff reading a reported match thread is a separate, audited path.
import { isStaff } from "~/modules/auth/roles.ts";
import type { Role } from "~/generated/prisma/enums.ts";
import { prisma } from "~/utils/db.server.ts";

export type Reader = { id: string; role: Role };

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The organisations whose members read the thread (for a match: both sides), or null if none. */
export async function threadOrganisations(threadId: string) {
  if (!uuid.test(threadId)) return null;
  const thread = await prisma.thread.findUnique({
    where: { id: threadId },
    select: {
      kind: true,
      organisationId: true,
      match: { select: { fromOrganisationId: true, toOrganisationId: true } },
    },
  });
  if (!thread) return null;
  const organisationIds = thread.match
    ? [thread.match.fromOrganisationId, thread.match.toOrganisationId]
    : thread.organisationId
      ? [thread.organisationId]
      : [];
  return { kind: thread.kind, organisationIds };
}

/** Whether the reader may read the thread (not whether they may write: blocks and stages decide that). */
export async function canReadThread(reader: Reader, threadId: string): Promise<boolean> {
  const thread = await threadOrganisations(threadId);
  if (!thread) return false;
  if (thread.kind === "staff" && isStaff(reader)) return true;
  const member = await prisma.membership.count({
    where: { userId: reader.id, organisationId: { in: thread.organisationIds } },
  });
  return member > 0;
}
