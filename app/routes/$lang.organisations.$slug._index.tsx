// An organisation's profile: public once verified, otherwise only for its members and staff; staff
// verify or suspend it here.
import type { TranslatedHandle } from "~/modules/i18n/namespaces.ts";
import type {
  ActionFunctionArgs,
  LinksFunction,
  LoaderFunctionArgs,
  MetaDescriptor,
  MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useParams } from "@remix-run/react";
import { useTranslation } from "~/modules/i18n/react.tsx";
import { FormAlert, Notice } from "~/components/ui/field.tsx";
import { formErrorOf } from "~/components/ui/form-answer.ts";
import { getAuth, requireStaff } from "~/modules/auth/guards.server.ts";
import { requireOrgAccess } from "~/modules/organisations/access.server.ts";
import { isLocale, localePath, locales, type Locale } from "~/modules/i18n/config.ts";
import { pickLocalized } from "~/modules/i18n/localized.ts";
import { requireLocale } from "~/modules/i18n/params.server.ts";
import { metaText, pageTitle } from "~/modules/i18n/translate.ts";
import { municipalityName } from "~/modules/places/municipalities.ts";
import styles from "~/modules/organisations/organisations.css?url";
import { VerificationBadge } from "~/modules/organisations/verification-badge.tsx";
import { fitWithMatch } from "~/modules/matching/matches.server.ts";
import { FitPanel } from "~/modules/matching/fit-panel.tsx";
import { handleForm, orErrorPage } from "~/utils/http.server.ts";
import { verificationSchema } from "~/modules/organisations/schemas.ts";
import { getOrganisationProfile, setVerificationStatus } from "~/modules/organisations/service.server.ts";
import { getEnv } from "~/utils/env.server.ts";

export const handle: TranslatedHandle = { i18n: ["auth", "organisations", "taxonomy", "matching"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

const ogLocale: Record<Locale, string> = { nl: "nl_NL", de: "de_DE", en: "en_GB" };

export async function loader({ context, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const viewer = getAuth(context)?.user ?? null;
  const profile = await orErrorPage(getOrganisationProfile(params.slug ?? "", viewer));
  const fit =
    viewer && profile.status === "verified"
      ? await fitWithMatch(viewer.id, { organisationSlug: profile.slug })
      : null;
  const appUrl = getEnv().APP_URL;
  const pathFor = (lang: Locale) => localePath(lang, `/organisations/${profile.slug}`);
  const description = pickLocalized(profile.description, locale)?.text ?? "";
  return {
    profile,
    fit,
    seo: {
      url: `${appUrl}${pathFor(locale)}`,
      description: description.length > 200 ? `${description.slice(0, 197)}…` : description,
      image: profile.logoId ? `${appUrl}/logos/${profile.logoId}` : null,
      alternates: locales.map((lang) => ({ lang, href: `${appUrl}${pathFor(lang)}` })),
    },
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  requireLocale(params);
  const { user } = requireStaff(context, request);
  return handleForm(request, verificationSchema, async ({ intent }) => {
    const access = await requireOrgAccess(params.slug ?? "", user, "staff");
    const status = intent === "verify" ? "verified" : "suspended";
    await setVerificationStatus(access, status);
    return { ok: true as const, status };
  });
}

export const meta: MetaFunction<typeof loader> = ({ data, matches, params }) => {
  const appName = metaText(matches, "common:appName");
  if (!data) return [{ title: pageTitle(matches, "common:errors.notFoundTitle") }];
  const { profile, seo } = data;
  const tags: MetaDescriptor[] = [
    { title: `${profile.name} – ${appName}` },
    { name: "description", content: seo.description },
    { property: "og:title", content: profile.name },
    { property: "og:description", content: seo.description },
    { property: "og:type", content: "website" },
    { property: "og:url", content: seo.url },
    { property: "og:site_name", content: appName },
    { property: "og:locale", content: ogLocale[isLocale(params.lang) ? params.lang : "en"] },
    { tagName: "link", rel: "canonical", href: seo.url },
    ...seo.alternates.map((alternate) => ({
      tagName: "link" as const,
      rel: "alternate",
      hrefLang: alternate.lang,
      href: alternate.href,
    })),
  ];
  if (seo.image) tags.push({ property: "og:image", content: seo.image });
  if (profile.status !== "verified") tags.push({ name: "robots", content: "noindex" });
  return tags;
};

function Localized({
  texts,
  locale,
  fallback,
}: {
  texts: Partial<Record<Locale, string | null>>;
  locale: Locale;
  fallback: string;
}) {
  const picked = pickLocalized(texts, locale);
  return picked ? <span lang={picked.lang}>{picked.text}</span> : <>{fallback}</>;
}

export default function OrganisationProfile() {
  const { t } = useTranslation("organisations");
  const { profile, fit } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const { lang } = useParams();
  const locale: Locale = isLocale(lang) ? lang : "en";
  const description = pickLocalized(profile.description, locale);
  const kindLabel = [
    t(`taxonomy:kind.${profile.kind}`),
    profile.schoolLevel ? t(`taxonomy:schoolLevel.${profile.schoolLevel}`) : null,
    profile.sport ? t(`taxonomy:sport.${profile.sport}`) : null,
  ]
    .filter(Boolean)
    .join(" · ");

  return (
    <article className="stack-large" aria-labelledby="organisation-name">
      <header className="profile-header">
        {profile.logoId ? (
          <img
            src={`/logos/${profile.logoId}`}
            alt={t("profile.logoAlt", { name: profile.name })}
            className="profile-logo"
            width={96}
            height={96}
          />
        ) : null}
        <div>
          <h1 id="organisation-name">{profile.name}</h1>
          <p>
            <VerificationBadge status={profile.status} />
          </p>
        </div>
      </header>

      {result && "ok" in result ? (
        <Notice>{t("profile.statusChanged", { status: t(`status.${result.status}`) })}</Notice>
      ) : null}
      <FormAlert error={formErrorOf(result)} />
      {profile.status === "pending" ? <p className="alert">{t("profile.pendingNotice")}</p> : null}
      {profile.status === "suspended" ? <p className="alert">{t("profile.suspendedNotice")}</p> : null}
      {fit ? <FitPanel fit={fit} locale={locale} partnerName={profile.name} /> : null}

      <dl className="facts">
        <dt>{t("profile.kind")}</dt>
        <dd>{kindLabel}</dd>
        <dt>{t("profile.municipality")}</dt>
        <dd>{municipalityName(profile.municipality, locale)}</dd>
        <dt>{t("profile.country")}</dt>
        <dd>
          <span className="country-code" aria-hidden="true">
            {profile.country}
          </span>{" "}
          {t(`taxonomy:country.${profile.country}`)}
        </dd>
        {profile.address ? (
          <>
            <dt>{t("profile.address")}</dt>
            <dd>{profile.address}</dd>
          </>
        ) : null}
        {profile.sizeRange ? (
          <>
            <dt>{t("profile.size")}</dt>
            <dd>{t(`taxonomy:size.${profile.sizeRange}`)}</dd>
          </>
        ) : null}
        {profile.website ? (
          <>
            <dt>{t("profile.website")}</dt>
            <dd>
              <a href={profile.website} rel="nofollow noopener ugc">
                {profile.website.replace(/^https?:\/\//, "").replace(/\/$/, "")}
              </a>
            </dd>
          </>
        ) : null}
        {profile.languages.length > 0 ? (
          <>
            <dt>{t("profile.languages")}</dt>
            <dd>
              <ul className="plain-list">
                {profile.languages.map((entry) => (
                  <li key={entry.language}>
                    {t("profile.languageLevel", {
                      language: t(`taxonomy:language.${entry.language}`),
                      level: t(`taxonomy:level.${entry.level}`),
                    })}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
      </dl>

      <section aria-labelledby="about-title" className="stack">
        <h2 id="about-title">{t("profile.about")}</h2>
        {description ? (
          <>
            {description.isFallback ? (
              <p className="language-marker">{t(`profile.writtenIn.${description.lang}`)}</p>
            ) : null}
            <p className="description" lang={description.lang}>
              {description.text}
            </p>
          </>
        ) : (
          <p>{t("profile.noDescription")}</p>
        )}
      </section>

      <section aria-labelledby="requests-title" className="stack">
        <h2 id="requests-title">{t("profile.openRequests")}</h2>
        {profile.openRequests.length === 0 ? (
          <p>{t("profile.noOpenRequests")}</p>
        ) : (
          <ul>
            {profile.openRequests.map((request) => (
              <li key={request.slug}>
                <Link to={localePath(locale, `/requests/${request.slug}`)}>
                  <Localized texts={request.title} locale={locale} fallback={t("profile.untitled")} />
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>

      {profile.viewerRole ? (
        <section aria-labelledby="manage-title" className="card stack">
          <h2 id="manage-title">{t("profile.manage")}</h2>
          {profile.status === "pending" ? (
            <p>{t("profile.pendingRequestHint")}</p>
          ) : profile.openRequests.length === 0 ? (
            <p>{t("profile.firstRequestHint")}</p>
          ) : null}
          <div className="button-row">
            {profile.status !== "suspended" ? (
              <Link to={localePath(locale, `/requests/new?org=${profile.slug}`)} className="button">
                {t("profile.newRequest")}
              </Link>
            ) : null}
            <Link
              to={localePath(locale, `/organisations/${profile.slug}/edit`)}
              className="button button-secondary"
            >
              {t("profile.edit")}
            </Link>
            <Link
              to={localePath(locale, `/organisations/${profile.slug}/members`)}
              className="button button-secondary"
            >
              {t("profile.members")}
            </Link>
          </div>
          {profile.draftRequests.length > 0 ? (
            <>
              <h3>{t("profile.drafts")}</h3>
              <ul>
                {profile.draftRequests.map((request) => (
                  <li key={request.slug}>
                    <Link to={localePath(locale, `/requests/${request.slug}`)}>
                      <Localized texts={request.title} locale={locale} fallback={t("profile.untitled")} />
                    </Link>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}

      {profile.viewerIsStaff ? (
        <section aria-labelledby="staff-title" className="card stack">
          <h2 id="staff-title">{t("profile.staffTitle")}</h2>
          <p>{t("profile.staffIntro")}</p>
          <Form method="post" className="button-row">
            {profile.status !== "verified" ? (
              <button type="submit" name="intent" value="verify" className="button" disabled={busy}>
                {t("profile.verify")}
              </button>
            ) : null}
            {profile.status !== "suspended" ? (
              <button
                type="submit"
                name="intent"
                value="suspend"
                className="button button-secondary"
                disabled={busy}
              >
                {t("profile.suspend")}
              </button>
            ) : null}
          </Form>
          <Form method="post" action={localePath(locale, "/messages")}>
            <input type="hidden" name="intent" value="staffThread" />
            <input type="hidden" name="organisation" value={profile.slug} />
            <button type="submit" className="button button-secondary">
              {t("profile.staffMessage")}
            </button>
          </Form>
        </section>
      ) : null}
    </article>
  );
}
