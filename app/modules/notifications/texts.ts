// What a notification says, in the reader's language, from its type and the params stored with it:
// the same on the notifications page and in mail. Pure (no server code), so the page renders it too.
import type { Locale } from "~/modules/i18n/config.ts";
import type { TFunction } from "~/modules/i18n/catalog.ts";

export const matchStages = ["active_project", "completed", "ended"] as const;

/** A notification as its text needs it: `params` as stored (JSON), never trusted to be complete. */
export type NotificationFacts = { type: string; params: unknown };

function paramsOf(value: unknown): Record<string, string | number> {
  if (!value || typeof value !== "object" || Array.isArray(value)) return {};
  const params: Record<string, string | number> = {};
  for (const [name, entry] of Object.entries(value as Record<string, unknown>))
    if (typeof entry === "string" || (typeof entry === "number" && Number.isFinite(entry)))
      params[name] = entry;
  return params;
}

/**
 * The sentence for a notification; `t` must read the `notifications` namespace. A name missing from
 * the params reads as a dash rather than as a placeholder, and a type or stage this code does not
 * know reads as "there is news" instead of a raw key.
 */
export function notificationText(t: TFunction, notification: NotificationFacts): string {
  const params = paramsOf(notification.params);
  const values = {
    partner: params.partner ?? "–",
    organisation: params.organisation ?? "–",
  };
  switch (notification.type) {
    case "interest_received":
    case "match_connected":
    case "match_declined":
    case "match_promoted":
    case "message_received":
      return t(`notifications:text.${notification.type}`, values);
    case "match_stage": {
      const stage = params.stage;
      return (matchStages as readonly unknown[]).includes(stage)
        ? t(`notifications:text.match_stage.${String(stage)}`, values)
        : t("notifications:text.other");
    }
    case "weekly_suggestions": {
      const count = typeof params.count === "number" ? params.count : Number(params.count);
      return Number.isInteger(count) && count > 0
        ? t("notifications:text.weekly_suggestions", { organisation: values.organisation, count })
        : t("notifications:text.other");
    }
    default:
      return t("notifications:text.other");
  }
}

const intlLocale: Record<Locale, string> = { nl: "nl-NL", de: "de-DE", en: "en-GB" };

/** When it happened, as the reader's region writes it, in the Euregio's time zone (the same on server and browser). */
export function notificationTime(date: Date, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale[locale], {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Europe/Amsterdam",
  }).format(date);
}
