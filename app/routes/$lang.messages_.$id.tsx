// One thread: the match and request it belongs to, the other organisation's card, the messages
// (who, for which organisation, when, in which language, with a link to a translator) and the
// form to write. Everything comes from the loader, so a revalidation shows new messages. Without
// JavaScript it is a plain page and form: the loader renders a fresh client key into each form, so
// a resubmitted form stores its message once.
import { randomUUID } from "node:crypto";
import type { TranslatedHandle } from "~/modules/i18n/namespaces.ts";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { FormAlert, Notice } from "~/components/ui/field.tsx";
import { requireUser } from "~/modules/auth/guards.server.ts";
import { localePath, type Locale } from "~/modules/i18n/config.ts";
import { pickLocalized } from "~/modules/i18n/localized.ts";
import { requireLocale } from "~/modules/i18n/params.server.ts";
import { useTranslation } from "~/modules/i18n/react.tsx";
import { pageMeta } from "~/modules/i18n/translate.ts";
import {
  maxClientKeyLength,
  maxMessageLength,
  maxReportNoteLength,
  messageLanguages,
  reportReasons,
} from "~/modules/messaging/limits.ts";
import { MessageBody, translatorUrl } from "~/modules/messaging/message-body.tsx";
import { deleteOwnMessage, report, setBlock } from "~/modules/messaging/safety.server.ts";
import { sendMessage } from "~/modules/messaging/send.server.ts";
import {
  openThread,
  unreadMessageCount,
  type MessageView,
  type ThreadView,
} from "~/modules/messaging/threads.server.ts";
import { notificationTime } from "~/modules/notifications/texts.ts";
import { municipalityName } from "~/modules/places/municipalities.ts";
import { isAppError } from "~/utils/errors.ts";
import { orErrorPage } from "~/utils/http.server.ts";
import { redirectWithNotice, takeNotice } from "~/utils/notice.server.ts";

const notices = ["deleted", "reported", "blocked", "unblocked"] as const;
const intents = ["send", "delete", "report", "block", "unblock"] as const;
type Intent = (typeof intents)[number];

export const handle: TranslatedHandle = {
  i18n: ["auth", "messages", "matching", "notifications", "taxonomy"],
};

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, "messages:thread.title", "messages:thread.description");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const { user } = requireUser(context, request);
  const [thread, { notice, headers }] = await Promise.all([
    orErrorPage(openThread(user, params.id ?? "")),
    takeNotice(request, notices),
  ]);
  // The root loader runs beside this one, before the thread is marked read: the header takes
  // the count from here on this page (root.tsx, useUnreadMessages).
  const unreadMessages = await unreadMessageCount(user.id);
  return data({ locale, thread, clientKey: randomUUID(), notice, unreadMessages }, { headers });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const { user } = requireUser(context, request);
  const form = await request.formData().catch(() => null);
  const text = (name: string) => {
    const value = form?.get(name);
    return typeof value === "string" ? value : "";
  };
  const intent = text("intent");
  const threadId = params.id ?? "";
  const back = localePath(locale, `/messages/${threadId}`);
  const typed = {
    body: text("body").slice(0, maxMessageLength * 2),
    clientKey: text("clientKey").slice(0, maxClientKeyLength),
  };
  if (!form || !(intents as readonly string[]).includes(intent)) {
    return data({ error: { key: "messages:errors.invalid" }, field: null, ...typed }, { status: 400 });
  }
  try {
    switch (intent as Intent) {
      case "send":
        await sendMessage(user, {
          threadId,
          body: text("body"),
          clientKey: text("clientKey"),
          language: text("language") || null,
        });
        // Acknowledged only now, after the commit: back to the thread, which shows the message.
        return redirect(back, 303);
      case "delete":
        await deleteOwnMessage(user, threadId, text("messageId"));
        return redirectWithNotice(back, "deleted");
      case "report":
        await report(user, threadId, {
          target: text("target") === "message" ? "message" : "thread",
          messageId: text("messageId") || null,
          reason: text("reason"),
          note: text("note"),
        });
        return redirectWithNotice(back, "reported");
      case "block":
      case "unblock":
        await setBlock(user, threadId, intent === "unblock");
        return redirectWithNotice(back, intent === "block" ? "blocked" : "unblocked");
    }
  } catch (error) {
    if (!isAppError(error)) throw error;
    return data(
      {
        error: { key: error.messageKey, values: error.values },
        field: Object.keys(error.fieldErrors)[0] ?? null,
        ...typed,
      },
      {
        status: error.status,
        headers: error.retryAfterSeconds ? { "Retry-After": `${error.retryAfterSeconds}` } : {},
      },
    );
  }
}

function OtherCard({ thread, locale }: { thread: { other: ThreadView["other"] }; locale: Locale }) {
  const { t } = useTranslation("messages");
  const other = thread.other;
  if (!other) return null;
  return (
    <section className="card stack" aria-labelledby="partner-heading">
      <h2 id="partner-heading">{t("thread.partner")}</h2>
      <p>
        <Link to={localePath(locale, `/organisations/${other.slug}`)}>{other.name}</Link>
      </p>
      <p>
        {t("matching:page.place", {
          kind: t(`taxonomy:kind.${other.kind}`),
          municipality: municipalityName(other.municipality, locale),
          country: t(`taxonomy:country.${other.country}`),
        })}
      </p>
    </section>
  );
}

function MessageItem({ message, locale }: { message: MessageView; locale: Locale }) {
  const { t } = useTranslation("messages");
  const at = new Date(message.createdAt);
  const who = t("thread.byline", {
    name: message.author ?? t("thread.someone"),
    organisation: message.organisation ?? t("thread.staff"),
  });
  return (
    <li className={message.mine ? "message message-mine" : "message"}>
      <article className="card stack" aria-label={who}>
        <p className="message-meta">
          <strong>{who}</strong> · <time dateTime={at.toISOString()}>{notificationTime(at, locale)}</time>
          {message.language ? <> · {t(`language.${message.language}`)}</> : null}
        </p>
        {message.deleted || message.body === null ? (
          <p className="hint">{t("thread.deleted")}</p>
        ) : (
          <>
            <MessageBody text={message.body} lang={message.language} />
            <div className="message-tools">
              {message.language !== locale ? (
                <a
                  href={translatorUrl(message.body, message.language, locale)}
                  target="_blank"
                  rel="noopener noreferrer"
                >
                  {t("thread.translate")}
                </a>
              ) : null}
              {message.mine ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="delete" />
                  <input type="hidden" name="messageId" value={message.id} />
                  <button type="submit" className="link-button">
                    {t("thread.delete")}
                  </button>
                </Form>
              ) : (
                <details>
                  <summary>{t("report.message")}</summary>
                  <ReportForm target="message" messageId={message.id} />
                </details>
              )}
            </div>
          </>
        )}
      </article>
    </li>
  );
}

function ReportForm({ target, messageId }: { target: "message" | "thread"; messageId?: string }) {
  const { t } = useTranslation("messages");
  const id = `${target}-${messageId ?? "thread"}`;
  return (
    <Form method="post" className="stack">
      <input type="hidden" name="intent" value="report" />
      <input type="hidden" name="target" value={target} />
      {messageId ? <input type="hidden" name="messageId" value={messageId} /> : null}
      <label htmlFor={`reason-${id}`}>{t("report.reason")}</label>
      <select id={`reason-${id}`} name="reason" required defaultValue="">
        <option value="" disabled>
          {t("report.choose")}
        </option>
        {reportReasons.map((reason) => (
          <option key={reason} value={reason}>
            {t(`report.reasons.${reason}`)}
          </option>
        ))}
      </select>
      <label htmlFor={`note-${id}`}>{t("report.note")}</label>
      <textarea id={`note-${id}`} name="note" rows={2} maxLength={maxReportNoteLength} />
      <button type="submit" className="button button-secondary">
        {t("report.submit")}
      </button>
    </Form>
  );
}

export default function ThreadPage() {
  const { t } = useTranslation("messages");
  const { locale, thread, clientKey, notice } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const sending = navigation.state === "submitting" && navigation.formData?.get("intent") === "send";
  const failedSend = answer && answer.clientKey ? answer : null;
  // The form keeps its key, and what is being typed, while the page revalidates (a message arriving
  // through the event stream brings a fresh key from the loader); it takes the new key only after a
  // send of its own went through, or in another thread.
  const [form, setForm] = useState({ thread: thread.id, key: clientKey });
  if (form.thread !== thread.id) setForm({ thread: thread.id, key: clientKey });
  const [wasSending, setWasSending] = useState(false);
  if (sending && !wasSending) setWasSending(true);
  if (wasSending && !sending && navigation.state === "idle") {
    setWasSending(false);
    if (!failedSend) setForm({ thread: thread.id, key: clientKey });
  }
  const heading = thread.other
    ? t("thread.heading", { partner: thread.other.name })
    : t("thread.staffHeading");
  return (
    <div className="stack-large thread-page">
      <h1>{heading}</h1>
      {notice ? <Notice>{t(`notices.${notice}`)}</Notice> : null}
      {answer && !failedSend ? <FormAlert error={answer.error} /> : null}
      {thread.match ? (
        <p>
          <Link to={localePath(locale, `/matches/${thread.match.id}`)}>
            {t("thread.match", { stage: t(`matching:status.${thread.match.status}`) })}
          </Link>
          {thread.match.requests.map((request) => (
            <span key={request.slug}>
              {" · "}
              <Link to={localePath(locale, `/requests/${request.slug}`)}>
                {t("thread.request", {
                  title: pickLocalized(request.title, locale)?.text ?? request.slug,
                })}
              </Link>
            </span>
          ))}
        </p>
      ) : (
        <p>{t("thread.staffIntro")}</p>
      )}
      <OtherCard thread={thread} locale={locale} />

      <section className="stack" aria-labelledby="messages-heading">
        <h2 id="messages-heading">{t("thread.messages")}</h2>
        {thread.older ? <p className="hint">{t("thread.older")}</p> : null}
        {thread.messages.length ? (
          <ol className="message-list stack" aria-labelledby="messages-heading">
            {thread.messages.map((message) => (
              <MessageItem key={message.id} message={message} locale={locale} />
            ))}
          </ol>
        ) : (
          <p>{t("thread.empty")}</p>
        )}
      </section>

      {thread.readOnly ? (
        <p className="alert alert-info" role="note">
          {t(`readOnly.${thread.readOnly}`)}
        </p>
      ) : (
        <Form method="post" className="stack card message-form" key={form.key}>
          <input type="hidden" name="intent" value="send" />
          <input type="hidden" name="clientKey" value={failedSend?.clientKey || form.key} />
          {failedSend ? <FormAlert error={failedSend.error} /> : null}
          <label htmlFor="message-body">{t("form.body")}</label>
          <textarea
            id="message-body"
            name="body"
            rows={5}
            required
            maxLength={maxMessageLength}
            defaultValue={failedSend?.body ?? ""}
            aria-invalid={failedSend?.field === "body" ? true : undefined}
            aria-describedby="message-hint"
          />
          <p id="message-hint" className="hint">
            {t("form.hint", { max: new Intl.NumberFormat(locale).format(maxMessageLength) })}
          </p>
          <label htmlFor="message-language">{t("form.language")}</label>
          <select id="message-language" name="language" defaultValue="">
            <option value="">{t("form.detect")}</option>
            {messageLanguages.map((language) => (
              <option key={language} value={language}>
                {t(`language.${language}`)}
              </option>
            ))}
          </select>
          <button type="submit" className="button" disabled={sending}>
            {t("form.send")}
          </button>
        </Form>
      )}

      {!thread.readOnly || thread.readOnly === "blocked" ? (
        <section className="stack" aria-labelledby="safety-heading">
          <h2 id="safety-heading">{t("safety.heading")}</h2>
          {thread.readOnly !== "blocked" ? (
            <details>
              <summary>{t("report.thread")}</summary>
              <ReportForm target="thread" />
            </details>
          ) : null}
          {thread.other && thread.kind === "match" && (thread.blockedByUs || !thread.readOnly) ? (
            <Form method="post">
              <input type="hidden" name="intent" value={thread.blockedByUs ? "unblock" : "block"} />
              <button type="submit" className="button button-secondary">
                {thread.blockedByUs
                  ? t("safety.unblock", { partner: thread.other.name })
                  : t("safety.block", { partner: thread.other.name })}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}
      <p>
        <Link to={localePath(locale, "/messages")}>{t("thread.back")}</Link>
      </p>
    </div>
  );
}
