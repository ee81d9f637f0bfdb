// Every page lives under its locale; an unknown locale is a 404.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { isLocale } from "~/modules/i18n/config.ts";
import { httpError } from "~/utils/http.server.ts";

export function loader({ params }: LoaderFunctionArgs) {
  if (!isLocale(params.lang)) throw httpError(404, "common:errors.notFoundText");
  return null;
}

export default function LocaleLayout() {
  return <Outlet />;
}
