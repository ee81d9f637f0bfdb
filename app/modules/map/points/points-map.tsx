// The map with the requests or organisations on it, its legend and the card that a click on a
// point (or on a cluster that cannot be split further) opens. Used by the map page and the home
// page; the map is made once, and later filters reach it through refs.
import { Link } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "~/modules/i18n/react.tsx";
import { localePath, type Locale } from "~/modules/i18n/config.ts";
import { pickLocalized } from "~/modules/i18n/localized.ts";
import { organisationKinds } from "~/modules/taxonomy/taxonomy.ts";
import type { OrganisationResult, RequestResult } from "~/modules/search/results.ts";
import type { Bounds } from "../basemap-style.ts";
import { EuregioMap, type MapSetup } from "../euregio-map.tsx";
import { kindColours, mixedColour } from "~/modules/taxonomy/kind-colours.ts";
import { attachPoints, type MapView, type PointSelection } from "./points.client.ts";

export type BaseMap = {
  styleUrl: string | null;
  bounds: Bounds;
  labels: { code: string; name: string; lon: number; lat: number }[];
};

export type Show = "requests" | "organisations";

type PointsMapProps = {
  base: BaseMap;
  /** Where the map opens, when not on the whole Euregio. */
  initialBounds?: Bounds | null;
  show: Show;
  /** The page's filters as a query string, without the viewport. */
  filters: string;
  locale: Locale;
  label: string;
  onView?: (view: MapView) => void;
  cooperativeGestures?: boolean;
  fallback?: React.ReactNode;
  /** The level of the legend's and the card's headings, under the page's own. */
  headingLevel?: HeadingLevel;
};

type CardState =
  | { state: "closed" }
  | { state: "loading"; selection: PointSelection }
  | { state: "failed"; selection: PointSelection }
  | {
      state: "ready";
      selection: PointSelection;
      show: Show;
      total: number;
      results: (RequestResult | OrganisationResult)[];
    };

export function Flag({ country }: { country: "NL" | "DE" }) {
  return <span className={`flag flag-${country.toLowerCase()}`} aria-hidden="true" />;
}

type HeadingLevel = 2 | 3;

export function Legend({ level }: { level: HeadingLevel }) {
  const { t } = useTranslation("map");
  const Heading = `h${level}` as const;
  return (
    <div className="map-legend">
      <Heading className="map-legend-heading">{t("legend.heading")}</Heading>
      <ul>
        {organisationKinds.map((kind) => (
          <li key={kind}>
            <span className="map-swatch" style={{ background: kindColours[kind] }} aria-hidden="true" />
            {t(`taxonomy:kind.${kind}`)}
          </li>
        ))}
        <li>
          <span
            className="map-swatch map-swatch-cluster"
            style={{ background: mixedColour }}
            aria-hidden="true"
          >
            3
          </span>
          {t("legend.cluster")}
        </li>
      </ul>
    </div>
  );
}

function CardItem({
  result,
  show,
  locale,
}: {
  result: RequestResult | OrganisationResult;
  show: Show;
  locale: Locale;
}) {
  const { t } = useTranslation("map");
  const place = (
    <span className="map-card-place">
      <Flag country={result.country} /> {t(`taxonomy:kind.${result.kind}`)} · {result.municipality},{" "}
      {t(`taxonomy:country.${result.country}`)}
    </span>
  );
  if (show === "requests") {
    const request = result as RequestResult;
    const title = pickLocalized(request.title, locale);
    return (
      <li>
        <Link to={localePath(locale, `/requests/${request.slug}`)}>
          {title ? <span lang={title.lang}>{title.text}</span> : request.organisationName}
        </Link>
        <span className="map-card-by">{request.organisationName}</span>
        {place}
      </li>
    );
  }
  const organisation = result as OrganisationResult;
  return (
    <li>
      <Link to={localePath(locale, `/organisations/${organisation.slug}`)}>{organisation.name}</Link>
      {place}
    </li>
  );
}

function Card({
  card,
  locale,
  level,
  onClose,
}: {
  card: CardState;
  locale: Locale;
  level: HeadingLevel;
  onClose: () => void;
}) {
  const { t } = useTranslation("map");
  const Heading = `h${level}` as const;
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (card.state === "ready" || card.state === "failed") heading.current?.focus();
  }, [card.state]);
  if (card.state === "closed") return null;
  const title =
    card.state === "ready"
      ? t(card.show === "organisations" ? "card.organisations" : "card.requests", { count: card.total })
      : t("card.loading");
  return (
    <section className="map-card" aria-labelledby="map-card-heading">
      {/* Escape from anywhere in the card (its heading, the close button, a link) closes it. */}
      <div role="presentation" onKeyDown={(event) => event.key === "Escape" && onClose()}>
        <div className="map-card-head">
          <Heading id="map-card-heading" ref={heading} tabIndex={-1}>
            {title}
          </Heading>
          <button type="button" className="map-card-close" onClick={onClose} aria-label={t("card.close")}>
            ×
          </button>
        </div>
        {card.state === "failed" ? <p role="alert">{t("card.failed")}</p> : null}
        {card.state === "ready" ? (
          <>
            <ul className="map-card-list">
              {card.results.map((result) => (
                <CardItem key={result.id} result={result} show={card.show} locale={locale} />
              ))}
            </ul>
            {card.total > card.results.length ? (
              <p className="map-card-more">{t("card.more", { count: card.total - card.results.length })}</p>
            ) : null}
          </>
        ) : null}
      </div>
    </section>
  );
}

/** A little room around the selection, so points rounded to five decimals are inside it. */
function selectionBBox([west, south, east, north]: PointSelection["bounds"]): string {
  const margin = 2e-5;
  return [west - margin, south - margin, east + margin, north + margin]
    .map((value) => value.toFixed(5))
    .join(",");
}

export function PointsMap({
  base,
  initialBounds,
  show,
  filters,
  locale,
  label,
  onView,
  cooperativeGestures,
  fallback,
  headingLevel = 3,
}: PointsMapProps) {
  const { t } = useTranslation("map");
  // The map is made once: later loader data (a new list, the same base map) must not remake it.
  const [frozen] = useState(() => ({ ...base, bounds: initialBounds ?? base.bounds }));
  // A card belongs to the filters it was opened with: new filters mean new points, and a card of
  // the old ones would mislead.
  const [opened, setCard] = useState<{ card: CardState; show: Show; filters: string }>({
    card: { state: "closed" },
    show,
    filters,
  });
  const card: CardState =
    opened.show === show && opened.filters === filters ? opened.card : { state: "closed" };
  const [pointsFailed, setPointsFailed] = useState(false);
  // What the map's handlers read when they fire: the page's latest filters and callback.
  const query = useRef({ show, filters, locale, onView });
  useEffect(() => {
    query.current = { show, filters, locale, onView };
  });
  const handle = useRef<{ refresh: () => void } | null>(null);

  const select = useCallback(async (selection: PointSelection) => {
    const { show, filters, locale } = query.current;
    const setFor = (card: CardState) => setCard({ card, show, filters });
    setFor({ state: "loading", selection });
    const params = new URLSearchParams(filters);
    params.set("bbox", selectionBBox(selection.bounds));
    params.set("lang", locale);
    try {
      const response = await fetch(`/map/items?${params.toString()}`);
      if (!response.ok) throw new Error(`items: ${response.status}`);
      const body = (await response.json()) as {
        total: number;
        results: (RequestResult | OrganisationResult)[];
      };
      setFor({ state: "ready", selection, show, total: body.total, results: body.results });
    } catch {
      setFor({ state: "failed", selection });
    }
  }, []);

  const setup = useCallback<MapSetup>(
    (map) => {
      const points = attachPoints(map, {
        pointsUrl: (view) => {
          const params = new URLSearchParams(query.current.filters);
          params.set("bbox", view.bbox);
          params.set("zoom", String(view.zoom));
          return `/map/points?${params.toString()}`;
        },
        onSelect: (selection) => void select(selection),
        onView: (view) => query.current.onView?.(view),
        onLoaded: () => setPointsFailed(false),
        onError: () => setPointsFailed(true),
      });
      handle.current = points;
      return () => {
        handle.current = null;
        points.detach();
      };
    },
    [select],
  );

  // Closing the card gives the focus back to the map, where the reader was.
  const frame = useRef<HTMLDivElement>(null);
  const closeCard = useCallback(() => {
    setCard((now) => ({ ...now, card: { state: "closed" } }));
    frame.current?.querySelector("canvas")?.focus();
  }, []);

  // New filters: new points.
  useEffect(() => {
    handle.current?.refresh();
  }, [show, filters]);

  return (
    <div className="points-map">
      <div className="points-map-frame" ref={frame}>
        <EuregioMap
          styleUrl={frozen.styleUrl}
          bounds={frozen.bounds}
          labels={frozen.labels}
          label={label}
          setup={setup}
          cooperativeGestures={cooperativeGestures}
          fallback={fallback}
        />
        <Card card={card} locale={locale} level={headingLevel} onClose={closeCard} />
      </div>
      {pointsFailed ? (
        <p role="alert" className="map-points-failed">
          {t("points.failed")}
        </p>
      ) : null}
      <Legend level={headingLevel} />
    </div>
  );
}
