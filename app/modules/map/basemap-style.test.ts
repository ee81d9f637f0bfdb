import { describe, expect, it } from "vitest";
import {
  basemapLayerNames,
  buildBasemapStyle,
  collectionExtent,
  outsideMask,
  isBasemapLayerName,
  labelsWithoutOverlap,
  memberBounds,
  memberLabelAnchors,
  type MunicipalityCollection,
} from "./basemap-style.ts";

const square = (west: number, south: number, size: number) => ({
  type: "Polygon" as const,
  coordinates: [
    [
      [west, south],
      [west + size, south],
      [west + size, south + size],
      [west, south + size],
      [west, south],
    ],
  ],
});

const collection: MunicipalityCollection = {
  features: [
    { geometry: square(6.0, 51.8, 0.1), properties: { code: "small", member: true, lon: 6.05, lat: 51.85 } },
    { geometry: square(5.5, 51.6, 0.4), properties: { code: "large", member: true, lon: 5.7, lat: 51.8 } },
    {
      geometry: square(7.0, 52.2, 0.5),
      properties: { code: "outside", member: false, lon: 7.25, lat: 52.45 },
    },
    {
      geometry: square(5.8, 51.8, 0.05),
      properties: { code: "GM0268", member: true, lon: 5.82, lat: 51.82 },
    },
  ],
};

describe("the built-in base map style", () => {
  const style = buildBasemapStyle((name) => `/map/layers/${name}.geojson`);

  it("reads every layer from the app itself, so the map needs no outside server", () => {
    expect(Object.values(style.sources).map((source) => ("data" in source ? source.data : null))).toEqual(
      basemapLayerNames.map((name) => `/map/layers/${name}.geojson`),
    );
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
  });

  it("draws land, member municipalities, boundaries, rivers and the national border on top", () => {
    expect(style.layers.map((layer) => layer.id)).toEqual([
      "background",
      "countries",
      "member-municipalities",
      "municipal-boundaries",
      "member-boundaries",
      "rivers",
      "national-border-halo",
      "national-border",
    ]);
  });

  it("credits CBS/Kadaster, BKG and Natural Earth as the data's licences ask", () => {
    const credits = Object.values(style.sources)
      .map((source) => ("attribution" in source ? source.attribution : ""))
      .join(" ");
    expect(credits).toContain("Bron: CBS, Kadaster");
    expect(credits).toContain(
      '© GeoBasis-DE / <a href="https://www.bkg.bund.de">BKG</a> 2021 (Daten verändert)',
    );
    expect(credits).toContain("Natural Earth");
  });

  it("covers what lies outside its data, with a soft edge instead of a hard rectangle", () => {
    const extent = [5.3, 51.2, 7.2, 52.3] as const;
    const edged = buildBasemapStyle((name) => `/map/layers/${name}.geojson`, [...extent]);
    expect(edged.layers.map((layer) => layer.id).slice(-2)).toEqual(["outside", "outside-edge"]);
    const mask = outsideMask([...extent]).features[0]!.geometry.coordinates;
    expect(mask[1]).toEqual([
      [5.3, 51.2],
      [5.3, 52.3],
      [7.2, 52.3],
      [7.2, 51.2],
      [5.3, 51.2],
    ]);
    const edge = edged.layers.find((layer) => layer.id === "outside-edge");
    expect(edge).toMatchObject({ type: "line", paint: { "line-blur": expect.any(Number) as number } });
    expect(collectionExtent({ features: [collection.features[0]!] })).toEqual([
      6.0,
      51.8,
      6.0 + 0.1,
      51.8 + 0.1,
    ]);
  });

  it("knows its four layer names and no others", () => {
    expect(basemapLayerNames.every(isBasemapLayerName)).toBe(true);
    expect(isBasemapLayerName("../../.env")).toBe(false);
    expect(isBasemapLayerName(undefined)).toBe(false);
  });
});

describe("where the map looks and what it labels", () => {
  it("frames the member municipalities only", () => {
    expect(memberBounds(collection)).toEqual([
      [5.5, 51.6],
      [6.1, 52.0],
    ]);
  });

  it("labels member municipalities, the region's main towns first, then the largest", () => {
    expect(memberLabelAnchors(collection)).toEqual([
      { code: "GM0268", lon: 5.82, lat: 51.82 },
      { code: "large", lon: 5.7, lat: 51.8 },
      { code: "small", lon: 6.05, lat: 51.85 },
    ]);
  });

  it("hides a label that would overlap one shown before it", () => {
    const box = (left: number, top: number) => ({ left, top, right: left + 50, bottom: top + 14 });
    expect(labelsWithoutOverlap([box(0, 0), box(40, 5), box(60, 0), box(0, 20)])).toEqual([
      true,
      false,
      true,
      true,
    ]);
  });
});
