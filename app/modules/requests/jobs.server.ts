// Request expiry as a scheduled pg-boss job: a week before an open request expires its owners get a
// translated mail with a one-click renewal link; once past its expiry it is set to "expired".
import { localePath } from "~/modules/i18n/config.ts";
import { pickLocalized } from "~/modules/i18n/localized.ts";
import { enqueueMail } from "~/modules/mail/queue.server.ts";
import { renderMail } from "~/modules/mail/templates.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { defineQueue, type JobWorker } from "~/utils/jobs.server.ts";
import { formatDate, renewalNoticeHorizon } from "./lifecycle.ts";
import { signRenewalToken } from "./renewal-token.server.ts";

export const REQUEST_EXPIRY_QUEUE = "request-expiry";
/** Hourly: a reminder goes out within the hour a request enters its last week. */
export const REQUEST_EXPIRY_CRON = "7 * * * *";

/** Mails the owners of open requests that expire within a week, once per expiry period. */
export async function sendRenewalReminders(now = new Date()): Promise<number> {
  const due = await prisma.partnershipRequest.findMany({
    where: {
      status: "open",
      renewalNotifiedAt: null,
      expiresAt: { gt: now, lte: renewalNoticeHorizon(now) },
    },
    select: { id: true, titleNl: true, titleDe: true, titleEn: true, expiresAt: true, organisationId: true },
  });
  let sent = 0;
  for (const request of due) {
    const expiresAt = request.expiresAt!;
    // Claim the reminder first, so two app instances running the job never both mail it.
    const { count } = await prisma.partnershipRequest.updateMany({
      where: { id: request.id, status: "open", renewalNotifiedAt: null, expiresAt },
      data: { renewalNotifiedAt: now },
    });
    if (count !== 1) continue;
    try {
      const owners = await prisma.membership.findMany({
        where: { organisationId: request.organisationId, role: "owner" },
        select: { user: { select: { email: true, name: true, locale: true } } },
      });
      const token = signRenewalToken(getEnv().SESSION_SECRET, request.id, expiresAt);
      const titles = { nl: request.titleNl, de: request.titleDe, en: request.titleEn };
      for (const { user } of owners) {
        const title = pickLocalized(titles, user.locale)?.text ?? "";
        const link = `${getEnv().APP_URL}${localePath(user.locale, "/requests/renew")}?token=${token}`;
        await enqueueMail(
          renderMail("renewRequest", {
            to: user.email,
            name: user.name,
            locale: user.locale,
            link,
            vars: { title, date: formatDate(expiresAt, user.locale) },
          }),
        );
        sent++;
      }
    } catch (error) {
      // Unclaim, so the next run tries again.
      await prisma.partnershipRequest.updateMany({
        where: { id: request.id, renewalNotifiedAt: now },
        data: { renewalNotifiedAt: null },
      });
      throw error;
    }
  }
  return sent;
}

/** Takes open requests past their expiry offline; returns how many. */
export async function expireOverdueRequests(now = new Date()): Promise<number> {
  const { count } = await prisma.partnershipRequest.updateMany({
    where: { status: "open", expiresAt: { lte: now } },
    data: { status: "expired" },
  });
  return count;
}

export async function runRequestExpiry(now = new Date()) {
  const reminded = await sendRenewalReminders(now);
  const expired = await expireOverdueRequests(now);
  return { reminded, expired };
}

export const requestExpiryQueue = defineQueue({
  name: REQUEST_EXPIRY_QUEUE,
  options: { policy: "singleton" },
  cron: REQUEST_EXPIRY_CRON,
});

export const requestExpiryWorker: JobWorker<object> = {
  queue: requestExpiryQueue,
  handle: async () => {
    await runRequestExpiry();
  },
};
