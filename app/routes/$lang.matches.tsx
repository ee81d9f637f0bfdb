// Suggested partners: for each open request of the member's organisations (or the organisation
// itself without one), the best-fitting organisations across the border with the reasons in plain
// words, linked to their profile and request.
import type { TranslatedHandle } from "~/modules/i18n/namespaces.ts";
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/modules/auth/guards.server.ts";
import { localePath, type Locale } from "~/modules/i18n/config.ts";
import { pickLocalized } from "~/modules/i18n/localized.ts";
import { requireLocale } from "~/modules/i18n/params.server.ts";
import { useTranslation } from "~/modules/i18n/react.tsx";
import { pageMeta } from "~/modules/i18n/translate.ts";
import { reasonText } from "~/modules/matching/reasons.ts";
import {
  belongsToAnOrganisation,
  suggestionsForMember,
  type SuggestionView,
} from "~/modules/matching/suggestions.server.ts";

export const handle: TranslatedHandle = { i18n: ["auth", "matching", "taxonomy"] };

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, "matching:page.title", "matching:page.description");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const { user } = requireUser(context, request);
  const [groups, hasOrganisation] = await Promise.all([
    suggestionsForMember(user.id, locale),
    belongsToAnOrganisation(user.id),
  ]);
  return { locale, groups, hasOrganisation };
}

type Texts = { nl: string | null; de: string | null; en: string | null };

function title(texts: Texts, locale: Locale, fallback: string): string {
  return pickLocalized(texts, locale)?.text ?? fallback;
}

function SuggestionCard({ suggestion, locale }: { suggestion: SuggestionView; locale: Locale }) {
  const { t } = useTranslation("matching");
  const { organisation, request } = suggestion;
  return (
    <li className="card stack suggestion">
      <div className="suggestion-head">
        <h3>
          <Link to={localePath(locale, `/organisations/${organisation.slug}`)}>{organisation.name}</Link>
        </h3>
        <p className="suggestion-score">{t("page.fit", { score: suggestion.score })}</p>
      </div>
      <p>
        {t("page.place", {
          kind: t(`taxonomy:kind.${organisation.kind}`),
          municipality: organisation.municipality,
          country: t(`taxonomy:country.${organisation.country}`),
        })}
      </p>
      {request ? (
        <p>
          <Link to={localePath(locale, `/requests/${request.slug}`)}>
            {t("page.theirRequest", { title: title(request.title, locale, organisation.name) })}
          </Link>
        </p>
      ) : null}
      <h4 className="suggestion-reasons-heading">{t("page.reasonsHeading")}</h4>
      <ul className="suggestion-reasons">
        {suggestion.reasons.map((reason) => (
          <li key={reason.key}>{reasonText(t, reason, locale)}</li>
        ))}
      </ul>
    </li>
  );
}

export default function Matches() {
  const { t } = useTranslation("matching");
  const { locale, groups, hasOrganisation } = useLoaderData<typeof loader>();
  return (
    <div className="stack-large">
      <h1>{t("page.title")}</h1>
      <p className="lead">{t("page.intro")}</p>
      {groups.length === 0 ? (
        <div className="card stack">
          <p>{t("page.noOrganisations")}</p>
          {hasOrganisation ? null : (
            <p>
              <Link to={localePath(locale, "/organisations/new")}>{t("page.registerOrganisation")}</Link>
            </p>
          )}
        </div>
      ) : null}
      {groups.map((group) => {
        const heading = group.request
          ? t("page.forRequest", { title: title(group.request.title, locale, group.organisation.name) })
          : t("page.forOrganisation", { name: group.organisation.name });
        const id = `group-${group.request?.slug ?? group.organisation.slug}`;
        return (
          <section key={id} aria-labelledby={id} className="stack">
            <h2 id={id}>{heading}</h2>
            {group.request ? <p>{t("page.of", { name: group.organisation.name })}</p> : null}
            {group.suggestions.length === 0 ? (
              <p>{t("page.none")}</p>
            ) : (
              <ol className="plain-list stack">
                {group.suggestions.map((suggestion) => (
                  <SuggestionCard
                    key={suggestion.organisation.slug}
                    suggestion={suggestion}
                    locale={locale}
                  />
                ))}
              </ol>
            )}
            {!group.request ? (
              <p>
                <Link to={localePath(locale, `/requests/new?org=${group.organisation.slug}`)}>
                  {t("page.newRequest")}
                </Link>
              </p>
            ) : null}
          </section>
        );
      })}
    </div>
  );
}
