// Transactional mails, translated into the recipient's language: plain text plus simple HTML.
import type { Locale } from "~/modules/i18n/config.ts";
import { getFixedT } from "~/modules/i18n/instances.server.ts";

export type MailKind =
  | "verify"
  | "changeEmail"
  | "reset"
  | "alreadyRegistered"
  | "invitation"
  | "renewRequest"
  | "newOrganisation";

/** Mails nobody asked for by an action of their own: no "if this was not you" line. */
const unrequested: readonly MailKind[] = ["alreadyRegistered", "newOrganisation"];

export type Mail = { to: string; subject: string; text: string; html: string };

function escapeHtml(value: string): string {
  return value
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&#39;");
}

/** `vars` fill the placeholders of the mail's subject and body ({{organisation}}, {{title}}, …). */
export function renderMail(
  kind: MailKind,
  params: { to: string; name: string; locale: Locale; link: string; vars?: Record<string, string> },
): Mail {
  const t = getFixedT(params.locale, "mail");
  const vars = params.vars ?? {};
  const greeting = t("greeting", { name: params.name });
  const body = t(`${kind}.body`, vars);
  const button = t(`${kind}.button`);
  const ignore = unrequested.includes(kind) ? "" : t("ignore");
  const signature = t("signature");

  const text = [greeting, "", body, params.link, "", ignore, "", signature]
    .join("\n")
    .replace(/\n{3,}/g, "\n\n");
  const paragraph = (value: string) => `<p>${escapeHtml(value).replaceAll("\n", "<br>")}</p>`;
  const html = `<!doctype html>
<html lang="${params.locale}"><head><meta charset="utf-8"><title>${escapeHtml(t(`${kind}.subject`, vars))}</title></head>
<body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1a1a1a; max-width: 36rem">
${paragraph(greeting)}
${paragraph(body)}
<p><a href="${escapeHtml(params.link)}" style="display:inline-block;padding:0.6rem 1rem;background:#0b5cad;color:#fff;border-radius:4px;text-decoration:none">${escapeHtml(button)}</a></p>
<p style="font-size:0.9em;color:#555">${escapeHtml(params.link)}</p>
${ignore ? paragraph(ignore) : ""}
${paragraph(signature)}
</body></html>`;
  return { to: params.to, subject: t(`${kind}.subject`, vars), text, html };
}

/** `quote`: a message's own text, shown below the news (plain text, escaped like all the rest). */
export type NewsItem = { text: string; link: string; time: string; quote?: string };

/**
 * A mail of news items, each with its link: one notification, or a digest of several. The caller
 * gives the translated texts (subject, intro, the button to all of them, why this mail came and
 * where to change that); the layout is the same as every other mail's.
 */
export function renderNewsMail(params: {
  to: string;
  name: string;
  locale: Locale;
  subject: string;
  intro: string;
  items: NewsItem[];
  /** "… and 3 more", when the list was cut. */
  more?: string;
  button: { label: string; link: string };
  why: { text: string; link: string };
}): Mail {
  const t = getFixedT(params.locale, "mail");
  const greeting = t("greeting", { name: params.name });
  const signature = t("signature");
  const text = [
    greeting,
    "",
    params.intro,
    "",
    ...params.items.flatMap((item) => [
      `- ${item.text} (${item.time})`,
      ...(item.quote ? item.quote.split("\n").map((line) => `  > ${line}`) : []),
      `  ${item.link}`,
    ]),
    ...(params.more ? ["", params.more] : []),
    "",
    `${params.button.label}: ${params.button.link}`,
    "",
    params.why.text,
    params.why.link,
    "",
    signature,
  ].join("\n");
  const paragraph = (value: string) => `<p>${escapeHtml(value).replaceAll("\n", "<br>")}</p>`;
  const items = params.items
    .map(
      (item) =>
        `<li style="margin-bottom:0.75rem"><a href="${escapeHtml(item.link)}">${escapeHtml(item.text)}</a><br><span style="font-size:0.9em;color:#555">${escapeHtml(item.time)}</span>${
          item.quote
            ? `<blockquote style="margin:0.5rem 0;padding-left:0.75rem;border-left:3px solid #ccc">${escapeHtml(item.quote).replaceAll("\n", "<br>")}</blockquote>`
            : ""
        }</li>`,
    )
    .join("\n");
  const html = `<!doctype html>
<html lang="${params.locale}"><head><meta charset="utf-8"><title>${escapeHtml(params.subject)}</title></head>
<body style="font-family: system-ui, sans-serif; line-height: 1.5; color: #1a1a1a; max-width: 36rem">
${paragraph(greeting)}
${paragraph(params.intro)}
<ul style="padding-left:1.25rem">
${items}
</ul>
${params.more ? paragraph(params.more) : ""}
<p><a href="${escapeHtml(params.button.link)}" style="display:inline-block;padding:0.6rem 1rem;background:#0b5cad;color:#fff;border-radius:4px;text-decoration:none">${escapeHtml(params.button.label)}</a></p>
<p style="font-size:0.9em;color:#555">${escapeHtml(params.why.text)} <a href="${escapeHtml(params.why.link)}">${escapeHtml(params.why.link)}</a></p>
${paragraph(signature)}
</body></html>`;
  return { to: params.to, subject: params.subject, text, html };
}
