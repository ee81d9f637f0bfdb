// The inbox: the threads of my organisations, newest activity first, with my unread count in each;
// paged by cursor. `?match=<id>` opens (and on first use creates) a connected match's thread; a
// staff member's form opens a thread with an organisation.
import type { TranslatedHandle } from "~/modules/i18n/namespaces.ts";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormAlert } from "~/components/ui/field.tsx";
import { requireUser } from "~/modules/auth/guards.server.ts";
import { localePath } from "~/modules/i18n/config.ts";
import { requireLocale } from "~/modules/i18n/params.server.ts";
import { useTranslation } from "~/modules/i18n/react.tsx";
import { pageMeta } from "~/modules/i18n/translate.ts";
import { inbox, openMatchThread, openStaffThread } from "~/modules/messaging/threads.server.ts";
import { notificationTime } from "~/modules/notifications/texts.ts";
import { isAppError } from "~/utils/errors.ts";
import { orErrorPage } from "~/utils/http.server.ts";

export const handle: TranslatedHandle = { i18n: ["auth", "messages", "matching", "notifications"] };

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, "messages:inbox.title", "messages:inbox.description");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const { user } = requireUser(context, request);
  const url = new URL(request.url);
  const match = url.searchParams.get("match");
  if (match !== null) {
    const threadId = await orErrorPage(openMatchThread(user, match));
    throw redirect(localePath(locale, `/messages/${threadId}`));
  }
  const before = url.searchParams.get("before");
  const page = await orErrorPage(inbox(user, before));
  return { locale, page, first: !before };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const { user } = requireUser(context, request);
  const form = await request.formData().catch(() => null);
  const organisation = form?.get("organisation");
  if (form?.get("intent") !== "staffThread" || typeof organisation !== "string") {
    return data({ error: "messages:errors.invalid" }, { status: 400 });
  }
  try {
    const threadId = await openStaffThread(user, organisation);
    return redirect(localePath(locale, `/messages/${threadId}`), 303);
  } catch (error) {
    if (!isAppError(error)) throw error;
    return data({ error: error.messageKey }, { status: error.status });
  }
}

export default function InboxPage() {
  const { t } = useTranslation("messages");
  const { locale, page, first } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <div className="stack-large">
      <h1>{t("inbox.heading")}</h1>
      {answer ? <FormAlert error={answer.error} /> : null}
      <p>{t("inbox.intro")}</p>
      {page.threads.length ? (
        <ul className="inbox stack" aria-label={t("inbox.listLabel")}>
          {page.threads.map((thread) => {
            const name =
              thread.kind === "staff" && !thread.partner
                ? t("inbox.staffThread", { organisation: thread.own ?? "–" })
                : t("inbox.with", { partner: thread.partner ?? "–", organisation: thread.own ?? "–" });
            return (
              <li
                key={thread.id}
                className={thread.unread ? "card inbox-thread unread" : "card inbox-thread"}
              >
                <Link to={localePath(locale, `/messages/${thread.id}`)}>
                  {name}
                  <span className="visually-hidden">, {t("inbox.unread", { count: thread.unread })}</span>
                </Link>
                <p className="inbox-meta">
                  <time dateTime={new Date(thread.activityAt).toISOString()}>
                    {notificationTime(new Date(thread.activityAt), locale)}
                  </time>
                  {thread.unread ? (
                    <span className="inbox-count" aria-hidden="true">
                      {t("inbox.newCount", { count: thread.unread })}
                    </span>
                  ) : null}
                </p>
              </li>
            );
          })}
        </ul>
      ) : (
        <p>{first ? t("inbox.empty") : t("inbox.emptyPage")}</p>
      )}
      {page.next || !first ? (
        <nav aria-label={t("inbox.pages")} className="pager">
          {!first ? <Link to={localePath(locale, "/messages")}>{t("inbox.newest")}</Link> : null}
          {page.next ? (
            <Link to={`${localePath(locale, "/messages")}?before=${encodeURIComponent(page.next)}`}>
              {t("inbox.older")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
