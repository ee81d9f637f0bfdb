// The home page: what the platform is for, in the reader's language.
import type { MetaFunction } from "@remix-run/node";
import { Link, useParams, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "~/components/ui/field.tsx";
import { isLocale, localePath } from "~/modules/i18n/config.ts";
import { pageTitle } from "~/modules/i18n/translate.ts";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "home:title") }];

export default function Home() {
  const { t } = useTranslation("home");
  const { lang } = useParams();
  const locale = isLocale(lang) ? lang : "en";
  const [searchParams] = useSearchParams();
  return (
    <>
      {searchParams.get("notice") === "accountDeleted" ? <Notice>{t("auth:account.deleted")}</Notice> : null}
      <section className="hero" aria-labelledby="home-title">
        <h1 id="home-title">{t("title")}</h1>
        <p className="lead">{t("intro")}</p>
        <p>
          <Link to={localePath(locale, "/signup")} className="button">
            {t("cta")}
          </Link>
        </p>
      </section>
      <section aria-labelledby="map-heading" className="map-placeholder">
        <h2 id="map-heading">{t("mapHeading")}</h2>
        <p>{t("mapPlaceholder")}</p>
      </section>
      <div className="columns">
        <section aria-labelledby="for-whom">
          <h2 id="for-whom">{t("forWhom")}</h2>
          <ul>
            <li>{t("audience.schools")}</li>
            <li>{t("audience.clubs")}</li>
            <li>{t("audience.culture")}</li>
            <li>{t("audience.staff")}</li>
          </ul>
        </section>
        <section aria-labelledby="how">
          <h2 id="how">{t("howItWorks")}</h2>
          <ol>
            <li>{t("steps.profile")}</li>
            <li>{t("steps.request")}</li>
            <li>{t("steps.match")}</li>
          </ol>
        </section>
      </div>
    </>
  );
}
