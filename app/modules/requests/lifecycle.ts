// The request lifecycle as pure rules: draft → open → matched / closed, open → expired after three
// months unless renewed; who may see which status; expiry and display dates.
import type { Locale } from "~/modules/i18n/config.ts";

export const requestStatuses = ["draft", "open", "matched", "closed", "expired"] as const;
export type RequestStatus = (typeof requestStatuses)[number];

export const LIFETIME_MONTHS = 3;
export const RENEWAL_NOTICE_DAYS = 7;
/** Renewing is offered in the last four weeks before expiry; earlier it would add only days. */
export const RENEWAL_WINDOW_DAYS = 28;
const DAY = 24 * 60 * 60 * 1000;

export type RequestAction = "edit" | "publish" | "match" | "close" | "renew" | "delete";

const allowedFrom: Record<RequestAction, readonly RequestStatus[]> = {
  edit: ["draft", "open"],
  publish: ["draft"],
  match: ["open"],
  close: ["open"],
  renew: ["open"],
  delete: ["draft"],
};

export function allowedStatuses(action: RequestAction): RequestStatus[] {
  return [...allowedFrom[action]];
}

export function canPerform(action: RequestAction, status: RequestStatus): boolean {
  return allowedFrom[action].includes(status);
}

/** The first moment an open request expiring at `expiresAt` may be renewed. */
export function renewableFrom(expiresAt: Date): Date {
  return new Date(expiresAt.getTime() - RENEWAL_WINDOW_DAYS * DAY);
}

/** Open and in its last four weeks: a renewal then keeps it open for three months from now. */
export function isRenewable(status: RequestStatus, expiresAt: Date | null, now = new Date()): boolean {
  return canPerform("renew", status) && expiresAt !== null && now >= renewableFrom(expiresAt);
}

/** The actions the organisation's members see for a request in this status and at this expiry. */
export function availableActions(
  status: RequestStatus,
  expiresAt: Date | null,
  now = new Date(),
): RequestAction[] {
  return (Object.keys(allowedFrom) as RequestAction[]).filter((action) =>
    action === "renew" ? isRenewable(status, expiresAt, now) : canPerform(action, status),
  );
}

/** Open and matched requests of verified, active organisations are public; the rest stays inside. */
export function isPublic(
  status: RequestStatus,
  organisation: { status: string; archivedAt: Date | null },
): boolean {
  return (
    (status === "open" || status === "matched") &&
    organisation.status === "verified" &&
    organisation.archivedAt === null
  );
}

/** `from` plus whole months; the 31st of a month becomes the last day of a shorter one. */
export function addMonths(from: Date, months: number): Date {
  const result = new Date(from);
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}

export function expiryFrom(now: Date): Date {
  return addMonths(now, LIFETIME_MONTHS);
}

export function renewalNoticeHorizon(now: Date): Date {
  return new Date(now.getTime() + RENEWAL_NOTICE_DAYS * DAY);
}

const intlLocale: Record<Locale, string> = { nl: "nl-NL", de: "de-DE", en: "en-GB" };

/** "12 maart 2027" / "12. März 2027" / "12 March 2027", in the region's time zone on server and browser. */
export function formatDate(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale[locale], {
    dateStyle: "long",
    timeZone: "Europe/Amsterdam",
  }).format(date);
}

/** Dates stored as SQL `date` (midnight UTC), shown without time-zone shifts. */
export function formatDay(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale[locale], { dateStyle: "long", timeZone: "UTC" }).format(date);
}
