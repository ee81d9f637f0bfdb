// The map page: requests or organisations on the map of the Euregio, with the browse page's
// filters, and beside it the list of what the viewport shows. Filters and viewport live in the
// URL (a map view can be shared); the list is rendered on the server, so it works without
// JavaScript and is the map's alternative for keyboard and screen reader users.
import type { TranslatedHandle } from "~/modules/i18n/namespaces.ts";
import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation, useNavigate, useNavigation } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "~/modules/i18n/react.tsx";
import { requireLocale } from "~/modules/i18n/params.server.ts";
import { pageMeta } from "~/modules/i18n/translate.ts";
import type { Bounds } from "~/modules/map/basemap-style.ts";
import { euregioBounds, memberLabels } from "~/modules/map/basemap.server.ts";
import { mapList } from "~/modules/map/points/list.server.ts";
import { listPageSize } from "~/modules/map/points/list-size.ts";
import { listParamsSchema } from "~/modules/map/points/params.ts";
import type { MapView } from "~/modules/map/points/points.client.ts";
import { PointsMap } from "~/modules/map/points/points-map.tsx";
import { redirectToOwnPlace } from "~/modules/organisations/own-place.server.ts";
import { municipalityGroups } from "~/modules/places/municipalities.server.ts";
import {
  NearMissingHint,
  ResultItems,
  SearchErrors,
  SearchFilters,
  ShowToggle,
  withParams,
} from "~/modules/search/components.tsx";
import { parseSearchParams } from "~/modules/search/schemas.ts";
import browseStyles from "~/styles/browse.css?url";
import mapStyles from "~/styles/map.css?url";
import { getEnv } from "~/utils/env.server.ts";
import { isAppError } from "~/utils/errors.ts";
import { useHydrated } from "~/utils/hydrated.ts";

export const handle: TranslatedHandle = { i18n: ["browse", "taxonomy", "map"] };

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: browseStyles },
  { rel: "stylesheet", href: mapStyles },
];

export const meta: MetaFunction = ({ matches }) =>
  pageMeta(matches, "map:page.title", "map:page.description");

/** Parameters that are not filters: a new search keeps the viewport and starts the list again. */
const viewParams = ["bbox", "page"];

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const parsed = parseSearchParams(listParamsSchema, new URL(request.url).searchParams);
  const styleUrl = getEnv().MAP_STYLE_URL ?? null;
  const [municipalities, labels] = await Promise.all([
    municipalityGroups(locale),
    styleUrl ? Promise.resolve([]) : memberLabels(locale),
  ]);
  const page = {
    locale,
    municipalities,
    map: { styleUrl, bounds: euregioBounds, labels },
  };
  if (!parsed.ok) {
    return data({ ...page, fieldErrors: parsed.fieldErrors, list: null, view: null }, { status: 400 });
  }
  const { bbox, nearMissing } = parsed.data;
  if (nearMissing) {
    const own = await redirectToOwnPlace(request, context.auth?.user.id);
    if (own) return own;
  }
  const view: Bounds | null = bbox
    ? [
        [bbox.west, bbox.south],
        [bbox.east, bbox.north],
      ]
    : null;
  try {
    const list = await mapList(parsed.data, locale);
    return { ...page, fieldErrors: {}, list, view, nearMissing };
  } catch (error) {
    if (!isAppError(error)) throw error;
    return data(
      { ...page, fieldErrors: { ...error.fieldErrors, form: error.messageKey }, list: null, view },
      { status: error.status },
    );
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

/** The filters of the query string, without the viewport and page. */
function filtersOf(search: string): string {
  const params = new URLSearchParams(search);
  for (const name of viewParams) params.delete(name);
  return params.toString();
}

function ResultList({ data }: { data: LoaderData }) {
  const { t } = useTranslation("map");
  const location = useLocation();
  const navigation = useNavigation();
  const { list, locale } = data;
  const busy = navigation.state === "loading" && navigation.location.pathname === location.pathname;
  const inArea = new URLSearchParams(location.search).has("bbox");
  if (!list) return null;
  const count = t(`list.${list.show}${inArea ? "InArea" : ""}`, { count: list.total });
  return (
    <section aria-labelledby="map-list-heading" className="map-list" aria-busy={busy}>
      <h2 id="map-list-heading">{t(inArea ? "list.headingArea" : "list.heading")}</h2>
      <p className="browse-count" role="status">
        {count}
      </p>
      {"nearMissing" in data && data.nearMissing ? <NearMissingHint /> : null}
      {inArea ? (
        <p>
          <Link to={withParams(location.search, { bbox: undefined, page: undefined })} preventScrollReset>
            {t("list.wholeEuregio")}
          </Link>
        </p>
      ) : null}
      {list.results.length === 0 ? (
        <p className="browse-empty">{t("list.empty")}</p>
      ) : (
        <ol className="browse-list" start={(list.page - 1) * listPageSize + 1}>
          <ResultItems show={list.show} results={list.results} locale={locale} />
        </ol>
      )}
      {list.pages > 1 ? (
        <nav aria-label={t("list.pages")} className="browse-pages">
          {list.page > 1 ? (
            <Link
              to={withParams(location.search, { page: list.page > 2 ? String(list.page - 1) : undefined })}
              rel="prev"
            >
              {t("list.previous")}
            </Link>
          ) : null}
          <span>{t("list.pageOf", { page: list.page, pages: list.pages })}</span>
          {list.page < list.pages ? (
            <Link to={withParams(location.search, { page: String(list.page + 1) })} rel="next">
              {t("list.next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}

export default function MapPage() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("map");
  const location = useLocation();
  const navigate = useNavigate();
  const mounted = useHydrated();
  const [view, setView] = useState<"map" | "list">("map");
  const [follow, setFollow] = useState(true);
  const [pending, setPending] = useState<MapView | null>(null);
  // What the map's view handler reads when the map moves: the latest address and choice.
  const search = useRef(location.search);
  const followRef = useRef(follow);
  useEffect(() => {
    search.current = location.search;
    followRef.current = follow;
  });

  const current = new URLSearchParams(location.search);
  const show = current.get("show") === "organisations" ? "organisations" : "requests";
  const filters = filtersOf(location.search);
  const activeFilters = [...new URLSearchParams(filters).keys()].filter((name) => name !== "show").length;
  const hasErrors = Object.keys(data.fieldErrors).length > 0;

  const showArea = useCallback(
    (area: MapView) => {
      setPending(null);
      const next = withParams(search.current, { bbox: area.bbox, page: undefined });
      if (next !== (search.current || "?")) navigate(next, { replace: true, preventScrollReset: true });
    },
    [navigate],
  );
  const onView = useCallback(
    (area: MapView) => (followRef.current ? showArea(area) : setPending(area)),
    [showArea],
  );

  return (
    <div className="map-page">
      <h1>{t("page.title")}</h1>
      <p className="lead">{t("page.intro")}</p>
      <ShowToggle reset={["page"]} />
      <SearchErrors fieldErrors={data.fieldErrors as Record<string, string | undefined>} />
      <details className="map-filters" open={hasErrors || undefined}>
        <summary>
          {t("page.filters")}
          {activeFilters ? ` (${t("page.filtersActive", { count: activeFilters })})` : null}
        </summary>
        <SearchFilters
          fieldErrors={data.fieldErrors as Record<string, string | undefined>}
          municipalities={data.municipalities}
          keep={["bbox"]}
        />
      </details>
      {mounted ? (
        <div className="map-view-toggle" role="group" aria-label={t("page.viewLabel")}>
          {(["map", "list"] as const).map((option) => (
            <button key={option} type="button" aria-pressed={view === option} onClick={() => setView(option)}>
              {t(`page.view.${option}`)}
            </button>
          ))}
        </div>
      ) : null}
      <div className="map-layout" data-view={mounted ? view : undefined}>
        <div className="map-panel">
          <PointsMap
            base={data.map}
            initialBounds={data.view}
            show={show}
            filters={filters}
            locale={data.locale}
            label={t(show === "organisations" ? "page.canvasOrganisations" : "page.canvasRequests")}
            onView={onView}
            cooperativeGestures={false}
            headingLevel={2}
            fallback={<p>{t("page.noScript")}</p>}
          />
          {mounted ? (
            <div className="map-area-controls">
              <label className="field-checkbox">
                <input
                  type="checkbox"
                  checked={follow}
                  onChange={(event) => setFollow(event.target.checked)}
                />
                {t("page.follow")}
              </label>
              {pending ? (
                <button type="button" className="button" onClick={() => showArea(pending)}>
                  {t("page.searchArea")}
                </button>
              ) : null}
            </div>
          ) : null}
        </div>
        <ResultList data={data} />
      </div>
    </div>
  );
}
