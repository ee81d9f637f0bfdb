// The pin picker's MapLibre side: one pin that a click on the map places, that can be dragged, and
// that moves by arrow keys in steps of ground distance (MapLibre's own marker keys move by pixels,
// which at street zoom is a few metres and at region zoom a kilometre). The page owns the point.
import { Marker, type Map as MapLibreMap, type MapMouseEvent } from "maplibre-gl";
import { movePoint, type Point } from "~/modules/places/points.ts";

const STEP_METRES = 100;
const LARGE_STEP_METRES = 1000;
const PICK_ZOOM = 11;

/** East and north per arrow key. */
const arrowSteps: Record<string, [number, number]> = {
  ArrowLeft: [-1, 0],
  ArrowRight: [1, 0],
  ArrowUp: [0, 1],
  ArrowDown: [0, -1],
};

const PIN_SVG = `<svg viewBox="0 0 30 42" width="30" height="42" aria-hidden="true" focusable="false">
<path d="M15 1C7.3 1 1 7.2 1 14.9 1 25.3 15 41 15 41s14-15.7 14-26.1C29 7.2 22.7 1 15 1z" fill="#b00020" stroke="#fff" stroke-width="2"/>
<circle cx="15" cy="15" r="5" fill="#fff"/></svg>`;

export type PinPickerOptions = {
  /** The pin's accessible name. */
  label: string;
  /** The id of the text that says how to move the pin. */
  describedBy: string;
  /** Called after every click, drag and arrow key, with the pin's new point. */
  onPick: (point: Point) => void;
};

export type PinPicker = {
  /** Puts the pin at a point the page chose (null hides it); `view` also brings it into view. */
  setPoint: (point: Point | null, options?: { view?: "jump" | "ease" }) => void;
  remove: () => void;
};

const rounded = (lngLat: { lng: number; lat: number }): Point => ({
  lat: Math.round(lngLat.lat * 1e6) / 1e6,
  lon: Math.round(lngLat.lng * 1e6) / 1e6,
});

export function attachPinPicker(map: MapLibreMap, options: PinPickerOptions): PinPicker {
  const element = document.createElement("div");
  element.className = "pin-picker-pin";
  element.tabIndex = 0;
  element.setAttribute("role", "button");
  element.setAttribute("aria-label", options.label);
  element.setAttribute("aria-describedby", options.describedBy);
  element.innerHTML = PIN_SVG;
  const marker = new Marker({ element, anchor: "bottom", draggable: true });
  let current: Point | null = null;

  const place = (point: Point) => {
    current = point;
    marker.setLngLat([point.lon, point.lat]);
    if (!element.isConnected) marker.addTo(map);
  };
  const show = (point: Point, view: "jump" | "ease") => {
    const camera = {
      center: [point.lon, point.lat] as [number, number],
      zoom: Math.max(map.getZoom(), PICK_ZOOM),
    };
    if (view === "jump") map.jumpTo(camera);
    else map.easeTo(camera);
  };

  element.addEventListener("keydown", (event) => {
    const step = arrowSteps[event.key];
    if (!step || !current || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    // Otherwise the map's own keyboard handler pans the map as well.
    event.stopPropagation();
    const metres = event.shiftKey ? LARGE_STEP_METRES : STEP_METRES;
    const moved = movePoint(current, step[0] * metres, step[1] * metres);
    place(moved);
    if (!map.getBounds().contains([moved.lon, moved.lat])) map.panTo([moved.lon, moved.lat]);
    options.onPick(moved);
  });

  marker.on("dragend", () => {
    current = rounded(marker.getLngLat());
    options.onPick(current);
  });

  const onClick = (event: MapMouseEvent) => {
    if (element.contains(event.originalEvent.target as Node)) return;
    const point = rounded(event.lngLat);
    place(point);
    options.onPick(point);
  };
  map.on("click", onClick);

  return {
    setPoint(point, { view } = {}) {
      if (!point) {
        current = null;
        marker.remove();
        return;
      }
      if (!current || current.lat !== point.lat || current.lon !== point.lon) place(point);
      if (view) show(point, view);
    },
    remove() {
      map.off("click", onClick);
      marker.remove();
    },
  };
}
