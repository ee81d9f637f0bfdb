// Development only: the mail outbox, for when SMTP_URL is unset. Elsewhere this page does not exist.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/modules/i18n/react.tsx";
import { readOutbox } from "~/modules/mail/outbox.server.ts";
import { httpError } from "~/utils/http.server.ts";

export const meta: MetaFunction = () => [{ title: "Outbox – Euregio Partners" }];

export async function loader({ context }: LoaderFunctionArgs) {
  if (!context.isDevelopment) throw httpError(404, "common:errors.notFoundText");
  const mails = await readOutbox({ take: 50 });
  return {
    mails: mails.map(({ id, to, subject, text, createdAt }) => ({
      id,
      to,
      subject,
      text,
      createdAt: createdAt.toISOString(),
    })),
  };
}

export default function DevMail() {
  const { mails } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="stack" aria-labelledby="outbox-title">
      <h1 id="outbox-title">{t("devMail.title")}</h1>
      <p>{t("devMail.intro")}</p>
      {mails.length === 0 ? <p>{t("devMail.empty")}</p> : null}
      {mails.map((mail) => (
        <article key={mail.id} className="card mail">
          <h2>{mail.subject}</h2>
          <p>
            {t("devMail.to")}: {mail.to} · <time dateTime={mail.createdAt}>{mail.createdAt}</time>
          </p>
          <pre>{linkify(mail.text)}</pre>
        </article>
      ))}
    </section>
  );
}

function linkify(text: string) {
  return text.split(/(https?:\/\/\S+)/).map((part, index) =>
    /^https?:\/\//.test(part) ? (
      <a key={index} href={part}>
        {part}
      </a>
    ) : (
      part
    ),
  );
}
