// For staff: the organisations waiting for verification, the longest waiting first, each linking to
// its profile where staff verify or suspend it. Linked from the header for staff.
import type { TranslatedHandle } from "~/modules/i18n/namespaces.ts";
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/modules/i18n/react.tsx";
import { requireStaff } from "~/modules/auth/guards.server.ts";
import { localePath } from "~/modules/i18n/config.ts";
import { requireLocale } from "~/modules/i18n/params.server.ts";
import { pageTitle } from "~/modules/i18n/translate.ts";
import styles from "~/modules/organisations/organisations.css?url";
import { listPendingOrganisations } from "~/modules/organisations/pending.server.ts";
import { municipalityName } from "~/modules/places/municipalities.ts";
import { formatDate } from "~/modules/requests/lifecycle.ts";

export const handle: TranslatedHandle = { i18n: ["auth", "organisations", "taxonomy"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "organisations:pending.title") },
];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  requireStaff(context, request);
  const { organisations, total } = await listPendingOrganisations();
  return {
    locale,
    total,
    organisations: organisations.map(({ createdAt, municipality, ...organisation }) => ({
      ...organisation,
      municipality: municipalityName(municipality, locale),
      registered: formatDate(createdAt, locale),
    })),
  };
}

export default function PendingOrganisations() {
  const { t } = useTranslation("organisations");
  const { locale, total, organisations } = useLoaderData<typeof loader>();
  return (
    <div className="stack-large">
      <h1>{t("pending.title")}</h1>
      <p>{t("pending.intro")}</p>
      {organisations.length === 0 ? (
        <p>{t("pending.empty")}</p>
      ) : (
        <>
          <p role="status">{t("pending.count", { count: total })}</p>
          <ol className="plain-list stack">
            {organisations.map((organisation) => (
              <li key={organisation.slug} className="card member-row">
                <div>
                  <h2>
                    <Link to={localePath(locale, `/organisations/${organisation.slug}`)}>
                      {organisation.name}
                    </Link>
                  </h2>
                  <p>
                    {t(`taxonomy:kind.${organisation.kind}`)} · {organisation.municipality} ·{" "}
                    {t(`taxonomy:country.${organisation.country}`)}
                  </p>
                </div>
                <p>{t("pending.registered", { date: organisation.registered })}</p>
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
