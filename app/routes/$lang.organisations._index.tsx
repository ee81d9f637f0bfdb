// "My organisations": every organisation the signed-in user belongs to, with role and status.
import type { TranslatedHandle } from "~/modules/i18n/namespaces.ts";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "~/modules/i18n/react.tsx";
import { requireUser } from "~/modules/auth/guards.server.ts";
import { isLocale, localePath } from "~/modules/i18n/config.ts";
import { requireLocale } from "~/modules/i18n/params.server.ts";
import { pageTitle } from "~/modules/i18n/translate.ts";
import styles from "~/modules/organisations/organisations.css?url";
import { listMyOrganisations } from "~/modules/organisations/service.server.ts";

export const handle: TranslatedHandle = { i18n: ["auth", "organisations", "taxonomy"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "organisations:dashboard.title") },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  requireLocale(params);
  const { user } = requireUser(context, request);
  return { organisations: await listMyOrganisations(user.id) };
}

export default function MyOrganisations() {
  const { t } = useTranslation("organisations");
  const { organisations } = useLoaderData<typeof loader>();
  const { lang } = useParams();
  const locale = isLocale(lang) ? lang : "en";
  return (
    <div className="stack-large">
      <h1>{t("dashboard.title")}</h1>
      <p>{t("dashboard.intro")}</p>
      {organisations.length === 0 ? (
        <p>{t("dashboard.empty")}</p>
      ) : (
        <ul className="plain-list">
          {organisations.map((organisation) => (
            <li key={organisation.id} className="card member-row">
              <div>
                <h2>
                  <Link to={localePath(locale, `/organisations/${organisation.slug}`)}>
                    {organisation.name}
                  </Link>
                </h2>
                <p>{t(`taxonomy:kind.${organisation.kind}`)}</p>
              </div>
              <div>
                <p>{t("dashboard.role", { role: t(`role.${organisation.role}`) })}</p>
                <p>
                  <span className={`badge badge-${organisation.status}`}>
                    {t("dashboard.statusLabel", { status: t(`status.${organisation.status}`) })}
                  </span>
                </p>
                {organisation.status !== "suspended" ? (
                  <p>
                    <Link to={localePath(locale, `/requests/new?org=${organisation.slug}`)}>
                      {t("profile.newRequest")}
                    </Link>
                  </p>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link to={localePath(locale, "/organisations/new")} className="button">
          {t("dashboard.create")}
        </Link>
      </p>
    </div>
  );
}
