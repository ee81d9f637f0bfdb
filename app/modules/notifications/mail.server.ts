// Mail about notifications, by each user's choice (User.notificationMail): one mail per notification
// soon after it was committed, or a daily or weekly digest of the unmailed ones. Notifications are
// claimed by setting mailed_at in the same transaction that queues their mail (pg-boss writing the
// job through that transaction), so a notification is marked mailed exactly when its mail is
// queued: never twice, also with two instances running a job at once, and never lost to a crash in
// between. A notification read before its mail was due is settled without one: a digest lists only
// unread ones and is not sent when none are left. See docs/decisions/0025-notification-mail.md.
import type { Locale } from "~/modules/i18n/config.ts";
import { isLocale, localePath } from "~/modules/i18n/config.ts";
import { getFixedT } from "~/modules/i18n/instances.server.ts";
import { enqueueMail } from "~/modules/mail/queue.server.ts";
import { renderNewsMail, type NewsItem } from "~/modules/mail/templates.server.ts";
import type { Prisma } from "~/generated/prisma/client.ts";
import { prisma } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { defineQueue, jobsDb, type JobWorker } from "~/utils/jobs.server.ts";
import { safePath } from "./service.server.ts";
import { notificationMailQueue } from "./wake.server.ts";
import { notificationText, notificationTime } from "./texts.ts";

export type DigestFrequency = "daily" | "weekly";

export { NOTIFICATION_MAIL_QUEUE } from "./wake.server.ts";

/** Digests at 7:00 Amsterdam time: every day, and on Mondays for the weekly ones. */
export const DAILY_DIGEST_QUEUE = "notification-digest-daily";
export const DAILY_DIGEST_CRON = "0 7 * * *";
export const WEEKLY_DIGEST_QUEUE = "notification-digest-weekly";
export const WEEKLY_DIGEST_CRON = "0 7 * * 1";

/** How many notifications one per-event transaction claims and mails. */
const PER_EVENT_BATCH = 50;
/** How many notifications a digest lists; the rest are counted ("… and 4 more") and linked. */
export const DIGEST_LIST_LIMIT = 20;
/** The first key of the advisory lock a digest holds per user (the second is the user's). */
const DIGEST_LOCK = 0x6e6f7469;

type ClaimedRow = {
  id: string;
  type: string;
  params: unknown;
  path: string;
  read_at: Date | null;
  created_at: Date;
  user_id: string;
  email: string;
  name: string;
  locale: string;
  /** For a message notification: the thread, and the message's text unless the recipient asked for privacy. */
  thread_id: string | null;
  message_body: string | null;
};

function localeOf(row: ClaimedRow): Locale {
  return isLocale(row.locale) ? row.locale : "en";
}

function itemOf(row: ClaimedRow, locale: Locale): NewsItem {
  return {
    text: notificationText(getFixedT(locale, "notifications"), row),
    link: `${getEnv().APP_URL}${localePath(locale, safePath(row.path))}`,
    time: notificationTime(row.created_at, locale),
    ...(row.message_body ? { quote: row.message_body } : {}),
  };
}

function links(locale: Locale) {
  const base = getEnv().APP_URL;
  return {
    notifications: `${base}${localePath(locale, "/notifications")}`,
    account: `${base}${localePath(locale, "/account")}`,
  };
}

export function renderNotificationMail(row: ClaimedRow) {
  const locale = localeOf(row);
  const t = getFixedT(locale, "mail");
  const item = itemOf(row, locale);
  const to = links(locale);
  return renderNewsMail({
    to: row.email,
    name: row.name,
    locale,
    subject: t("notification.subject", { text: item.text }),
    intro: t("notification.intro"),
    items: [item],
    button: { label: t("digest.button"), link: to.notifications },
    why: { text: t("notification.why"), link: to.account },
  });
}

/** `rows` are one user's, newest first, at least one. */
export function renderDigestMail(rows: ClaimedRow[], frequency: DigestFrequency) {
  const first = rows[0]!;
  const locale = localeOf(first);
  const t = getFixedT(locale, "mail");
  const to = links(locale);
  const listed = rows.slice(0, DIGEST_LIST_LIMIT);
  const more = rows.length - listed.length;
  return renderNewsMail({
    to: first.email,
    name: first.name,
    locale,
    subject: t(frequency === "daily" ? "digest.subjectDaily" : "digest.subjectWeekly", {
      count: rows.length,
    }),
    intro: t("digest.intro"),
    items: listed.map((row) => itemOf(row, locale)),
    more: more > 0 ? t("digest.more", { count: more }) : undefined,
    button: { label: t("digest.button"), link: to.notifications },
    why: { text: t(frequency === "daily" ? "digest.whyDaily" : "digest.whyWeekly"), link: to.account },
  });
}

const uuidText = `'^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'`;

// A message notification's thread and text: the text only when the message is not deleted and the
// recipient did not choose mail without message text.
const claimedColumns = `n.id::text AS id, n.type::text AS type, n.params, n.path, n.read_at, n.created_at,
  n.user_id::text AS user_id, u.email, u.name, u.locale::text AS locale,
  CASE WHEN n.type = 'message_received' AND n.params->>'threadId' ~ ${uuidText}
       THEN n.params->>'threadId' END AS thread_id,
  (SELECT m.body FROM messages m
    WHERE n.type = 'message_received' AND NOT u.mail_without_message_text AND m.deleted_at IS NULL
      AND m.id = CASE WHEN n.params->>'messageId' ~ ${uuidText} THEN (n.params->>'messageId')::uuid END
  ) AS message_body`;

/** How long a recipient hears nothing more by mail about a thread they were just mailed about. */
export const THREAD_MAIL_QUIET_MINUTES = 15;

/**
 * Claims the recipient's mail mark for the thread: true when they were not mailed about it in the
 * last 15 minutes (the mark is then set to now, in the caller's transaction), false otherwise. Two
 * runs at once serialise on the mark's row, so only one of them mails.
 */
async function claimThreadMail(tx: Prisma.TransactionClient, threadId: string, userId: string) {
  const rows = await tx.$queryRaw<{ ok: number }[]>`
    INSERT INTO thread_mail_marks (thread_id, user_id, mailed_at)
    SELECT ${threadId}::uuid, ${userId}::uuid, now() WHERE EXISTS (SELECT 1 FROM threads WHERE id = ${threadId}::uuid)
    ON CONFLICT (thread_id, user_id) DO UPDATE SET mailed_at = now()
      WHERE thread_mail_marks.mailed_at <= now() - make_interval(mins => ${THREAD_MAIL_QUIET_MINUTES})
    RETURNING 1 AS ok`;
  return rows.length > 0;
}

/**
 * Mails every unmailed notification of the per-event users, one mail each, oldest first. Each batch
 * is claimed with FOR UPDATE SKIP LOCKED, so two runs at once take different rows.
 */
export async function sendPerEventMails(): Promise<number> {
  let sent = 0;
  for (;;) {
    const batch = await prisma.$transaction(
      async (tx) => {
        const rows = await tx.$queryRawUnsafe<ClaimedRow[]>(
          `WITH due AS (
             SELECT n.id FROM notifications n JOIN users u ON u.id = n.user_id
             WHERE n.mailed_at IS NULL AND u.notification_mail = 'per_event'
             ORDER BY n.created_at, n.id
             LIMIT ${PER_EVENT_BATCH}
             FOR UPDATE OF n SKIP LOCKED)
           UPDATE notifications n SET mailed_at = now()
           FROM due, users u
           WHERE n.id = due.id AND u.id = n.user_id
           RETURNING ${claimedColumns}`,
        );
        let mailed = 0;
        const db = jobsDb(tx);
        for (const row of rows) {
          if (row.read_at) continue;
          // A lively conversation: the bell shows every message, the mail only the first in 15 minutes.
          if (row.thread_id && !(await claimThreadMail(tx, row.thread_id, row.user_id))) continue;
          await enqueueMail(renderNotificationMail(row), { db });
          mailed++;
        }
        return { claimed: rows.length, mailed };
      },
      { timeout: 60_000 },
    );
    sent += batch.mailed;
    if (batch.claimed < PER_EVENT_BATCH) return sent;
  }
}

/**
 * One user's digest: claims all their unmailed notifications and queues one mail listing the unread
 * ones, in one transaction. The advisory lock makes a second run for the same user (another app
 * instance) wait until the first has committed; it then finds nothing left to claim. Returns
 * whether a mail was queued.
 */
async function sendDigest(userId: string, frequency: DigestFrequency): Promise<boolean> {
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${DIGEST_LOCK}::int, hashtext(${userId}))`;
      const rows = await tx.$queryRawUnsafe<ClaimedRow[]>(
        `UPDATE notifications n SET mailed_at = now()
         FROM users u
         WHERE u.id = n.user_id AND n.user_id = $1::uuid AND n.mailed_at IS NULL
           AND u.notification_mail = $2::"NotificationMail"
         RETURNING ${claimedColumns}`,
        userId,
        frequency,
      );
      const unread = rows
        .filter((row) => !row.read_at)
        .sort((a, b) => b.created_at.getTime() - a.created_at.getTime() || b.id.localeCompare(a.id));
      if (!unread.length) return false;
      await enqueueMail(renderDigestMail(unread, frequency), { db: jobsDb(tx) });
      return true;
    },
    { timeout: 60_000 },
  );
}

/** The digests of every user who chose this frequency and has unmailed notifications; returns how many were queued. */
export async function sendDigests(frequency: DigestFrequency): Promise<number> {
  const due = await prisma.$queryRaw<{ user_id: string }[]>`
    SELECT DISTINCT n.user_id::text AS user_id FROM notifications n JOIN users u ON u.id = n.user_id
    WHERE n.mailed_at IS NULL AND u.notification_mail = ${frequency}::"NotificationMail"`;
  let sent = 0;
  for (const { user_id } of due) if (await sendDigest(user_id, frequency)) sent++;
  return sent;
}

export const notificationMailWorker: JobWorker<object> = {
  queue: notificationMailQueue,
  options: { pollingIntervalSeconds: 2 },
  handle: async () => {
    await sendPerEventMails();
  },
};

export const dailyDigestWorker: JobWorker<object> = {
  queue: defineQueue({
    name: DAILY_DIGEST_QUEUE,
    options: {
      policy: "singleton",
      retryLimit: 5,
      retryDelay: 60,
      retryBackoff: true,
      expireInSeconds: 3600,
    },
    cron: DAILY_DIGEST_CRON,
  }),
  handle: async () => {
    await sendDigests("daily");
  },
};

export const weeklyDigestWorker: JobWorker<object> = {
  queue: defineQueue({
    name: WEEKLY_DIGEST_QUEUE,
    options: {
      policy: "singleton",
      retryLimit: 5,
      retryDelay: 60,
      retryBackoff: true,
      expireInSeconds: 3600,
    },
    cron: WEEKLY_DIGEST_CRON,
  }),
  handle: async () => {
    await sendDigests("weekly");
  },
};
