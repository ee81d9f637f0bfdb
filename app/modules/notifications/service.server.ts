// Reading and marking a user's own notifications, and their mail preference. Every query is scoped
// by the signed-in user's id: an id from the browser only ever narrows that user's own rows, so a
// forged or foreign one finds nothing and is answered as unknown.
import type { NotificationMail } from "~/generated/prisma/client.ts";
import { prisma } from "~/utils/db.server.ts";
import { AppError } from "~/utils/errors.ts";

/** How many notifications one page shows. */
export const NOTIFICATIONS_PAGE_SIZE = 20;

export const mailPreferences = [
  "per_event",
  "daily",
  "weekly",
] as const satisfies readonly NotificationMail[];

export type NotificationView = {
  id: string;
  type: string;
  params: unknown;
  read: boolean;
  createdAt: Date;
};

export type NotificationPage = {
  items: NotificationView[];
  /** The cursor of the next (older) page; null on the last. */
  next: string | null;
};

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const cursorPattern = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)_([0-9a-f-]{36})$/i;

/** A page's position: the time and id of the last notification shown, so equal times stay in order. */
function cursorOf(row: { createdAt: Date; id: string }): string {
  return `${row.createdAt.toISOString()}_${row.id}`;
}

function parseCursor(value: string): { createdAt: Date; id: string } {
  const match = cursorPattern.exec(value);
  const createdAt = match ? new Date(match[1]!) : null;
  if (!match || !createdAt || Number.isNaN(createdAt.getTime()) || !uuid.test(match[2]!))
    throw new AppError(400, "notifications:errors.badCursor");
  return { createdAt, id: match[2]!.toLowerCase() };
}

/** Whether a cursor from the address is well-formed (the page keeps it when it redirects back). */
export function isCursor(value: unknown): value is string {
  return typeof value === "string" && cursorPattern.test(value);
}

/** The header's count: one index scan of the partial index on unread rows (notifications_unread_idx). */
export function unreadNotificationCount(userId: string): Promise<number> {
  return prisma.notification.count({ where: { userId, readAt: null } });
}

/** Newest first, one page after `before` (a cursor from the previous page), or the newest page. */
export async function listNotifications(userId: string, before?: string | null): Promise<NotificationPage> {
  const cursor = before ? parseCursor(before) : null;
  const rows = await prisma.notification.findMany({
    where: {
      userId,
      ...(cursor
        ? {
            OR: [
              { createdAt: { lt: cursor.createdAt } },
              { createdAt: cursor.createdAt, id: { lt: cursor.id } },
            ],
          }
        : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: NOTIFICATIONS_PAGE_SIZE + 1,
    select: { id: true, type: true, params: true, readAt: true, createdAt: true },
  });
  const items = rows.slice(0, NOTIFICATIONS_PAGE_SIZE);
  const last = items.at(-1);
  return {
    items: items.map((row) => ({
      id: row.id,
      type: row.type,
      params: row.params,
      read: row.readAt !== null,
      createdAt: row.createdAt,
    })),
    next: rows.length > NOTIFICATIONS_PAGE_SIZE && last ? cursorOf(last) : null,
  };
}

/** The user's own notification, or 404 for one that does not exist or is someone else's (the same answer). */
async function ownNotification(userId: string, id: string) {
  const found = uuid.test(id)
    ? await prisma.notification.findFirst({
        where: { id, userId },
        select: { id: true, path: true, readAt: true },
      })
    : null;
  if (!found) throw new AppError(404, "notifications:errors.unknown");
  return found;
}

/** Marks one of the user's notifications read (a second time changes nothing). */
export async function markNotificationRead(userId: string, id: string): Promise<void> {
  const notification = await ownNotification(userId, id);
  if (notification.readAt) return;
  await prisma.notification.updateMany({ where: { id, userId, readAt: null }, data: { readAt: new Date() } });
}

/** Marks it read and gives the page it links to, without the language (a path on this site). */
export async function openNotification(userId: string, id: string): Promise<string> {
  const notification = await ownNotification(userId, id);
  if (!notification.readAt)
    await prisma.notification.updateMany({
      where: { id, userId, readAt: null },
      data: { readAt: new Date() },
    });
  return safePath(notification.path);
}

/** Marks every unread notification of the user read; returns how many. */
export async function markAllNotificationsRead(userId: string): Promise<number> {
  const { count } = await prisma.notification.updateMany({
    where: { userId, readAt: null },
    data: { readAt: new Date() },
  });
  return count;
}

/** A stored path is the server's own, but a redirect never leaves the site: "//host" or "x" fall back. */
export function safePath(path: string): string {
  return /^\/(?![/\\])[^\s\\]*$/.test(path) ? path : "/notifications";
}

export async function mailPreferenceOf(
  userId: string,
): Promise<{ notificationMail: NotificationMail; mailWithoutMessageText: boolean }> {
  return prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: { notificationMail: true, mailWithoutMessageText: true },
  });
}

export async function setMailPreference(
  userId: string,
  notificationMail: NotificationMail,
  mailWithoutMessageText = false,
): Promise<void> {
  await prisma.user.update({ where: { id: userId }, data: { notificationMail, mailWithoutMessageText } });
}
