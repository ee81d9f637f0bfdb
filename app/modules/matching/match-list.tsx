// The member's matches on the suggestions page, by what is next: staff recommendations first, then
// interests waiting for the member's answer, those waiting for the partner's, the connected pairs,
// and the closed ones.
import { Link } from "@remix-run/react";
import { localePath, type Locale } from "~/modules/i18n/config.ts";
import { useTranslation } from "~/modules/i18n/react.tsx";
import type { MatchStatus } from "~/generated/prisma/enums.ts";

export type MatchListItem = {
  id: string;
  status: MatchStatus;
  side: "from" | "to";
  own: { slug: string; name: string };
  partner: { slug: string; name: string; country: "NL" | "DE" };
  score: number;
  promoted: boolean;
  promotionNote: { nl: string | null; de: string | null } | null;
};

type Group = "recommended" | "waitingForUs" | "waitingForThem" | "connected" | "closed";

function groupOf(match: MatchListItem): Group {
  if (match.status === "suggested") return "recommended";
  if (match.status === "interested") return match.side === "to" ? "waitingForUs" : "waitingForThem";
  if (match.status === "connected" || match.status === "active_project") return "connected";
  return "closed";
}

const order: Group[] = ["recommended", "waitingForUs", "waitingForThem", "connected", "closed"];

/** The promotion note in the reader's language; an English reader gets both. */
export function promotionText(note: { nl: string | null; de: string | null }, locale: Locale): string {
  if (locale === "nl") return note.nl || note.de || "";
  if (locale === "de") return note.de || note.nl || "";
  return [note.nl, note.de].filter(Boolean).join(" / ");
}

export function MatchList({ matches, locale }: { matches: MatchListItem[]; locale: Locale }) {
  const { t } = useTranslation("matching");
  if (!matches.length) return null;
  return (
    <section aria-labelledby="matches-heading" className="stack">
      <h2 id="matches-heading">{t("list.heading")}</h2>
      {order.map((group) => {
        const items = matches.filter((match) => groupOf(match) === group);
        if (!items.length) return null;
        return (
          <div key={group} className="stack">
            <h3 id={`matches-${group}`}>{t(`list.${group}`)}</h3>
            <ul className="match-list stack" aria-labelledby={`matches-${group}`}>
              {items.map((match) => (
                <li key={match.id} className={match.promoted ? "card match-row promoted" : "card match-row"}>
                  {match.promoted ? <p className="badge badge-promoted">{t("promotion.badge")}</p> : null}
                  <p>
                    <Link to={localePath(locale, `/matches/${match.id}`)}>
                      {t("list.pair", { partner: match.partner.name, own: match.own.name })}
                    </Link>
                  </p>
                  <p>
                    {t(`status.${match.status}`)} · {t("page.fit", { score: match.score })}
                  </p>
                  {match.promotionNote ? <p>{promotionText(match.promotionNote, locale)}</p> : null}
                </li>
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}
