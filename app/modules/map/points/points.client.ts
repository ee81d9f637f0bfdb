// The requests or organisations on the map: the server's clusters and points for the viewport as
// a GeoJSON source, drawn as circles in their kind's colour with the count on clusters. Counts
// are drawn into images on a canvas, so no glyph server is needed (see the base map's ADR).
import type { GeoJSONSource, Map as MapLibreMap, MapLayerMouseEvent } from "maplibre-gl";
import { kindColour } from "~/modules/taxonomy/kind-colours.ts";

/** `[lon, lat, count, kind]`, plus `[west, south, east, north]` for more than one point. */
type Cell = number[];

export type PointSelection = {
  count: number;
  lon: number;
  lat: number;
  /** west, south, east, north of the points. */
  bounds: [number, number, number, number];
};

export type MapView = { bbox: string; zoom: number };

export type PointsOptions = {
  /** The endpoint's URL for a viewport, with the page's filters. */
  pointsUrl: (view: MapView) => string;
  onSelect: (selection: PointSelection) => void;
  onView?: (view: MapView) => void;
  onLoaded?: (result: { total: number }) => void;
  onError?: () => void;
};

const sourceId = "euregio-points";
/** A cluster this tight, or at this zoom, is shown as a list rather than zoomed into. */
const expandMaxZoom = 17;

function countLabel(count: number): string {
  if (count < 1000) return String(count);
  if (count < 10_000) return `${Math.floor(count / 100) / 10}k`;
  return `${Math.floor(count / 1000)}k`;
}

function clusterSize(count: number): number {
  return count < 10 ? 26 : count < 100 ? 32 : count < 1000 ? 38 : 44;
}

function toFeatures(cells: Cell[]): GeoJSON.FeatureCollection {
  return {
    type: "FeatureCollection",
    features: cells.map(([lon = 0, lat = 0, count = 1, kind = -1, west, south, east, north]) => ({
      type: "Feature",
      geometry: { type: "Point", coordinates: [lon, lat] },
      properties: {
        count,
        kind,
        colour: kindColour(kind),
        image: count > 1 ? `cluster:${countLabel(count)}:${clusterSize(count)}:${kindColour(kind)}` : "",
        // Numbers, not an array: MapLibre hands nested values back as text.
        west: west ?? lon,
        south: south ?? lat,
        east: east ?? lon,
        north: north ?? lat,
      },
    })),
  };
}

/** A round badge with the count, drawn at the screen's pixel ratio. */
function clusterImage(label: string, size: number, colour: string) {
  const ratio = Math.min(3, Math.max(1, Math.round(window.devicePixelRatio || 1)));
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = size * ratio;
  const context = canvas.getContext("2d");
  if (!context) return null;
  context.scale(ratio, ratio);
  context.beginPath();
  context.arc(size / 2, size / 2, size / 2 - 1.5, 0, Math.PI * 2);
  context.fillStyle = colour;
  context.fill();
  context.lineWidth = 2.5;
  context.strokeStyle = "#ffffff";
  context.stroke();
  context.fillStyle = "#ffffff";
  context.font = `700 ${size < 30 ? 12 : 13}px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif`;
  context.textAlign = "center";
  context.textBaseline = "middle";
  context.fillText(label, size / 2, size / 2 + 0.5);
  return { image: context.getImageData(0, 0, size * ratio, size * ratio), ratio };
}

export function viewOf(map: MapLibreMap): MapView {
  const bounds = map.getBounds();
  const clamp = (value: number, limit: number) => Math.max(-limit, Math.min(limit, value));
  const bbox = [
    clamp(bounds.getWest(), 180),
    clamp(bounds.getSouth(), 85.05),
    clamp(bounds.getEast(), 180),
    clamp(bounds.getNorth(), 85.05),
  ]
    .map((value) => value.toFixed(5))
    .join(",");
  return { bbox, zoom: Math.floor(map.getZoom()) };
}

export function attachPoints(map: MapLibreMap, options: PointsOptions) {
  let controller: AbortController | null = null;

  async function refresh() {
    if (!map.getSource(sourceId)) return;
    controller?.abort();
    const current = new AbortController();
    controller = current;
    const view = viewOf(map);
    try {
      const response = await fetch(options.pointsUrl(view), { signal: current.signal });
      if (!response.ok) throw new Error(`points: ${response.status}`);
      const body = (await response.json()) as { cells: Cell[]; total: number };
      // Awaited, so that a failure in MapLibre's worker shows the same alert as a failed request.
      await (map.getSource(sourceId) as GeoJSONSource | undefined)?.setData(toFeatures(body.cells));
      options.onLoaded?.({ total: body.total });
    } catch (error) {
      if (current.signal.aborted) return;
      console.warn("Map points:", error);
      options.onError?.();
    }
  }

  /** Cluster badges are drawn when the map first needs one ("cluster:<label>:<size>:<colour>"). */
  const drawMissingImage = (id: string) => {
    const [prefix, label = "", size = "30", colour = "#000"] = id.split(":");
    if (prefix !== "cluster" || map.hasImage(id)) return;
    const drawn = clusterImage(label, Number(size), colour);
    if (drawn) map.addImage(id, drawn.image, { pixelRatio: drawn.ratio });
  };

  const onClick = (event: MapLayerMouseEvent) => {
    const feature = event.features?.[0];
    if (!feature) return;
    const count = Number(feature.properties.count);
    const { properties } = feature;
    const bounds: PointSelection["bounds"] = [
      Number(properties.west),
      Number(properties.south),
      Number(properties.east),
      Number(properties.north),
    ];
    const [west, south, east, north] = bounds;
    const [lon, lat] = (feature.geometry as GeoJSON.Point).coordinates as [number, number];
    const spread = east - west > 1e-5 || north - south > 1e-5;
    if (count > 1 && spread && map.getZoom() < expandMaxZoom) {
      map.fitBounds(
        [
          [west, south],
          [east, north],
        ],
        { padding: 64, maxZoom: expandMaxZoom },
      );
      return;
    }
    options.onSelect({ count, lon, lat, bounds });
  };

  // A resize (a phone turned, the map hidden behind the list or shown again) ends in a moveend too,
  // but the reader did not move the map: the points follow the new frame, the page's address does
  // not (it would narrow the list to "this map area" on its own). A hidden map shows nothing.
  let resized = false;
  const onResize = () => {
    resized = true;
  };
  const onMoveEnd = () => {
    const byResize = resized;
    resized = false;
    const container = map.getContainer();
    if (!container.offsetWidth || !container.offsetHeight) return;
    if (!byResize) options.onView?.(viewOf(map));
    void refresh();
  };

  const install = () => {
    map.addSource(sourceId, { type: "geojson", data: { type: "FeatureCollection", features: [] } });
    map.addLayer({
      id: "euregio-points",
      type: "circle",
      source: sourceId,
      filter: ["==", ["get", "count"], 1],
      paint: {
        "circle-radius": ["interpolate", ["linear"], ["zoom"], 6, 5, 12, 8],
        "circle-color": ["get", "colour"],
        "circle-stroke-color": "#ffffff",
        "circle-stroke-width": 2,
      },
    });
    map.addLayer({
      id: "euregio-clusters",
      type: "symbol",
      source: sourceId,
      filter: [">", ["get", "count"], 1],
      layout: { "icon-image": ["get", "image"], "icon-allow-overlap": true, "icon-ignore-placement": true },
    });
    void refresh();
  };

  map.setMissingStyleImageResolver(drawMissingImage);
  for (const layer of ["euregio-points", "euregio-clusters"]) {
    map.on("click", layer, onClick);
    map.on("mouseenter", layer, () => (map.getCanvas().style.cursor = "pointer"));
    map.on("mouseleave", layer, () => (map.getCanvas().style.cursor = ""));
  }
  map.on("resize", onResize);
  map.on("moveend", onMoveEnd);
  if (map.isStyleLoaded()) install();
  else map.once("load", install);

  return {
    refresh: () => void refresh(),
    detach: () => {
      controller?.abort();
      map.off("resize", onResize);
      map.off("moveend", onMoveEnd);
      map.setMissingStyleImageResolver(null);
    },
  };
}
