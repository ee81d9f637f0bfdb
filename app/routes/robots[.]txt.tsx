// /robots.txt: what crawlers may read, and where the sitemap is.
import { robotsTxt } from "~/modules/seo/sitemap.server.ts";
import { getEnv } from "~/utils/env.server.ts";

export function loader() {
  return new Response(robotsTxt(getEnv().APP_URL), {
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}
