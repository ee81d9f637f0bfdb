// "How well this fits my organisation" on a profile or request page, for a member of another
// organisation: the fit out of 100 and its strongest reasons, with the way to all suggestions.
import { Link } from "@remix-run/react";
import { localePath, type Locale } from "~/modules/i18n/config.ts";
import { useTranslation } from "~/modules/i18n/react.tsx";
import { reasonText } from "./reasons.ts";
import type { Reason } from "./score.ts";

export type FitView = { organisation: { name: string }; score: number; reasons: Reason[] };

export function FitPanel({ fit, locale }: { fit: FitView; locale: Locale }) {
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
      <p>
        <Link to={localePath(locale, "/matches")}>{t("fit.all")}</Link>
      </p>
    </section>
  );
}
