// Notifications straight in the database (they go with their user), as the matches code writes them.
import type { NotificationType, Prisma } from "~/generated/prisma/client.ts";
import type { Database } from "./record.ts";

export type NotificationOptions = Partial<{
  type: NotificationType;
  params: Record<string, string | number>;
  path: string;
  organisationId: string;
  createdAt: Date;
  readAt: Date | null;
  mailedAt: Date | null;
}>;

export function notificationFactories(db: Database) {
  /** An unread, unmailed "interest received" notification unless told otherwise. */
  async function createNotification(userId: string, options: NotificationOptions = {}) {
    const data: Prisma.NotificationUncheckedCreateInput = {
      userId,
      type: options.type ?? "interest_received",
      params: options.params ?? { partner: "Gesamtschule Kleve", organisation: "Dominicus College" },
      path: options.path ?? "/matches",
      organisationId: options.organisationId ?? null,
      readAt: options.readAt ?? null,
      mailedAt: options.mailedAt ?? null,
      ...(options.createdAt ? { createdAt: options.createdAt } : {}),
    };
    return db.notification.create({ data });
  }

  return { createNotification };
}
