// A message's text as the page shows it: plain text with its line breaks, where http(s) addresses
// and e-mail addresses become links (linkify-react builds React elements; no HTML from the writer
// is ever parsed). Any other scheme (javascript:, data:, vbscript: …) stays text.
import Linkify from "linkify-react";

const scheme = /^([a-z][a-z0-9+.-]*):/i;

/** Whether linkify's find may become a link: http(s) and mailto, or no scheme at all (then https). */
export function isSafeLink(value: string, type: string): boolean {
  if (type === "email") return true;
  if (type !== "url") return false;
  const found = scheme.exec(value);
  if (!found) return !value.startsWith("//");
  return ["http", "https", "mailto"].includes(found[1]!.toLowerCase());
}

const options = {
  defaultProtocol: "https",
  target: "_blank",
  rel: "noopener noreferrer nofollow ugc",
  validate: isSafeLink,
};

export function MessageBody({ text, lang }: { text: string; lang?: string | null }) {
  return (
    <Linkify as="p" className="message-body prewrap" lang={lang ?? undefined} options={options}>
      {text}
    </Linkify>
  );
}

/** An external translator with the text in it, opened only when the reader follows the link. */
export function translatorUrl(text: string, from: string | null, to: string): string {
  const params = new URLSearchParams({ sl: from ?? "auto", tl: to, text, op: "translate" });
  return `https://translate.google.com/?${params.toString()}`;
}
