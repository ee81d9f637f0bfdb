// The answers the server gives before (or instead of) Remix: a short translated page, or JSON for
// the map's endpoints and Remix's data requests, with a status and never a stack trace.
import type { Request, Response } from "express";
import { isLocale, type Locale } from "../app/modules/i18n/config.ts";
import { localeFromAcceptLanguage } from "../app/modules/i18n/detect.server.ts";
import { getFixedT } from "../app/modules/i18n/instances.server.ts";

export type EdgeRefusal = {
  status: number;
  /** A key in the `common` namespace under `errors.`, or a whole key ("organisations:…"). */
  reason: string;
  params?: Record<string, string>;
  headers?: Record<string, string>;
};

const titles: Record<number, string> = {
  403: "errors.forbiddenTitle",
  429: "errors.rateLimitedTitle",
  404: "errors.notFoundTitle",
  503: "errors.unavailableTitle",
};

function localeOf(req: Request): Locale {
  const first = (req.originalUrl ?? req.url).split(/[/?#]/)[1];
  if (isLocale(first)) return first;
  // The map's endpoints name their language in the query, as their own answers do.
  const lang = typeof req.query?.lang === "string" ? req.query.lang : undefined;
  return isLocale(lang) ? lang : localeFromAcceptLanguage(req.headers["accept-language"]);
}

function wantsJson(req: Request): boolean {
  const url = req.originalUrl ?? req.url;
  return url.startsWith("/map/") || /[?&]_data=/.test(url) || url.endsWith(".data");
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

export function sendRefusal(req: Request, res: Response, refusal: EdgeRefusal) {
  const locale = localeOf(req);
  const t = getFixedT(locale, "common");
  const text = t(refusal.reason.includes(":") ? refusal.reason : `errors.${refusal.reason}`, refusal.params);
  const title = t(
    titles[refusal.status] ?? (refusal.status >= 500 ? "errors.serverTitle" : "errors.badRequestTitle"),
  );
  // The body was not (fully) read: close the connection rather than parse what is left of it.
  if (!req.complete) res.set("Connection", "close");
  res.status(refusal.status).set({
    "Cache-Control": "no-store",
    "Content-Language": locale,
    ...refusal.headers,
  });
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  if (wantsJson(req)) {
    res.json({ error: text });
    return;
  }
  res.type("html").send(`<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} – ${escapeHtml(t("appName"))}</title></head>
<body style="font-family: system-ui, sans-serif; line-height: 1.5; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; color: #1a1a1a">
<main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>
<p><a href="/${locale}/">${escapeHtml(t("errors.backHome"))}</a></p></main>
</body></html>`);
}
