// "We are interested": one form for a suggestion card, a profile and a request page, with an
// optional short message to the other side. It posts to the suggestions page, which creates the
// match (or connects the pair, when the other side asked first) and opens it.
import { Form } from "@remix-run/react";
import { useId } from "react";
import { localePath, type Locale } from "~/modules/i18n/config.ts";
import { useTranslation } from "~/modules/i18n/react.tsx";
import { maxMessageLength } from "./limits.ts";

export type InterestTarget = {
  /** The member's own organisation (slug). */
  organisation: string;
  /** The partner (slug), with the request of theirs it is about and the member's own, if any. */
  partner: string;
  request?: string | null;
  ownRequest?: string | null;
};

export function InterestForm({
  target,
  locale,
  partnerName,
  message,
  open = false,
}: {
  target: InterestTarget;
  locale: Locale;
  partnerName: string;
  /** The text typed before a refused send, shown again. */
  message?: string;
  open?: boolean;
}) {
  const { t } = useTranslation("matching");
  const id = useId();
  return (
    <details className="interest" open={open}>
      <summary className="button">{t("interest.open", { name: partnerName })}</summary>
      <Form method="post" action={localePath(locale, "/matches")} className="stack">
        <input type="hidden" name="intent" value="interest" />
        <input type="hidden" name="organisation" value={target.organisation} />
        <input type="hidden" name="partner" value={target.partner} />
        {target.request ? <input type="hidden" name="request" value={target.request} /> : null}
        {target.ownRequest ? <input type="hidden" name="ownRequest" value={target.ownRequest} /> : null}
        <label htmlFor={`${id}-message`}>{t("interest.message")}</label>
        <p className="hint" id={`${id}-hint`}>
          {t("interest.messageHint", { max: new Intl.NumberFormat(locale).format(maxMessageLength) })}
        </p>
        <textarea
          id={`${id}-message`}
          name="message"
          rows={4}
          maxLength={maxMessageLength}
          defaultValue={message}
          aria-describedby={`${id}-hint`}
        />
        <button type="submit" className="button">
          {t("interest.send")}
        </button>
      </Form>
    </details>
  );
}
