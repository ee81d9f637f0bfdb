// `/` sends each visitor to their language: the one chosen here before, the account's, or
// Accept-Language, falling back to English.
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { localePath } from "~/modules/i18n/config.ts";
import { preferredLocale, PREFERRED_LOCALE_VARY } from "~/modules/i18n/detect.server.ts";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const locale = preferredLocale(request, context.auth?.user);
  return redirect(localePath(locale), { headers: { Vary: PREFERRED_LOCALE_VARY } });
}
