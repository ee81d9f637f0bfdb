// `/` sends each visitor to their language: Accept-Language, falling back to English.
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { localePath } from "~/modules/i18n/config.ts";
import { detectLocale } from "~/modules/i18n/detect.server.ts";

export async function loader({ request }: LoaderFunctionArgs) {
  return redirect(localePath(detectLocale(request)), { headers: { Vary: "Accept-Language" } });
}
