// Creating notifications: one row per user the event concerns, written in the same transaction as
// the change it reports, so a notification exists exactly when its change was committed. Mail
// (per event or in a digest, by each user's choice) is sent from these rows by the mail jobs
// (mail.server.ts); a per-event recipient's job is woken in the same transaction.
import type { NotificationType, Prisma } from "~/generated/prisma/client.ts";
import { prisma } from "~/utils/db.server.ts";
import { wakePerEventMail } from "./wake.server.ts";

type Db = Prisma.TransactionClient | typeof prisma;

export type NotificationInput = {
  type: NotificationType;
  /** What the text needs: names, a stage; strings and numbers only. */
  params: Record<string, string | number>;
  /** The page it links to, without the language prefix ("/matches/…"). */
  path: string;
  /** The recipients' organisation the event concerns. */
  organisationId?: string;
  matchId?: string;
};

/** Notifies these users; returns how many rows were written. */
export async function notifyUsers(db: Db, userIds: readonly string[], input: NotificationInput) {
  const unique = [...new Set(userIds)];
  if (!unique.length) return 0;
  const { count } = await db.notification.createMany({
    data: unique.map((userId) => ({
      userId,
      type: input.type,
      params: input.params,
      path: input.path,
      organisationId: input.organisationId ?? null,
      matchId: input.matchId ?? null,
    })),
  });
  const perEvent = await db.user.count({ where: { id: { in: unique }, notificationMail: "per_event" } });
  if (perEvent > 0) await wakePerEventMail(db);
  return count;
}

/**
 * Notifies every member of an organisation, except the user who caused the event: nobody is told
 * about their own action.
 */
export async function notifyMembers(
  db: Db,
  organisationId: string,
  input: Omit<NotificationInput, "organisationId">,
  options: { except?: string | null } = {},
) {
  const members = await db.membership.findMany({
    where: { organisationId, ...(options.except ? { userId: { not: options.except } } : {}) },
    select: { userId: true },
  });
  return notifyUsers(
    db,
    members.map((member) => member.userId),
    { ...input, organisationId },
  );
}
