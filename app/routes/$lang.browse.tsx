// The public browse page: open requests or verified organisations, filtered by a GET form whose
// values live in the URL (shareable, works without JavaScript), one cursor page at a time.
import type { TranslatedHandle } from "~/modules/i18n/namespaces.ts";
import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import { useTranslation } from "~/modules/i18n/react.tsx";
import { requireLocale } from "~/modules/i18n/params.server.ts";
import { pageMeta } from "~/modules/i18n/translate.ts";
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
import { countLimit } from "~/modules/search/results.ts";
import { parseBrowseParams } from "~/modules/search/schemas.ts";
import { searchOrganisations, searchRequests } from "~/modules/search/service.server.ts";
import browseStyles from "~/styles/browse.css?url";
import { isAppError } from "~/utils/errors.ts";

export const handle: TranslatedHandle = { i18n: ["browse", "taxonomy"] };

export const links: LinksFunction = () => [{ rel: "stylesheet", href: browseStyles }];

export const meta: MetaFunction = ({ matches }) => pageMeta(matches, "browse:title", "browse:description");

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const locale = requireLocale(params);
  const parsed = parseBrowseParams(new URL(request.url).searchParams);
  // Read beside the search rather than before it: the page waits for the slower of the two only.
  const grouped = municipalityGroups(locale);
  const municipalities = () => grouped;
  if (!parsed.ok) {
    return data(
      { locale, municipalities: await municipalities(), fieldErrors: parsed.fieldErrors, search: null },
      { status: 400 },
    );
  }
  const { show, cursor, nearMissing, ...filters } = parsed.data;
  if (nearMissing) {
    const own = await redirectToOwnPlace(request, context.auth?.user.id);
    if (own) return own;
  }
  try {
    const [options, search] = await Promise.all([
      municipalities(),
      show === "organisations"
        ? searchOrganisations(filters, cursor, locale).then((page) => ({ show, cursor, page }))
        : searchRequests(filters, cursor, locale).then((page) => ({ show, cursor, page })),
    ]);
    return {
      locale,
      municipalities: options,
      fieldErrors: {},
      search: { ...search, sort: filters.sort, nearMissing },
    };
  } catch (error) {
    if (!isAppError(error)) throw error;
    return data(
      {
        locale,
        municipalities: await municipalities(),
        fieldErrors: { ...error.fieldErrors, form: error.messageKey },
        search: null,
      },
      { status: error.status },
    );
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function Results({ data }: { data: LoaderData }) {
  const { t } = useTranslation("browse");
  const location = useLocation();
  const { search, locale } = data;
  if (!search) return null;
  const { page } = search;
  const kind = search.show === "organisations" ? "organisations" : "requests";
  const countText =
    page.count > countLimit
      ? t(kind === "organisations" ? "results.manyOrganisations" : "results.manyRequests", {
          count: countLimit,
        })
      : t(`results.${kind}`, { count: page.count });
  return (
    <section aria-labelledby="results-heading" className="browse-results">
      <h2 id="results-heading">{t("results.heading")}</h2>
      <p aria-live="polite" className="browse-count">
        {countText}
      </p>
      {search.nearMissing ? <NearMissingHint /> : null}
      {page.correctedQuery ? (
        <p className="browse-hint" role="status">
          {t("results.corrected", {
            typed: new URLSearchParams(location.search).get("q") ?? "",
            corrected: page.correctedQuery,
          })}
        </p>
      ) : null}
      {page.results.length === 0 ? (
        <div className="browse-empty">
          <p>{t("results.empty")}</p>
          <p>{t("results.emptyHint")}</p>
        </div>
      ) : (
        <ol className="browse-list">
          <ResultItems show={search.show} results={page.results} locale={locale} />
        </ol>
      )}
      <nav aria-label={t("results.heading")} className="browse-pages">
        {search.cursor ? (
          <Link to={withParams(location.search, { cursor: undefined })}>{t("results.first")}</Link>
        ) : null}
        {page.nextCursor ? (
          <Link to={withParams(location.search, { cursor: page.nextCursor })} rel="next">
            {t("results.next")}
          </Link>
        ) : null}
      </nav>
    </section>
  );
}

/** Parameters that order or page the results rather than narrow them. */
const notFilters = new Set(["show", "cursor", "sort"]);

function activeFilterCount(search: string): number {
  return [...new URLSearchParams(search)].filter(([name, value]) => value !== "" && !notFilters.has(name))
    .length;
}

const wideScreen = "(min-width: 60rem)";

/**
 * Below 60rem the results come first and the filters wait behind a "Filters" button (a native
 * disclosure, so it works before and without JavaScript); on wide screens they stand open beside the
 * results. browse.css shows them there where the browser styles ::details-content; elsewhere this
 * opens the panel once the page runs.
 */
function FilterPanel({ hasErrors, children }: { hasErrors: boolean; children: ReactNode }) {
  const { t } = useTranslation("browse");
  const location = useLocation();
  const panel = useRef<HTMLDetailsElement>(null);
  const active = activeFilterCount(location.search);
  useEffect(() => {
    const wide = window.matchMedia(wideScreen);
    const openWhenWide = () => {
      if (wide.matches && panel.current) panel.current.open = true;
    };
    openWhenWide();
    wide.addEventListener("change", openWhenWide);
    return () => wide.removeEventListener("change", openWhenWide);
  }, []);
  // After a search on a narrow screen, the new results come first again.
  useEffect(() => {
    if (panel.current && !hasErrors && !window.matchMedia(wideScreen).matches) panel.current.open = false;
  }, [location.search, hasErrors]);
  return (
    <details className="filter-panel" ref={panel} open={hasErrors || undefined}>
      <summary>
        {t("filterPanel.toggle")}{" "}
        {active > 0 ? (
          <span className="filter-count">{t("filterPanel.active", { count: active })}</span>
        ) : null}
      </summary>
      {children}
    </details>
  );
}

export default function Browse() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("browse");
  return (
    <div className="browse">
      <h1>{t("title")}</h1>
      <p className="lead">{t("intro")}</p>
      <ShowToggle reset={["cursor"]} />
      <SearchErrors fieldErrors={data.fieldErrors as Record<string, string | undefined>} />
      <div className="browse-layout">
        <FilterPanel hasErrors={Object.values(data.fieldErrors).some(Boolean)}>
          <SearchFilters
            fieldErrors={data.fieldErrors as Record<string, string | undefined>}
            municipalities={data.municipalities}
          />
        </FilterPanel>
        <Results data={data} />
      </div>
    </div>
  );
}
