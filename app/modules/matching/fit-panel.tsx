// "How well this fits my organisation" on a profile or request page, for a member of another
// organisation: the fit out of 100 and its strongest reasons, "we are interested" (or the match the
// two already have), and the way to all suggestions.
import { Link } from "@remix-run/react";
import { localePath, type Locale } from "~/modules/i18n/config.ts";
import { useTranslation } from "~/modules/i18n/react.tsx";
import { InterestForm } from "./interest-form.tsx";
import type { FitWithMatch } from "./views.ts";
import { reasonText } from "./reasons.ts";

export function FitPanel({
  fit,
  locale,
  partnerName,
}: {
  fit: FitWithMatch;
  locale: Locale;
  partnerName: string;
}) {
  const { t } = useTranslation("matching");
  return (
    <section className="card stack fit-panel" aria-labelledby="fit-heading">
      <h2 id="fit-heading">{t("fit.heading", { name: fit.organisation.name })}</h2>
      <p className="suggestion-score">{t("page.fit", { score: fit.score })}</p>
      <ul className="suggestion-reasons">
        {fit.reasons.map((reason) => (
          <li key={reason.key}>{reasonText(t, reason, locale)}</li>
        ))}
      </ul>
      {fit.match ? (
        <p>
          <Link to={localePath(locale, `/matches/${fit.match.id}`)}>
            {fit.match.waitingForUs
              ? t("fit.waitingForUs", { name: partnerName })
              : t("fit.openMatch", { stage: t(`status.${fit.match.status}`) })}
          </Link>
        </p>
      ) : (
        <InterestForm
          target={{ organisation: fit.organisation.slug, partner: fit.partner, request: fit.request }}
          locale={locale}
          partnerName={partnerName}
        />
      )}
      <p>
        <Link to={localePath(locale, "/matches")}>{t("fit.all")}</Link>
      </p>
    </section>
  );
}
