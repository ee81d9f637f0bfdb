// The base map's GeoJSON layers (bundled from data/euregio), the style that points at them, and the
// member municipalities' labels in the reader's language.
import { createHash } from "node:crypto";
import countries from "../../../data/euregio/countries.geojson?raw";
import municipalities from "../../../data/euregio/municipalities.geojson?raw";
import border from "../../../data/euregio/nl-de-border.geojson?raw";
import rivers from "../../../data/euregio/rivers.geojson?raw";
import type { Locale } from "~/modules/i18n/config.ts";
import { listGazetteer } from "~/modules/places/municipalities.server.ts";
import { municipalityName } from "~/modules/places/municipalities.ts";
import {
  buildBasemapStyle,
  collectionExtent,
  memberBounds,
  memberLabelAnchors,
  type BasemapLayerName,
  type MunicipalityCollection,
} from "./basemap-style.ts";

const layers: Record<BasemapLayerName, string> = { countries, border, rivers, municipalities };

/** Changes whenever a layer does, so layer URLs can be cached for good. */
const layersVersion = createHash("sha256")
  .update(Object.values(layers).join("\n"))
  .digest("hex")
  .slice(0, 12);

const municipalityCollection = JSON.parse(municipalities) as MunicipalityCollection;

export const euregioBounds = memberBounds(municipalityCollection);

const labelAnchors = memberLabelAnchors(municipalityCollection);

export function basemapLayer(name: BasemapLayerName): string {
  return layers[name];
}

/**
 * Where the base map's data ends: the countries layer is cut to a box around the region (the
 * municipalities reach a little beyond it, the covered margin hides their ragged ends).
 */
const dataExtent = collectionExtent(JSON.parse(countries) as Parameters<typeof collectionExtent>[0]);

export function basemapStyle() {
  return buildBasemapStyle((name) => `/map/layers/${name}.geojson?v=${layersVersion}`, dataExtent);
}

export type MapLabel = { code: string; name: string; lon: number; lat: number };

/** Member municipalities named as the reader reads them (Kleef on /nl/, Nimwegen on /de/), largest first. */
export async function memberLabels(locale: Locale): Promise<MapLabel[]> {
  const rows = (await listGazetteer()).filter((row) => row.member);
  const names = new Map(rows.map((row) => [row.code, municipalityName(row, locale)]));
  return labelAnchors.flatMap((anchor) => {
    const name = names.get(anchor.code);
    return name ? [{ ...anchor, name }] : [];
  });
}
