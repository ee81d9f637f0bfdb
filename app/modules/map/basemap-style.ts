// The built-in, offline base map: a MapLibre style over the app's own GeoJSON layers, and where its labels go.
import type { StyleSpecification } from "maplibre-gl";

export const basemapLayerNames = ["countries", "border", "rivers", "municipalities"] as const;
export type BasemapLayerName = (typeof basemapLayerNames)[number];

export function isBasemapLayerName(value: unknown): value is BasemapLayerName {
  return typeof value === "string" && (basemapLayerNames as readonly string[]).includes(value);
}

/** What ATTRIBUTION.md in data/euregio asks the map to credit. */
const attribution = {
  municipalities:
    'NL: Bron: CBS, Kadaster (<a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>) · ' +
    'DE: © GeoBasis-DE / <a href="https://www.bkg.bund.de">BKG</a> 2021 (Daten verändert), ' +
    '<a href="https://www.govdata.de/dl-de/by-2-0">dl-de/by-2-0</a>',
  naturalEarth: '<a href="https://www.naturalearthdata.com">Natural Earth</a>',
};

export const basemapColours = {
  background: "#dde6ea",
  netherlands: "#f6f1e4",
  germany: "#eef0e2",
  belgium: "#e9e7e1",
  member: "#f9d98b",
  municipalityLine: "#a59f92",
  memberLine: "#8a6d1f",
  river: "#5b9bd5",
  border: "#8c2d62",
};

/** West, south, east, north in degrees. */
export type Extent = [number, number, number, number];

/**
 * What lies outside the base map's data (a world with the data's box cut out), so the map fades
 * into a calm background there instead of ending in a hard rectangle where the clipped layers stop.
 */
export function outsideMask(extent: Extent) {
  const [west, south, east, north] = extent;
  return {
    type: "FeatureCollection" as const,
    features: [
      {
        type: "Feature" as const,
        properties: {},
        geometry: {
          type: "Polygon" as const,
          coordinates: [
            [
              [-180, -85],
              [180, -85],
              [180, 85],
              [-180, 85],
              [-180, -85],
            ],
            // The hole, wound the other way round.
            [
              [west, south],
              [west, north],
              [east, north],
              [east, south],
              [west, south],
            ],
          ],
        },
      },
    ],
  };
}

/**
 * The style; `layerUrl` says where each GeoJSON layer is served, `extent` where its data ends
 * (covered outside, with a soft edge). It needs no glyphs: the municipality names are drawn as HTML
 * labels by the map component.
 */
export function buildBasemapStyle(
  layerUrl: (name: BasemapLayerName) => string,
  extent?: Extent,
): StyleSpecification {
  const edge: StyleSpecification["layers"] = extent
    ? [
        {
          id: "outside",
          type: "fill",
          source: "outside",
          paint: { "fill-color": basemapColours.background },
        },
        {
          // A wide, blurred line on the box's edge: half of it over the data, fading into it.
          id: "outside-edge",
          type: "line",
          source: "outside",
          paint: { "line-color": basemapColours.background, "line-width": 48, "line-blur": 40 },
        },
      ]
    : [];
  return {
    version: 8,
    name: "Euregio Rhine-Waal",
    sources: {
      countries: { type: "geojson", data: layerUrl("countries"), attribution: attribution.naturalEarth },
      border: { type: "geojson", data: layerUrl("border") },
      rivers: { type: "geojson", data: layerUrl("rivers") },
      municipalities: {
        type: "geojson",
        data: layerUrl("municipalities"),
        attribution: attribution.municipalities,
      },
      ...(extent ? { outside: { type: "geojson" as const, data: outsideMask(extent) } } : {}),
    },
    layers: [
      { id: "background", type: "background", paint: { "background-color": basemapColours.background } },
      {
        id: "countries",
        type: "fill",
        source: "countries",
        paint: {
          "fill-color": [
            "match",
            ["get", "name"],
            "Netherlands",
            basemapColours.netherlands,
            "Germany",
            basemapColours.germany,
            basemapColours.belgium,
          ],
        },
      },
      {
        id: "member-municipalities",
        type: "fill",
        source: "municipalities",
        filter: ["==", ["get", "member"], true],
        paint: { "fill-color": basemapColours.member, "fill-opacity": 0.55 },
      },
      {
        id: "municipal-boundaries",
        type: "line",
        source: "municipalities",
        paint: {
          "line-color": basemapColours.municipalityLine,
          "line-width": ["interpolate", ["linear"], ["zoom"], 7, 0.4, 11, 1.2],
        },
      },
      {
        id: "member-boundaries",
        type: "line",
        source: "municipalities",
        filter: ["==", ["get", "member"], true],
        paint: {
          "line-color": basemapColours.memberLine,
          "line-width": ["interpolate", ["linear"], ["zoom"], 7, 0.6, 11, 1.6],
          "line-opacity": 0.6,
        },
      },
      {
        id: "rivers",
        type: "line",
        source: "rivers",
        layout: { "line-cap": "round", "line-join": "round" },
        paint: {
          "line-color": basemapColours.river,
          "line-width": ["interpolate", ["linear"], ["zoom"], 7, 1.5, 11, 5],
        },
      },
      {
        id: "national-border-halo",
        type: "line",
        source: "border",
        layout: { "line-join": "round" },
        paint: { "line-color": "#ffffff", "line-width": 6, "line-opacity": 0.8 },
      },
      {
        id: "national-border",
        type: "line",
        source: "border",
        layout: { "line-join": "round" },
        paint: { "line-color": basemapColours.border, "line-width": 2.5, "line-dasharray": [3, 1.5] },
      },
      ...edge,
    ],
  };
}

type Position = number[];
type Geometry =
  { type: "Polygon"; coordinates: Position[][] } | { type: "MultiPolygon"; coordinates: Position[][][] };
export type MunicipalityCollection = {
  features: {
    geometry: Geometry;
    properties: { code: string; member: boolean; lon: number; lat: number };
  }[];
};

export type Bounds = [[number, number], [number, number]];

function outerRings(geometry: Geometry): Position[][] {
  return geometry.type === "Polygon"
    ? [geometry.coordinates[0] ?? []]
    : geometry.coordinates.map((p) => p[0] ?? []);
}

/** The box around every polygon of a layer: where its data ends. */
export function collectionExtent(collection: { features: { geometry: Geometry }[] }): Extent {
  let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const feature of collection.features) {
    for (const ring of outerRings(feature.geometry)) {
      for (const [lon = 0, lat = 0] of ring) {
        west = Math.min(west, lon);
        east = Math.max(east, lon);
        south = Math.min(south, lat);
        north = Math.max(north, lat);
      }
    }
  }
  return [west, south, east, north];
}

/** The box around all member municipalities: what the map shows first. */
export function memberBounds(collection: MunicipalityCollection): Bounds {
  const [west, south, east, north] = collectionExtent({
    features: collection.features.filter((feature) => feature.properties.member),
  });
  return [
    [west, south],
    [east, north],
  ];
}

/** Rough area (square degrees of longitude scaled to latitude); only compared between municipalities. */
function ringArea(ring: Position[]): number {
  let twice = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1 = 0, y1 = 0] = ring[i] ?? [];
    const [x2 = 0, y2 = 0] = ring[(i + 1) % ring.length] ?? [];
    twice += x1 * y2 - x2 * y1;
  }
  const latitude = ring[0]?.[1] ?? 0;
  return (Math.abs(twice) / 2) * Math.cos((latitude * Math.PI) / 180);
}

export type LabelAnchor = { code: string; lon: number; lat: number };

/** The region's main towns (Nijmegen, Arnhem, Kleve, Wesel, Duisburg, Düsseldorf), labelled before all others. */
const mainTowns = ["GM0268", "GM0202", "05154036", "05170048", "05112000", "05111000"];

/**
 * Where member municipalities are labelled, in order of precedence: when labels collide, the map
 * keeps the earlier one. The main towns come first, then the larger municipalities, which have the
 * room to show their names.
 */
export function memberLabelAnchors(collection: MunicipalityCollection): LabelAnchor[] {
  const rank = (code: string) => {
    const index = mainTowns.indexOf(code);
    return index === -1 ? mainTowns.length : index;
  };
  return collection.features
    .filter((feature) => feature.properties.member)
    .map(({ geometry, properties: { code, lon, lat } }) => ({
      anchor: { code, lon, lat },
      area: outerRings(geometry).reduce((sum, ring) => sum + ringArea(ring), 0),
    }))
    .sort((a, b) => rank(a.anchor.code) - rank(b.anchor.code) || b.area - a.area)
    .map(({ anchor }) => anchor);
}

type Box = { left: number; top: number; right: number; bottom: number };

/** Which labels to show: each in order, unless it overlaps one already shown. */
export function labelsWithoutOverlap(boxes: Box[], gap = 2): boolean[] {
  const shown: Box[] = [];
  return boxes.map((box) => {
    const overlaps = shown.some(
      (other) =>
        box.left < other.right + gap &&
        box.right + gap > other.left &&
        box.top < other.bottom + gap &&
        box.bottom + gap > other.top,
    );
    if (!overlaps) shown.push(box);
    return !overlaps;
  });
}
