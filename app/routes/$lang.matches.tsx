// Suggested partners: for each open request of the member's organisations (or the organisation
// itself without one), the best-fitting organisations across the border with the reasons in plain
// words, linked to their profile and request.
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
import { reasonText } from "~/modules/matching/reasons.ts";
import { dismissSuggestion, restoreSuggestion } from "~/modules/matching/dismissals.server.ts";
import { InterestForm, type InterestTarget } from "~/modules/matching/interest-form.tsx";
import { MatchList } from "~/modules/matching/match-list.tsx";
import { expressInterest, matchesForMember, partnerName } from "~/modules/matching/matches.server.ts";
import {
  belongsToAnOrganisation,
  suggestionsForMember,
  type SuggestionView,
} from "~/modules/matching/suggestions.server.ts";
import { isAppError } from "~/utils/errors.ts";
import { redirectWithNotice, takeNotice } from "~/utils/notice.server.ts";

const notices = ["dismissed", "restored"] as const;

type Retry = { target: InterestTarget; partnerName: string; message: string };

export const handle: TranslatedHandle = { i18n: ["auth", "matching", "taxonomy"] };

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, "matching:page.title", "matching:page.description");

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const { user } = requireUser(context, request);
  const [{ groups, dismissed }, matches, hasOrganisation, { notice, headers }] = await Promise.all([
    suggestionsForMember(user.id, locale),
    matchesForMember(user.id),
    belongsToAnOrganisation(user.id),
    takeNotice(request, notices),
  ]);
  return data(
    { locale, groups, dismissed, matches, hasOrganisation, notice, staff: isStaff(user) },
    { headers },
  );
}

/**
 * "We are interested" (opens the match), or dismiss a suggested partner or bring one back; the
 * organisations and requests by slug, each checked against the user's memberships.
 */
export async function action({ request, context, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const { user } = requireUser(context, request);
  // A body that is no form at all (another Content-Type, cut off) is the same bad request.
  const form = await request.formData().catch(() => null);
  if (!form) return data({ error: "matching:errors.invalid", retry: null }, { status: 400 });
  const field = (name: string, max = 200) => {
    const value = form.get(name);
    return typeof value === "string" && value.length > 0 && value.length <= max ? value : null;
  };
  const intent = field("intent");
  const input = { organisation: field("organisation"), partner: field("partner") };
  if (
    (intent !== "dismiss" && intent !== "restore" && intent !== "interest") ||
    !input.organisation ||
    !input.partner
  ) {
    return data({ error: "matching:errors.invalid", retry: null }, { status: 400 });
  }
  const named = { organisation: input.organisation, partner: input.partner };
  if (intent === "interest") {
    const message = form.get("message");
    const typed = typeof message === "string" ? message : "";
    const target: InterestTarget = { ...named, request: field("request"), ownRequest: field("ownRequest") };
    try {
      const { matchId, status } = await expressInterest(user.id, { ...target, message: typed });
      return redirectWithNotice(
        localePath(locale, `/matches/${matchId}`),
        status === "connected" ? "connected" : "interestSent",
      );
    } catch (error) {
      if (!isAppError(error)) throw error;
      // The typed message comes back in the form, so a refused send loses nothing.
      const retry: Retry = {
        target,
        partnerName: await partnerName(target.partner),
        message: typed.slice(0, 5000),
      };
      return data({ error: error.messageKey, retry }, { status: error.status });
    }
  }
  try {
    if (intent === "dismiss") await dismissSuggestion(user.id, named);
    else await restoreSuggestion(user.id, named);
  } catch (error) {
    if (!isAppError(error)) throw error;
    return data({ error: error.messageKey, retry: null }, { status: error.status });
  }
  return redirectWithNotice(localePath(locale, "/matches"), intent === "dismiss" ? "dismissed" : "restored");
}

type Texts = { nl: string | null; de: string | null; en: string | null };

function title(texts: Texts, locale: Locale, fallback: string): string {
  return pickLocalized(texts, locale)?.text ?? fallback;
}

function PartnerForm({
  intent,
  organisation,
  partner,
  label,
}: {
  intent: "dismiss" | "restore";
  organisation: string;
  partner: string;
  label: string;
}) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="organisation" value={organisation} />
      <input type="hidden" name="partner" value={partner} />
      <button type="submit" className="button button-secondary">
        {label}
      </button>
    </Form>
  );
}

function SuggestionCard({
  suggestion,
  locale,
  own,
  ownRequest,
}: {
  suggestion: SuggestionView;
  locale: Locale;
  /** The slug of the member's organisation the suggestion is for, and of its request. */
  own: string;
  ownRequest: string | null;
}) {
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
      <InterestForm
        target={{ organisation: own, partner: organisation.slug, request: request?.slug, ownRequest }}
        locale={locale}
        partnerName={organisation.name}
      />
      <PartnerForm
        intent="dismiss"
        organisation={own}
        partner={organisation.slug}
        label={t("page.dismiss", { name: organisation.name })}
      />
    </li>
  );
}

export default function Matches() {
  const { t } = useTranslation("matching");
  const { locale, groups, dismissed, matches, hasOrganisation, notice, staff } =
    useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const retry = answer && "retry" in answer ? answer.retry : null;
  return (
    <div className="stack-large">
      <h1>{t("page.title")}</h1>
      <p className="lead">{t("page.intro")}</p>
      {staff ? (
        <p>
          <Link to={localePath(locale, "/staff/matches")}>{t("staff.link")}</Link>
        </p>
      ) : null}
      {notice ? <Notice>{t(`page.${notice}`)}</Notice> : null}
      {answer && "error" in answer ? <FormAlert error={answer.error} /> : null}
      {retry ? (
        <InterestForm
          target={retry.target}
          locale={locale}
          partnerName={retry.partnerName}
          message={retry.message}
          open
        />
      ) : null}
      <MatchList matches={matches} locale={locale} />
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
                    own={group.organisation.slug}
                    ownRequest={group.request?.slug ?? null}
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
      {dismissed.length ? (
        <section aria-labelledby="dismissed-heading" className="stack">
          <h2 id="dismissed-heading">{t("page.dismissedHeading")}</h2>
          {dismissed.map((entry) => (
            <div key={entry.organisation.slug} className="stack">
              <p>{t("page.dismissedFor", { name: entry.organisation.name })}</p>
              <ul className="plain-list stack">
                {entry.partners.map((partner) => (
                  <li key={partner.slug} className="card member-row">
                    <Link to={localePath(locale, `/organisations/${partner.slug}`)}>{partner.name}</Link>
                    <PartnerForm
                      intent="restore"
                      organisation={entry.organisation.slug}
                      partner={partner.slug}
                      label={t("page.restore", { name: partner.name })}
                    />
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ) : null}
    </div>
  );
}
