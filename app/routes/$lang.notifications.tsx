// The signed-in user's notifications, newest first and paged, each in the reader's language; opening
// one (a form, so a GET never changes anything) marks it read and leads to its page; "mark read"
// per notification and for all of them.
import type { TranslatedHandle } from "~/modules/i18n/namespaces.ts";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { FormAlert, Notice } from "~/components/ui/field.tsx";
import { requireUser } from "~/modules/auth/guards.server.ts";
import { localePath, type Locale } from "~/modules/i18n/config.ts";
import { requireLocale } from "~/modules/i18n/params.server.ts";
import { useTranslation } from "~/modules/i18n/react.tsx";
import { pageTitle } from "~/modules/i18n/translate.ts";
import {
  isCursor,
  listNotifications,
  markAllNotificationsRead,
  markNotificationRead,
  openNotification,
  unreadNotificationCount,
  type NotificationView,
} from "~/modules/notifications/service.server.ts";
import { notificationText, notificationTime } from "~/modules/notifications/texts.ts";
import styles from "~/styles/notifications.css?url";
import { isAppError } from "~/utils/errors.ts";
import { entriesToObject } from "~/utils/forms.ts";
import { orErrorPage } from "~/utils/http.server.ts";
import { redirectWithNotice, takeNotice } from "~/utils/notice.server.ts";

const notices = ["read", "allRead"] as const;

export const handle: TranslatedHandle = { i18n: ["auth", "notifications"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "notifications:page.title") },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const { user } = requireUser(context, request);
  const before = new URL(request.url).searchParams.get("before");
  const [page, unread, { notice, headers }] = await Promise.all([
    orErrorPage(listNotifications(user.id, before)),
    unreadNotificationCount(user.id),
    takeNotice(request, notices),
  ]);
  return data(
    { locale, ...page, before: isCursor(before) ? before : null, older: before !== null, unread, notice },
    { headers },
  );
}

const idField = z.string().max(100);
const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("open"), id: idField }),
  z.object({ intent: z.literal("read"), id: idField, before: z.string().max(100).optional() }),
  z.object({ intent: z.literal("readAll") }),
]);

export async function action({ request, context, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const { user } = requireUser(context, request);
  // A body that is no form at all (JSON, another Content-Type, cut off) is the same bad request.
  const form = await request.formData().catch(() => null);
  const parsed = form ? actionSchema.safeParse(entriesToObject(form)) : null;
  if (!parsed?.success) return data({ error: "notifications:errors.invalid" }, { status: 400 });
  const input = parsed.data;
  const page = localePath(locale, "/notifications");
  try {
    switch (input.intent) {
      case "open":
        return redirect(localePath(locale, await openNotification(user.id, input.id)));
      case "read": {
        await markNotificationRead(user.id, input.id);
        // Back to the page the reader was on.
        const back = isCursor(input.before) ? `${page}?before=${encodeURIComponent(input.before)}` : page;
        return redirectWithNotice(back, "read");
      }
      case "readAll":
        await markAllNotificationsRead(user.id);
        return redirectWithNotice(page, "allRead");
    }
  } catch (error) {
    if (!isAppError(error)) throw error;
    return data({ error: error.messageKey }, { status: error.status });
  }
}

function NotificationItem({
  notification,
  locale,
  before,
}: {
  notification: NotificationView;
  locale: Locale;
  before: string | null;
}) {
  const { t } = useTranslation("notifications");
  const text = notificationText(t, notification);
  const unread = !notification.read;
  const textId = `notification-${notification.id}`;
  return (
    <li className="notification card" data-unread={unread ? "" : undefined}>
      <div className="notification-body">
        {unread ? <span className="notification-new">{t("page.unread")}</span> : null}
        <Form method="post" className="notification-open">
          <input type="hidden" name="intent" value="open" />
          <input type="hidden" name="id" value={notification.id} />
          <button type="submit" className="link-button notification-text" id={textId}>
            {text}
          </button>
        </Form>
        <p className="notification-time">
          <time dateTime={notification.createdAt.toISOString()}>
            {notificationTime(notification.createdAt, locale)}
          </time>
        </p>
      </div>
      {unread ? (
        <Form method="post" className="notification-mark">
          <input type="hidden" name="intent" value="read" />
          <input type="hidden" name="id" value={notification.id} />
          {before ? <input type="hidden" name="before" value={before} /> : null}
          <button type="submit" className="button button-secondary" aria-describedby={textId}>
            {t("page.markRead")}
          </button>
        </Form>
      ) : null}
    </li>
  );
}

export default function Notifications() {
  const { t } = useTranslation("notifications");
  const { locale, items, next, before, older, unread, notice } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && navigation.formData?.get("intent") === "readAll";
  return (
    <div className="stack-large notifications-page">
      <h1>{t("page.title")}</h1>
      <p className="lead">{t("page.intro")}</p>
      {notice ? <Notice>{t(`notices.${notice}`)}</Notice> : null}
      {answer && "error" in answer ? <FormAlert error={answer.error} /> : null}
      <div className="notifications-summary">
        <p>{t("page.unreadCount", { count: unread })}</p>
        {unread > 0 ? (
          <Form method="post">
            <input type="hidden" name="intent" value="readAll" />
            <button type="submit" className="button button-secondary" disabled={busy}>
              {t("page.markAllRead")}
            </button>
          </Form>
        ) : null}
      </div>
      {items.length === 0 ? (
        <p className="card">{older ? t("page.emptyPage") : t("page.empty")}</p>
      ) : (
        <ol className="plain-list stack notification-list" aria-label={t("page.listLabel")}>
          {items.map((notification) => (
            <NotificationItem
              key={notification.id}
              notification={notification}
              locale={locale}
              before={before}
            />
          ))}
        </ol>
      )}
      {next || older ? (
        <nav className="notifications-pages" aria-label={t("page.pages")}>
          {older ? <Link to={localePath(locale, "/notifications")}>{t("page.newest")}</Link> : null}
          {next ? (
            <Link to={`${localePath(locale, "/notifications")}?before=${encodeURIComponent(next)}`}>
              {t("page.older")}
            </Link>
          ) : null}
        </nav>
      ) : null}
      <p>
        <Link to={localePath(locale, "/account")}>{t("page.mailChoice")}</Link>
      </p>
    </div>
  );
}
