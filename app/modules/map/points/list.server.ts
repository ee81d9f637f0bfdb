// The list beside the map: a page of the matching requests or organisations in the viewport, with
// the same details the browse page shows, read from PostgreSQL for the page's rows only.
import type { Locale } from "~/modules/i18n/config.ts";
import type { OrganisationResult, RequestResult } from "~/modules/search/results.ts";
import { municipalityPoint, resultsByIds } from "~/modules/search/service.server.ts";
import { listPageSize } from "./list-size.ts";
import type { ListParams } from "./params.ts";
import { viewportList } from "./points.server.ts";

export type MapList =
  | { show: "requests"; total: number; page: number; pages: number; results: RequestResult[] }
  | { show: "organisations"; total: number; page: number; pages: number; results: OrganisationResult[] };

export async function mapList(params: ListParams, locale: Locale): Promise<MapList> {
  const { show, bbox, page, sort, near, ...filters } = params;
  const center = await municipalityPoint(near);
  const list = await viewportList(show, filters, bbox ?? null, {
    page,
    pageSize: listPageSize,
    near: sort === "distance" ? center : null,
  });
  const pages = Math.max(1, Math.ceil(list.total / listPageSize));
  if (show === "organisations") {
    return {
      show,
      total: list.total,
      page,
      pages,
      results: await resultsByIds(show, list.ids, locale, center),
    };
  }
  return {
    show,
    total: list.total,
    page,
    pages,
    results: await resultsByIds(show, list.ids, locale, center),
  };
}
