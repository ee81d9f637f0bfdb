// Every page lives under its locale. A page's path without one (`/map`, `/organisations/x`) is sent
// to the reader's language, query kept; any other first segment is a 404.
import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { isLocale } from "~/modules/i18n/config.ts";
import { preferredLocale, PREFERRED_LOCALE_VARY } from "~/modules/i18n/detect.server.ts";
import { isPagePath } from "~/modules/i18n/page-paths.ts";
import { httpError } from "~/utils/http.server.ts";

export function loader({ params, request, context }: LoaderFunctionArgs) {
  if (isLocale(params.lang)) return null;
  const url = new URL(request.url);
  const path = url.pathname.replace(/\.data$/, "");
  if (isPagePath(path)) {
    const locale = preferredLocale(request, context.auth?.user);
    throw redirect(`/${locale}${path}${url.search}`, { headers: { Vary: PREFERRED_LOCALE_VARY } });
  }
  throw httpError(404, "common:errors.notFoundText");
}

export default function LocaleLayout() {
  return <Outlet />;
}
