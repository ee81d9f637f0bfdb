// For staff: recommend promising pairs. Find an organisation, see its best suggestions with their
// reasons, and recommend one with a note in Dutch and German ("recommended by the Euregio"); below,
// the latest matches of every stage, each linking to its page (where staff recommend a match).
import type { TranslatedHandle } from "~/modules/i18n/namespaces.ts";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormAlert } from "~/components/ui/field.tsx";
import { requireStaff } from "~/modules/auth/guards.server.ts";
import { localePath } from "~/modules/i18n/config.ts";
import { requireLocale } from "~/modules/i18n/params.server.ts";
import { useTranslation } from "~/modules/i18n/react.tsx";
import { pageMeta } from "~/modules/i18n/translate.ts";
import { maxPromotionNoteLength } from "~/modules/matching/limits.ts";
import { promoteSuggestion, staffMatchesOverview } from "~/modules/matching/promotion.server.ts";
import { reasonText } from "~/modules/matching/reasons.ts";
import { isAppError } from "~/utils/errors.ts";
import { orErrorPage } from "~/utils/http.server.ts";
import { redirectWithNotice } from "~/utils/notice.server.ts";

export const handle: TranslatedHandle = { i18n: ["auth", "matching", "taxonomy"] };

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, "matching:staff.title", "matching:staff.description");

const bounded = (value: string | null, max: number) =>
  value && value.trim().length > 0 && value.length <= max ? value.trim() : null;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const { user } = requireStaff(context, request);
  const url = new URL(request.url);
  const q = bounded(url.searchParams.get("q"), 100);
  const organisation = bounded(url.searchParams.get("organisation"), 200);
  const overview = await orErrorPage(staffMatchesOverview(user, { q, organisation }));
  return { locale, q, ...overview };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const locale = requireLocale(params);
  const { user } = requireStaff(context, request);
  const form = await request.formData().catch(() => null);
  const text = (name: string) => {
    const value = form?.get(name);
    return typeof value === "string" ? value : "";
  };
  const organisation = bounded(text("organisation"), 200);
  const partner = bounded(text("partner"), 200);
  if (!form || text("intent") !== "promote" || !organisation || !partner) {
    return data(
      {
        error: "matching:errors.invalid",
        partner: null,
        fields: {} as Record<string, string>,
        noteNl: "",
        noteDe: "",
      },
      { status: 400 },
    );
  }
  try {
    const matchId = await promoteSuggestion(user, {
      organisation,
      partner,
      noteNl: text("noteNl"),
      noteDe: text("noteDe"),
    });
    return redirectWithNotice(localePath(locale, `/matches/${matchId}`), "promoted");
  } catch (error) {
    if (!isAppError(error)) throw error;
    return data(
      {
        error: error.messageKey,
        partner,
        fields: error.fieldErrors,
        noteNl: text("noteNl").slice(0, 2000),
        noteDe: text("noteDe").slice(0, 2000),
      },
      { status: error.status },
    );
  }
}

export default function StaffMatches() {
  const { t } = useTranslation("matching");
  const { locale, q, recent, found, chosen, suggestions } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  return (
    <div className="stack-large">
      <h1>{t("staff.title")}</h1>
      <p className="lead">{t("staff.intro")}</p>
      {answer?.error ? <FormAlert error={answer.error} /> : null}
      <Form method="get" className="stack" role="search" aria-label={t("staff.searchLabel")}>
        <label htmlFor="staff-q">{t("staff.searchLabel")}</label>
        <input id="staff-q" name="q" type="search" defaultValue={q ?? ""} maxLength={100} />
        <button type="submit" className="button button-secondary">
          {t("staff.search")}
        </button>
      </Form>
      {q ? (
        found.length ? (
          <ul className="match-list stack" aria-label={t("staff.found")}>
            {found.map((organisation) => (
              <li key={organisation.slug}>
                <Link
                  to={`${localePath(locale, "/staff/matches")}?organisation=${encodeURIComponent(organisation.slug)}`}
                >
                  {organisation.name}
                </Link>{" "}
                ({t(`taxonomy:country.${organisation.country}`)})
              </li>
            ))}
          </ul>
        ) : (
          <p>{t("staff.nothingFound")}</p>
        )
      ) : null}

      {chosen ? (
        <section className="stack" aria-labelledby="staff-suggestions">
          <h2 id="staff-suggestions">{t("staff.suggestionsFor", { name: chosen.name })}</h2>
          {suggestions.length === 0 ? <p>{t("page.none")}</p> : null}
          <ol className="stack">
            {suggestions.map((suggestion) => {
              const refused = answer?.partner === suggestion.partner.slug ? answer : null;
              const id = `note-${suggestion.partner.slug}`;
              return (
                <li key={suggestion.partner.slug} className="card stack">
                  <h3>
                    <Link to={localePath(locale, `/organisations/${suggestion.partner.slug}`)}>
                      {suggestion.partner.name}
                    </Link>
                  </h3>
                  <p className="suggestion-score">{t("page.fit", { score: suggestion.score })}</p>
                  <ul className="suggestion-reasons">
                    {suggestion.reasons.map((reason) => (
                      <li key={reason.key}>{reasonText(t, reason, locale)}</li>
                    ))}
                  </ul>
                  <details className="interest" open={!!refused}>
                    <summary className="button">
                      {t("staff.recommend", { name: suggestion.partner.name })}
                    </summary>
                    <Form method="post" className="stack">
                      <input type="hidden" name="intent" value="promote" />
                      <input type="hidden" name="organisation" value={chosen.slug} />
                      <input type="hidden" name="partner" value={suggestion.partner.slug} />
                      <label htmlFor={`${id}-nl`}>{t("promotion.noteNl")}</label>
                      <textarea
                        id={`${id}-nl`}
                        name="noteNl"
                        lang="nl"
                        rows={2}
                        required
                        maxLength={maxPromotionNoteLength}
                        defaultValue={refused?.noteNl ?? ""}
                        aria-invalid={refused?.fields?.noteNl ? true : undefined}
                      />
                      <label htmlFor={`${id}-de`}>{t("promotion.noteDe")}</label>
                      <textarea
                        id={`${id}-de`}
                        name="noteDe"
                        lang="de"
                        rows={2}
                        required
                        maxLength={maxPromotionNoteLength}
                        defaultValue={refused?.noteDe ?? ""}
                        aria-invalid={refused?.fields?.noteDe ? true : undefined}
                      />
                      <button type="submit" className="button">
                        {t("promotion.submit")}
                      </button>
                    </Form>
                  </details>
                </li>
              );
            })}
          </ol>
        </section>
      ) : null}

      <section className="stack" aria-labelledby="staff-recent">
        <h2 id="staff-recent">{t("staff.recent")}</h2>
        <ul className="match-list stack">
          {recent.map((match) => (
            <li key={match.id} className={match.promoted ? "card match-row promoted" : "card match-row"}>
              <Link to={localePath(locale, `/matches/${match.id}`)}>
                {t("staff.pair", { from: match.from.name, to: match.to.name })}
              </Link>
              <p>
                {t(`status.${match.status}`)} · {t("page.fit", { score: match.score })}
                {match.promoted ? ` · ${t("promotion.badge")}` : ""}
              </p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
