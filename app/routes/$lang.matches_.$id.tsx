// One match, as its two organisations' members (and staff) see it: the pair with their requests,
// the fit and its reasons at the time, the first message, the stage with what each side may do
// next, the contact person and address once both are interested, and the whole history.
import type { TranslatedHandle } from "~/modules/i18n/namespaces.ts";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormAlert, Notice } from "~/components/ui/field.tsx";
import { requireUser } from "~/modules/auth/guards.server.ts";
import { isStaff } from "~/modules/auth/roles.ts";
import { localePath, type Locale } from "~/modules/i18n/config.ts";
import { pickLocalized } from "~/modules/i18n/localized.ts";
import { requireLocale } from "~/modules/i18n/params.server.ts";
import { useTranslation } from "~/modules/i18n/react.tsx";
import { pageMeta } from "~/modules/i18n/translate.ts";
import { InterestForm } from "~/modules/matching/interest-form.tsx";
import { maxPromotionNoteLength } from "~/modules/matching/limits.ts";
import { promotionText } from "~/modules/matching/match-list.tsx";
import {
  answerInterest,
  changeStage,
  matchForViewer,
  type MatchSide,
} from "~/modules/matching/matches.server.ts";
import { promoteMatch, withdrawPromotion } from "~/modules/matching/promotion.server.ts";
import { reasonText } from "~/modules/matching/reasons.ts";
import { municipalityName } from "~/modules/places/municipalities.ts";
import { isAppError } from "~/utils/errors.ts";
import { orErrorPage } from "~/utils/http.server.ts";
import { redirectWithNotice, takeNotice } from "~/utils/notice.server.ts";

const notices = [
  "interestSent",
  "connected",
  "accept",
  "decline",
  "active_project",
  "completed",
  "ended",
  "promoted",
  "unpromoted",
] as const;

const intents = [
  "accept",
  "decline",
  "active_project",
  "completed",
  "ended",
  "promote",
  "unpromote",
] as const;
type Intent = (typeof intents)[number];

export const handle: TranslatedHandle = { i18n: ["auth", "matching", "taxonomy"] };

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, "matching:match.title", "matching:match.description");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const { user } = requireUser(context, request);
  const [match, { notice, headers }] = await Promise.all([
    orErrorPage(matchForViewer({ id: user.id, staff: isStaff(user) }, params.id ?? "")),
    takeNotice(request, notices),
  ]);
  return data({ locale, match, staff: isStaff(user), notice }, { headers });
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const { user } = requireUser(context, request);
  const form = await request.formData().catch(() => null);
  const intent = form?.get("intent");
  if (!form || typeof intent !== "string" || !(intents as readonly string[]).includes(intent)) {
    return data({ error: "matching:errors.invalid", fields: {} as Record<string, string> }, { status: 400 });
  }
  const matchId = params.id ?? "";
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === "string" ? value : "";
  };
  try {
    const chosen = intent as Intent;
    if (chosen === "accept" || chosen === "decline") await answerInterest(user.id, matchId, chosen);
    else if (chosen === "promote")
      await promoteMatch(user, matchId, { noteNl: text("noteNl"), noteDe: text("noteDe") });
    else if (chosen === "unpromote") await withdrawPromotion(user, matchId);
    else await changeStage(user.id, matchId, chosen);
    return redirectWithNotice(
      localePath(locale, `/matches/${matchId}`),
      chosen === "promote" ? "promoted" : chosen,
    );
  } catch (error) {
    if (!isAppError(error)) throw error;
    return data(
      {
        error: error.messageKey,
        fields: error.fieldErrors,
        // What staff typed comes back in the form.
        noteNl: text("noteNl").slice(0, 2000),
        noteDe: text("noteDe").slice(0, 2000),
      },
      { status: error.status },
    );
  }
}

function SideCard({ side, locale, heading }: { side: MatchSide; locale: Locale; heading: string }) {
  const { t } = useTranslation("matching");
  const requestTitle = side.request ? (pickLocalized(side.request.title, locale)?.text ?? side.name) : null;
  return (
    <section className="card stack" aria-label={heading}>
      <h2>{heading}</h2>
      <p>
        <Link to={localePath(locale, `/organisations/${side.slug}`)}>{side.name}</Link>
      </p>
      <p>
        {t("page.place", {
          kind: t(`taxonomy:kind.${side.kind}`),
          municipality: municipalityName(side.municipality, locale),
          country: t(`taxonomy:country.${side.country}`),
        })}
      </p>
      {side.request && requestTitle ? (
        <p>
          <Link to={localePath(locale, `/requests/${side.request.slug}`)}>
            {t("match.request", { title: requestTitle })}
          </Link>
        </p>
      ) : null}
      {side.contact ? (
        <dl className="contact-facts">
          <dt>{t("match.contact")}</dt>
          <dd>{side.contact.name}</dd>
          <dt>{t("match.email")}</dt>
          <dd>
            <a href={`mailto:${side.contact.email}`}>{side.contact.email}</a>
          </dd>
          {side.address ? (
            <>
              <dt>{t("match.address")}</dt>
              <dd>{side.address}</dd>
            </>
          ) : null}
        </dl>
      ) : null}
    </section>
  );
}

function ActionForm({ intent, label, secondary }: { intent: Intent; label: string; secondary?: boolean }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <button type="submit" className={secondary ? "button button-secondary" : "button"}>
        {label}
      </button>
    </Form>
  );
}

export default function MatchPage() {
  const { t } = useTranslation("matching");
  const { locale, match, staff, notice } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const own = match.side === "to" ? match.to : match.from;
  const partner = match.side === "to" ? match.from : match.to;
  const dateTime = new Intl.DateTimeFormat(locale, {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: "Europe/Amsterdam",
  });
  const connected = !!(match.from.contact || match.to.contact);
  return (
    <div className="stack-large">
      <h1>
        {match.side
          ? t("match.heading", { partner: partner.name })
          : t("match.staffHeading", { from: match.from.name, to: match.to.name })}
      </h1>
      {notice ? <Notice>{t(`match.notice.${notice}`)}</Notice> : null}
      {answer && "error" in answer ? <FormAlert error={answer.error} /> : null}
      {match.promotion ? (
        <section className="card stack promoted" aria-labelledby="promotion-heading">
          <h2 id="promotion-heading">{t("promotion.badge")}</h2>
          <p>{promotionText({ nl: match.promotion.noteNl, de: match.promotion.noteDe }, locale)}</p>
        </section>
      ) : null}
      <p className="match-status" role="status">
        {t("match.stage", { stage: t(`status.${match.status}`) })}
      </p>
      {match.side ? (
        <p>{t(`match.next.${match.status}${match.status === "interested" ? `_${match.side}` : ""}`)}</p>
      ) : null}
      {match.message ? (
        <section className="card stack" aria-labelledby="message-heading">
          <h2 id="message-heading">{t("match.messageFrom", { name: match.from.name })}</h2>
          <p className="prewrap">{match.message}</p>
        </section>
      ) : null}

      {match.side && match.status === "suggested" ? (
        <InterestForm
          target={{
            organisation: own.slug,
            partner: partner.slug,
            request: partner.request?.slug,
            ownRequest: own.request?.slug,
          }}
          locale={locale}
          partnerName={partner.name}
        />
      ) : null}
      {match.actions.length ? (
        <div className="match-actions">
          {match.actions.map((action) => (
            <ActionForm
              key={action}
              intent={action}
              label={t(`match.action.${action}`)}
              secondary={action === "decline" || action === "ended"}
            />
          ))}
        </div>
      ) : null}

      <div className="match-sides">
        {match.side ? (
          <>
            <SideCard side={partner} locale={locale} heading={t("match.partner")} />
            <SideCard side={own} locale={locale} heading={t("match.yours")} />
          </>
        ) : (
          <>
            <SideCard side={match.from} locale={locale} heading={match.from.name} />
            <SideCard side={match.to} locale={locale} heading={match.to.name} />
          </>
        )}
      </div>
      {match.side && !connected ? <p className="hint">{t("match.contactHidden")}</p> : null}
      {match.side && ["connected", "active_project", "completed"].includes(match.status) ? (
        <p>
          <Link to={`${localePath(locale, "/messages")}?match=${match.id}`} className="button">
            {t("match.messages")}
          </Link>
        </p>
      ) : null}

      <section className="stack" aria-labelledby="fit-heading">
        <h2 id="fit-heading">{t("match.fitHeading")}</h2>
        <p className="suggestion-score">{t("page.fit", { score: match.score })}</p>
        {match.distanceKm !== null &&
        !match.reasons.some((reason) => reason.key === "matching:reasons.distance") ? (
          <p>{t("reasons.distance", { km: new Intl.NumberFormat(locale).format(match.distanceKm) })}</p>
        ) : null}
        {match.reasons.length ? (
          <ul className="suggestion-reasons">
            {match.reasons.map((reason) => (
              <li key={reason.key}>{reasonText(t, reason, locale)}</li>
            ))}
          </ul>
        ) : null}
      </section>

      <section className="stack" aria-labelledby="history-heading">
        <h2 id="history-heading">{t("match.historyHeading")}</h2>
        <ol className="history stack">
          {match.history.map((event, index) => (
            <li key={index}>
              <time dateTime={new Date(event.at).toISOString()}>{dateTime.format(new Date(event.at))}</time>{" "}
              {t(`history.${event.type}`, {
                name: event.by ?? t("history.someone"),
                organisation: event.organisation ?? t("history.staff"),
              })}
            </li>
          ))}
        </ol>
      </section>

      {staff ? (
        <section className="card stack" aria-labelledby="promote-heading">
          <h2 id="promote-heading">{t("promotion.heading")}</h2>
          {match.promotion ? (
            <ActionForm intent="unpromote" label={t("promotion.withdraw")} secondary />
          ) : (
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="promote" />
              <label htmlFor="noteNl">{t("promotion.noteNl")}</label>
              <textarea
                id="noteNl"
                name="noteNl"
                rows={2}
                maxLength={maxPromotionNoteLength}
                required
                lang="nl"
                defaultValue={answer && "noteNl" in answer ? answer.noteNl : ""}
                aria-invalid={answer?.fields?.noteNl ? true : undefined}
              />
              <label htmlFor="noteDe">{t("promotion.noteDe")}</label>
              <textarea
                id="noteDe"
                name="noteDe"
                rows={2}
                maxLength={maxPromotionNoteLength}
                required
                lang="de"
                defaultValue={answer && "noteDe" in answer ? answer.noteDe : ""}
                aria-invalid={answer?.fields?.noteDe ? true : undefined}
              />
              <button type="submit" className="button">
                {t("promotion.submit")}
              </button>
            </Form>
          )}
        </section>
      ) : null}
      <p>
        <Link to={localePath(locale, "/matches")}>{t("match.back")}</Link>
      </p>
    </div>
  );
}
