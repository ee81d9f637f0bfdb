// MapLibre itself, only ever loaded through a dynamic import: pages without a map never download
// it. Creates a map of the Euregio with translated controls and the member municipalities' labels;
// the map page, the home page and the pin picker add their own layers on top.
import "maplibre-gl/dist/maplibre-gl.css";
import { Map as MapLibreMap, Marker, NavigationControl, setWorkerUrl } from "maplibre-gl";
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?url";
import { labelsWithoutOverlap, type Bounds } from "./basemap-style.ts";

// MapLibre 6 loads its worker from a file of its own, which Vite emits beside the chunk.
setWorkerUrl(workerUrl);

export { MapLibreMap, Marker };
export { attachPinPicker } from "./pin-picker.client.ts";

export type MapLabelInput = { code: string; name: string; lon: number; lat: number };

export type BaseMapOptions = {
  container: HTMLElement;
  styleUrl: string;
  bounds: Bounds;
  labels: MapLabelInput[];
  /** MapLibre's own UI strings (Map.Title, NavigationControl.ZoomIn, …) in the reader's language. */
  uiStrings: Record<string, string>;
  /** Ctrl + scroll to zoom, so a page that scrolls past the map does not get caught by it. */
  cooperativeGestures?: boolean;
  /** The style is loaded and the map drawn once (its GeoJSON sources may still be coming). */
  onDrawn: () => void;
  onReady: () => void;
  onError: () => void;
};

export function createBaseMap(options: BaseMapOptions): MapLibreMap {
  const map = new MapLibreMap({
    container: options.container,
    style: options.styleUrl,
    bounds: options.bounds,
    fitBoundsOptions: { padding: 16 },
    locale: options.uiStrings,
    cooperativeGestures: options.cooperativeGestures ?? true,
    dragRotate: false,
    pitchWithRotate: false,
    attributionControl: { compact: false },
  });
  map.touchZoomRotate.disableRotation();
  map.keyboard.disableRotation();
  map.addControl(new NavigationControl({ showCompass: false }), "top-right");

  const labels = options.labels.map((label) => {
    const element = document.createElement("span");
    element.className = "map-label";
    element.textContent = label.name;
    return new Marker({ element, anchor: "center" }).setLngLat([label.lon, label.lat]).addTo(map);
  });
  // Labels that would overlap an earlier (larger) municipality's label wait for a closer zoom.
  const placeLabels = () => {
    for (const marker of labels) marker.getElement().classList.remove("map-label-hidden");
    const shown = labelsWithoutOverlap(labels.map((marker) => marker.getElement().getBoundingClientRect()));
    labels.forEach((marker, index) =>
      marker.getElement().classList.toggle("map-label-hidden", !shown[index]),
    );
  };
  map.on("moveend", placeLabels);
  // A phone turned, or a window made narrower, changes the room each label has.
  map.on("resize", placeLabels);
  map.once("load", placeLabels);
  map.once("load", options.onDrawn);
  map.once("idle", options.onReady);
  map.on("error", (event) => {
    if (!map.loaded()) options.onError();
    console.warn("Map:", event.error.message);
  });
  return map;
}
