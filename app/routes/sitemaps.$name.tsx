// /sitemaps/pages.xml, /sitemaps/organisations-1.xml, …: one part of the sitemap; 404 past the last.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { parsePartName, sitemapPart } from "~/modules/seo/sitemap.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { httpError } from "~/utils/http.server.ts";

export async function loader({ params }: LoaderFunctionArgs) {
  const part = parsePartName(params.name ?? "");
  const xml = part ? await sitemapPart(getEnv().APP_URL, part) : null;
  if (xml === null) throw httpError(404, "common:errors.notFoundText");
  return new Response(xml, {
    headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}
