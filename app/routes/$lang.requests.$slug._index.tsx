// A partnership request's page: public once open at a verified organisation, otherwise only for its
// members and staff. Members publish, close, mark matched, renew or delete it here.
import type { TranslatedHandle } from "~/modules/i18n/namespaces.ts";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useParams } from "@remix-run/react";
import { useTranslation } from "~/modules/i18n/react.tsx";
import { z } from "zod";
import { FormAlert, Notice } from "~/components/ui/field.tsx";
import { formErrorOf } from "~/components/ui/form-answer.ts";
import { getAuth, requireUser } from "~/modules/auth/guards.server.ts";
import { requireRequestAccess } from "~/modules/organisations/access.server.ts";
import { isLocale, localePath, locales, type Locale } from "~/modules/i18n/config.ts";
import { pickLocalized } from "~/modules/i18n/localized.ts";
import { requireLocale } from "~/modules/i18n/params.server.ts";
import { metaText, pageTitle } from "~/modules/i18n/translate.ts";
import { handleForm, orErrorPage } from "~/utils/http.server.ts";
import { formatDate, formatDay, renewableFrom, type RequestAction } from "~/modules/requests/lifecycle.ts";
import { VerificationBadge } from "~/modules/organisations/verification-badge.tsx";
import {
  closeRequest,
  deleteDraft,
  getRequestForViewer,
  markRequestMatched,
  publishRequest,
  renewRequest,
} from "~/modules/requests/service.server.ts";
import requestStyles from "~/styles/requests.css?url";
import { fitWithMatch } from "~/modules/matching/matches.server.ts";
import { FitPanel } from "~/modules/matching/fit-panel.tsx";
import { getEnv } from "~/utils/env.server.ts";
import { takeNotice } from "~/utils/notice.server.ts";

export const handle: TranslatedHandle = {
  i18n: ["auth", "organisations", "requests", "taxonomy", "matching"],
};

export const links: LinksFunction = () => [{ rel: "stylesheet", href: requestStyles }];

/** What a redirect to this page may announce: the form that made or saved the request. */
const redirectNotices = ["published", "draftSaved", "saved"] as const;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  requireLocale(params);
  const slug = params.slug ?? "";
  const viewer = getAuth(context)?.user ?? null;
  const view = await orErrorPage(getRequestForViewer(slug, viewer));
  const appUrl = getEnv().APP_URL;
  const urls = Object.fromEntries(
    locales.map((locale) => [locale, `${appUrl}${localePath(locale, `/requests/${slug}`)}`]),
  ) as Record<Locale, string>;
  const [{ notice, headers }, fit] = await Promise.all([
    takeNotice(request, redirectNotices),
    viewer && view.isPublic
      ? fitWithMatch(viewer.id, { organisationSlug: view.organisation.slug, requestSlug: slug })
      : null,
  ]);
  return data({ ...view, urls, notice, fit }, { headers });
}

export const meta: MetaFunction<typeof loader> = ({ data, params, matches }) => {
  const appName = metaText(matches, "common:appName");
  if (!data) return [{ title: pageTitle(matches, "common:errors.notFoundTitle") }];
  const locale = isLocale(params.lang) ? params.lang : "en";
  const { request } = data;
  const title = pickLocalized({ nl: request.titleNl, de: request.titleDe, en: request.titleEn }, locale);
  const description = pickLocalized(
    { nl: request.descriptionNl, de: request.descriptionDe, en: request.descriptionEn },
    title?.lang ?? locale,
  );
  const summary = description ? description.text.replace(/\s+/g, " ").slice(0, 200) : "";
  return [
    { title: `${title?.text ?? ""} – ${appName}` },
    { name: "description", content: summary },
    { property: "og:title", content: title?.text ?? "" },
    { property: "og:description", content: summary },
    { property: "og:type", content: "article" },
    { property: "og:url", content: data.urls[locale] },
    { property: "og:site_name", content: appName },
    ...(data.isPublic ? [] : [{ name: "robots", content: "noindex" }]),
    { tagName: "link", rel: "canonical", href: data.urls[locale] },
    ...locales.map((lng) => ({ tagName: "link", rel: "alternate", hrefLang: lng, href: data.urls[lng] })),
    { tagName: "link", rel: "alternate", hrefLang: "x-default", href: data.urls.en },
  ];
};

const actionSchema = z.object({
  intent: z.enum(["publish", "match", "close", "renew", "delete"], {
    error: "common:validation.invalidChoice",
  }),
});

export async function action({ request, context, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const { user } = requireUser(context, request);
  const slug = params.slug ?? "";
  return handleForm(request, actionSchema, async ({ intent }) => {
    const access = await requireRequestAccess(slug, user);
    switch (intent) {
      case "publish":
        await publishRequest(access);
        return { ok: true as const, notice: "published" };
      case "match":
        await markRequestMatched(access);
        return { ok: true as const, notice: "matched" };
      case "close":
        await closeRequest(access);
        return { ok: true as const, notice: "closed" };
      case "renew":
        await renewRequest(access);
        return { ok: true as const, notice: "renewed" };
      case "delete": {
        const { organisationSlug } = await deleteDraft(access);
        return redirect(localePath(locale, `/organisations/${organisationSlug}`));
      }
    }
  });
}

function municipalityName(
  municipality: { name: string; nameNl: string | null; nameDe: string | null },
  locale: Locale,
) {
  if (locale === "nl") return municipality.nameNl ?? municipality.name;
  if (locale === "de") return municipality.nameDe ?? municipality.name;
  return municipality.name;
}

const memberButtons: { action: Exclude<RequestAction, "edit">; label: string; secondary?: boolean }[] = [
  { action: "publish", label: "view.publish" },
  { action: "renew", label: "view.renew" },
  { action: "match", label: "view.markMatched", secondary: true },
  { action: "close", label: "view.close", secondary: true },
  { action: "delete", label: "view.delete", secondary: true },
];

export default function RequestPage() {
  const { t } = useTranslation("requests");
  const { lang } = useParams();
  const locale = isLocale(lang) ? lang : "en";
  const { request, organisation, actions, notice: redirectNotice, fit } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";

  const title = pickLocalized({ nl: request.titleNl, de: request.titleDe, en: request.titleEn }, locale);
  const description = pickLocalized(
    { nl: request.descriptionNl, de: request.descriptionDe, en: request.descriptionEn },
    title?.lang ?? locale,
  );
  const notice = result && "notice" in result ? result.notice : redirectNotice;
  const expiry = request.expiresAt ? formatDate(request.expiresAt, locale) : "";
  // An open request whose renewal is not offered yet says from when it will be.
  const renewLater =
    request.status === "open" && request.expiresAt && actions.length > 0 && !actions.includes("renew")
      ? formatDate(renewableFrom(request.expiresAt), locale)
      : null;
  const list = (keys: string[], prefix: string) =>
    keys.length ? keys.map((key) => t(`taxonomy:${prefix}.${key}`)).join(", ") : t("view.any");

  const groupSize =
    request.groupSizeMin && request.groupSizeMax
      ? t("view.groupSizeRange", { min: request.groupSizeMin, max: request.groupSizeMax })
      : request.groupSizeMin
        ? t("view.groupSizeAtLeast", { min: request.groupSizeMin })
        : request.groupSizeMax
          ? t("view.groupSizeUpTo", { max: request.groupSizeMax })
          : t("view.notGiven");
  const timeframe =
    request.flexible || !request.startsOn || !request.endsOn
      ? t("view.flexible")
      : t("view.dateRange", {
          from: formatDay(request.startsOn, locale),
          to: formatDay(request.endsOn, locale),
        });

  return (
    <article className="stack-large" aria-labelledby="request-title">
      {notice ? <Notice>{t(`notices.${notice}`, { date: expiry })}</Notice> : null}
      <FormAlert error={formErrorOf(result)} />
      <header className="stack">
        <p>
          <span className="visually-hidden">{t("status.label")}: </span>
          <span className={`status-badge status-${request.status}`}>{t(`status.${request.status}`)}</span>
          {request.status === "open" && expiry ? <> {t("view.openUntil", { date: expiry })}</> : null}
        </p>
        <h1 id="request-title" lang={title?.lang}>
          {title?.text}
        </h1>
        {title?.isFallback ? <p className="language-marker">{t(`view.writtenIn.${title.lang}`)}</p> : null}
        <p>
          {t("view.by")}{" "}
          <Link to={localePath(locale, `/organisations/${organisation.slug}`)}>{organisation.name}</Link>{" "}
          <VerificationBadge status={organisation.status} />
          {" · "}
          {t(`taxonomy:kind.${organisation.kind}`)}
          {" · "}
          {municipalityName(organisation.municipality, locale)},{" "}
          {t(`taxonomy:country.${organisation.country}`)}
        </p>
      </header>
      {fit ? <FitPanel fit={fit} locale={locale} partnerName={organisation.name} /> : null}

      {description ? (
        <div className="request-text" lang={description.lang}>
          {description.text}
        </div>
      ) : null}

      <section aria-labelledby="details-title" className="card">
        <h2 id="details-title">{t("view.details")}</h2>
        <dl className="facts">
          <dt>{t("view.activityTypes")}</dt>
          <dd>{list(request.activityTypes, "activity")}</dd>
          <dt>{t("view.topics")}</dt>
          <dd>{list(request.topics, "topic")}</dd>
          <dt>{t("view.ageGroups")}</dt>
          <dd>{list(request.ageGroups, "ageGroup")}</dd>
          <dt>{t("view.partnerKinds")}</dt>
          <dd>{list(request.partnerKinds, "kind")}</dd>
          <dt>{t("view.workingLanguages")}</dt>
          <dd>{list(request.workingLanguages, "language")}</dd>
          <dt>{t("view.timeframe")}</dt>
          <dd>{timeframe}</dd>
          <dt>{t("view.groupSize")}</dt>
          <dd>{groupSize}</dd>
          <dt>{t("view.radius")}</dt>
          <dd>{t("view.radiusKm", { km: request.radiusKm })}</dd>
          <dt>{t("view.crossBorder")}</dt>
          <dd>{request.crossBorderOnly ? t("view.crossBorderOnly") : t("view.crossBorderAny")}</dd>
        </dl>
      </section>

      {actions.length > 0 ? (
        <section aria-labelledby="manage-title" className="card">
          <h2 id="manage-title">{t("view.manage")}</h2>
          <div className="button-row">
            {actions.includes("edit") ? (
              <Link
                to={localePath(locale, `/requests/${request.slug}/edit`)}
                className="button button-secondary"
              >
                {t("view.edit")}
              </Link>
            ) : null}
            {memberButtons
              .filter((button) => actions.includes(button.action))
              .map((button) => (
                <Form method="post" key={button.action}>
                  <input type="hidden" name="intent" value={button.action} />
                  <button
                    type="submit"
                    className={button.secondary ? "button button-secondary" : "button"}
                    disabled={busy}
                  >
                    {t(button.label)}
                  </button>
                </Form>
              ))}
          </div>
          {renewLater ? <p className="hint">{t("view.renewFrom", { date: renewLater })}</p> : null}
        </section>
      ) : null}
    </article>
  );
}
