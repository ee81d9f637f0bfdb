// /sitemap.xml: the index of the sitemap's parts (app/modules/seo/sitemap.server.ts).
import { sitemapIndex } from "~/modules/seo/sitemap.server.ts";
import { getEnv } from "~/utils/env.server.ts";

export async function loader() {
  return new Response(await sitemapIndex(getEnv().APP_URL), {
    headers: { "Content-Type": "application/xml; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}
