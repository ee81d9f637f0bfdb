// The map's JSON endpoints: parameters checked with the same messages as the pages (translated
// by `lang` or Accept-Language), a 400 that says what was wrong, and an ETag made of the data
// version and the query, so a browser asking again for an unchanged viewport gets a 304.
import { createHash } from "node:crypto";
import type { z } from "zod";
import { isLocale, type Locale } from "~/modules/i18n/config.ts";
import { detectLocale } from "~/modules/i18n/detect.server.ts";
import { getFixedT } from "~/modules/i18n/instances.server.ts";
import { parseSearchParams } from "~/modules/search/schemas.ts";
import { isAppError } from "~/utils/errors.ts";
import { currentVersion } from "./snapshot.server.ts";

async function localeOf(request: Request, url: URL): Promise<Locale> {
  const lang = url.searchParams.get("lang");
  return isLocale(lang) ? lang : detectLocale(request);
}

function translate(locale: Locale, key: string): string {
  const [namespace, ...path] = key.split(":");
  return getFixedT(locale, namespace === "map" ? "map" : "browse")(path.join(":"));
}

function errorResponse(
  locale: Locale,
  status: number,
  messageKey: string,
  fieldErrors: Record<string, string>,
) {
  const fields = Object.fromEntries(
    Object.entries(fieldErrors).map(([field, key]) => [field, translate(locale, key)]),
  );
  return Response.json(
    { error: translate(locale, messageKey), fields },
    { status, headers: { "Cache-Control": "no-store", "Content-Language": locale } },
  );
}

export async function mapEndpoint<S extends z.ZodType>(
  request: Request,
  schema: S,
  answer: (params: z.output<S>, locale: Locale) => Promise<unknown>,
): Promise<Response> {
  const url = new URL(request.url);
  const locale = await localeOf(request, url);
  const parsed = parseSearchParams(schema, url.searchParams);
  if (!parsed.ok) {
    const [first = "browse:errors.invalidValue"] = Object.values(parsed.fieldErrors);
    return errorResponse(locale, 400, first, parsed.fieldErrors);
  }
  const version = await currentVersion();
  const tag = `W/"${version}-${createHash("sha1").update(`${url.pathname}?${url.search}|${locale}`).digest("base64url")}"`;
  const headers = { "Cache-Control": "no-cache", ETag: tag, Vary: "Accept-Language" };
  if (request.headers.get("If-None-Match") === tag) return new Response(null, { status: 304, headers });
  try {
    return Response.json(await answer(parsed.data, locale), { headers });
  } catch (error) {
    if (isAppError(error)) return errorResponse(locale, error.status, error.messageKey, error.fieldErrors);
    throw error;
  }
}
