// The home page: what the platform is for and the map of the Euregio, in the reader's language.
import type { TranslatedHandle } from "~/modules/i18n/namespaces.ts";
import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "~/modules/i18n/react.tsx";
import { Notice } from "~/components/ui/field.tsx";
import { isLocale, localePath } from "~/modules/i18n/config.ts";
import { pageMeta } from "~/modules/i18n/translate.ts";
import { euregioBounds, memberLabels } from "~/modules/map/basemap.server.ts";
import { PointsMap } from "~/modules/map/points/points-map.tsx";
import mapStyles from "~/styles/map.css?url";
import { getEnv } from "~/utils/env.server.ts";
import { takeNotice } from "~/utils/notice.server.ts";

export const handle: TranslatedHandle = { i18n: ["auth", "home", "taxonomy", "map"] };

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "home:title", "home:description");

export const links: LinksFunction = () => [{ rel: "stylesheet", href: mapStyles }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const locale = isLocale(params.lang) ? params.lang : "en";
  const styleUrl = getEnv().MAP_STYLE_URL ?? null;
  // A provider's style brings its own place names.
  const labels = styleUrl ? [] : await memberLabels(locale);
  const { notice, headers } = await takeNotice(request, ["accountDeleted"]);
  return data({ notice, map: { styleUrl, bounds: euregioBounds, labels } }, { headers });
}

export default function Home() {
  const { t } = useTranslation("home");
  const { map, notice } = useLoaderData<typeof loader>();
  const { lang } = useParams();
  const locale = isLocale(lang) ? lang : "en";
  return (
    <>
      {notice === "accountDeleted" ? <Notice>{t("auth:account.deleted")}</Notice> : null}
      <section className="hero" aria-labelledby="home-title">
        <h1 id="home-title">{t("title")}</h1>
        <p className="lead">{t("intro")}</p>
        <p>
          <Link to={localePath(locale, "/signup")} className="button">
            {t("cta")}
          </Link>
        </p>
      </section>
      <section aria-labelledby="map-heading" className="map-section">
        <h2 id="map-heading">{t("map.heading")}</h2>
        <p id="map-explanation">{t("map.explanation")}</p>
        <PointsMap
          base={map}
          show="requests"
          filters=""
          locale={locale}
          label={t("map:controls.canvasLabel")}
          fallback={
            <p>
              {t("map:controls.noScript")}{" "}
              <Link to={localePath(locale, "/browse")}>{t("common:nav.browse")}</Link>
            </p>
          }
        />
        <p>
          <Link to={localePath(locale, "/map")}>{t("map.open")}</Link>
        </p>
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
