// The map of the Euregio: a fixed-height frame rendered on the server, filled in the browser by
// MapLibre, which is imported only here and only once the component has mounted. Pages add their
// own layers through `setup`, which receives the map and the lazily loaded module.
import { useEffect, useRef, useState, type ReactNode } from "react";
import { useTranslation } from "~/modules/i18n/react.tsx";
import { useHydrated } from "~/utils/hydrated.ts";
import type { Bounds } from "./basemap-style.ts";

export type MapModule = typeof import("./maplibre.client.ts");
export type MapInstance = InstanceType<MapModule["MapLibreMap"]>;
/** Adds a page's layers and handlers; returns what undoes them. Called once per created map. */
export type MapSetup = (map: MapInstance, module: MapModule) => (() => void) | void;

export type EuregioMapProps = {
  /** A MapLibre style URL; null for the built-in offline base map. */
  styleUrl: string | null;
  bounds: Bounds;
  /** Member municipality labels in the reader's language; drawn only on the built-in base map. */
  labels: { code: string; name: string; lon: number; lat: number }[];
  /** What the canvas shows, for screen readers. */
  label: string;
  setup?: MapSetup;
  cooperativeGestures?: boolean;
  className?: string;
  /** Shown over the frame until the map has loaded, and kept when there is no JavaScript. */
  fallback?: ReactNode;
};

/** Drawn: the style and first frame are there; ready: idle, every source loaded (data-map-ready). */
type MapState = "loading" | "drawn" | "ready" | "failed";

export function EuregioMap({
  styleUrl,
  bounds,
  labels,
  label,
  setup,
  cooperativeGestures,
  className,
  fallback,
}: EuregioMapProps) {
  const { t } = useTranslation("map");
  const container = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<MapState>("loading");
  const mounted = useHydrated();
  // What the map reads only when it is made; pages keep `setup` stable and talk to the map through refs.
  const creation = useRef({ label, setup, cooperativeGestures, t });
  useEffect(() => {
    creation.current = { label, setup, cooperativeGestures, t };
  });

  useEffect(() => {
    let cancelled = false;
    let teardown: (() => void) | undefined;
    import("./maplibre.client.ts")
      .then((module) => {
        if (cancelled || !container.current) return;
        const { label, setup, cooperativeGestures, t } = creation.current;
        const map = module.createBaseMap({
          container: container.current,
          styleUrl: styleUrl ?? new URL("/map/style.json", window.location.href).href,
          bounds,
          labels: styleUrl ? [] : labels,
          cooperativeGestures,
          uiStrings: {
            "Map.Title": label,
            "NavigationControl.ZoomIn": t("controls.zoomIn"),
            "NavigationControl.ZoomOut": t("controls.zoomOut"),
            "AttributionControl.ToggleAttribution": t("controls.toggleAttribution"),
            "CooperativeGesturesHandler.WindowsHelpText": t("controls.gestureHelpWindows"),
            "CooperativeGesturesHandler.MacHelpText": t("controls.gestureHelpMac"),
            "CooperativeGesturesHandler.MobileHelpText": t("controls.gestureHelpMobile"),
          },
          onDrawn: () => !cancelled && setState((current) => (current === "loading" ? "drawn" : current)),
          onReady: () => !cancelled && setState("ready"),
          onError: () => !cancelled && setState("failed"),
        });
        const undo = setup?.(map, module);
        teardown = () => {
          undo?.();
          map.remove();
        };
      })
      .catch(() => !cancelled && setState("failed"));
    return () => {
      cancelled = true;
      teardown?.();
      // A new base map starts loading again.
      setState("loading");
    };
  }, [styleUrl, bounds, labels]);

  // The map is made once; a new label (requests or organisations shown) goes onto its canvas.
  useEffect(() => {
    if (state === "ready") container.current?.querySelector("canvas")?.setAttribute("aria-label", label);
  }, [label, state]);

  return (
    <div className={className ? `map-frame ${className}` : "map-frame"}>
      <div ref={container} className="map-canvas" data-map-ready={state === "ready" ? "true" : "false"} />
      {!mounted && fallback ? <div className="map-status map-status-no-js">{fallback}</div> : null}
      {state === "loading" || state === "failed" ? (
        <p className="map-status map-status-js" role={state === "failed" ? "alert" : undefined}>
          {state === "failed" ? t("controls.failed") : t("controls.loading")}
        </p>
      ) : null}
    </div>
  );
}
