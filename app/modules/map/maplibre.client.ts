// MapLibre itself, only ever loaded by the map component's dynamic import: pages without a map never
// download it. Creates the map with translated controls and the member municipalities' HTML labels.
import "maplibre-gl/dist/maplibre-gl.css";
import { Map as MapLibreMap, Marker, NavigationControl, setWorkerUrl } from "maplibre-gl";
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?url";
import { labelsWithoutOverlap, type Bounds } from "./basemap-style.ts";

// MapLibre 6 loads its worker from a file of its own, which Vite emits beside the chunk.
setWorkerUrl(workerUrl);

export type MapLabelInput = { code: string; name: string; lon: number; lat: number };

export type EuregioMapOptions = {
  container: HTMLElement;
  styleUrl: string;
  bounds: Bounds;
  labels: MapLabelInput[];
  /** MapLibre's own UI strings (Map.Title, NavigationControl.ZoomIn, …) in the reader's language. */
  uiStrings: Record<string, string>;
  onReady: () => void;
  onError: () => void;
};

export function createEuregioMap(options: EuregioMapOptions): () => void {
  const map = new MapLibreMap({
    container: options.container,
    style: options.styleUrl,
    bounds: options.bounds,
    fitBoundsOptions: { padding: 16 },
    locale: options.uiStrings,
    cooperativeGestures: true,
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
  map.once("load", placeLabels);
  map.once("idle", options.onReady);
  map.on("error", (event) => {
    if (!map.loaded()) options.onError();
    console.warn("Map:", event.error.message);
  });

  return () => map.remove();
}
