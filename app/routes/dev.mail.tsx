// Development only: the mail outbox, for when SMTP_URL is unset. Elsewhere this page does not exist.
import { json, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { prisma } from "~/utils/db.server.ts";
import { httpError } from "~/utils/http.server.ts";

export const meta: MetaFunction = () => [{ title: "Outbox – Euregio Partners" }];

export async function loader({ context }: LoaderFunctionArgs) {
  if (!context.isDevelopment) throw httpError(404, "common:errors.notFoundText");
  const mails = await prisma.outboxMail.findMany({ orderBy: { createdAt: "desc" }, take: 50 });
  return json({
    mails: mails.map((mail) => ({ ...mail, createdAt: mail.createdAt.toISOString() })),
  });
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
