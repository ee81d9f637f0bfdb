// The language switch's links: remember the chosen language in this browser (it decides where `/`
// and paths without a language lead), then show the same page in it.
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { isLocale, localePath } from "~/modules/i18n/config.ts";
import { localeCookie } from "~/modules/i18n/detect.server.ts";
import { httpError } from "~/utils/http.server.ts";

export function loader({ params, request }: LoaderFunctionArgs) {
  const locale = params.locale;
  if (!isLocale(locale)) throw httpError(404, "common:errors.notFoundText");
  const next = new URL(request.url).searchParams.get("next") ?? "";
  // Only a page of this site in the chosen language: never a redirect elsewhere.
  const target = next.startsWith(`/${locale}/`) ? next : localePath(locale);
  return redirect(target, { headers: { "Set-Cookie": localeCookie(locale), "Cache-Control": "no-store" } });
}
