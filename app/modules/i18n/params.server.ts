// The locale of a route under /$lang; actions check it too, since they run without the layout loader.
import type { Params } from "@remix-run/react";
import { httpError } from "~/utils/http.server.ts";
import { isLocale, type Locale } from "./config.ts";

export function requireLocale(params: Params): Locale {
  if (!isLocale(params.lang)) throw httpError(404, "common:errors.notFoundText");
  return params.lang;
}
