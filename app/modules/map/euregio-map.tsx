// The map of the Euregio: a fixed-height frame rendered on the server, filled in the browser by
// MapLibre, which is imported only here and only once the component has mounted.
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Bounds } from "./basemap-style.ts";

export type EuregioMapProps = {
  /** A MapLibre style URL; null for the built-in offline base map. */
  styleUrl: string | null;
  bounds: Bounds;
  /** Member municipality labels in the reader's language; drawn only on the built-in base map. */
  labels: { code: string; name: string; lon: number; lat: number }[];
};

type MapState = "loading" | "ready" | "failed";

export function EuregioMap({ styleUrl, bounds, labels }: EuregioMapProps) {
  const { t } = useTranslation("home");
  const container = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<MapState>("loading");

  useEffect(() => {
    let cancelled = false;
    let removeMap: (() => void) | undefined;
    setState("loading");
    import("./maplibre.client.ts")
      .then(({ createEuregioMap }) => {
        if (cancelled || !container.current) return;
        removeMap = createEuregioMap({
          container: container.current,
          styleUrl: styleUrl ?? new URL("/map/style.json", window.location.href).href,
          bounds,
          labels: styleUrl ? [] : labels,
          uiStrings: {
            "Map.Title": t("map.canvasLabel"),
            "NavigationControl.ZoomIn": t("map.zoomIn"),
            "NavigationControl.ZoomOut": t("map.zoomOut"),
            "AttributionControl.ToggleAttribution": t("map.toggleAttribution"),
            "CooperativeGesturesHandler.WindowsHelpText": t("map.gestureHelpWindows"),
            "CooperativeGesturesHandler.MacHelpText": t("map.gestureHelpMac"),
            "CooperativeGesturesHandler.MobileHelpText": t("map.gestureHelpMobile"),
          },
          onReady: () => !cancelled && setState("ready"),
          onError: () => !cancelled && setState("failed"),
        });
      })
      .catch(() => !cancelled && setState("failed"));
    return () => {
      cancelled = true;
      removeMap?.();
    };
  }, [styleUrl, bounds, labels, t]);

  return (
    <div className="map-frame">
      <div ref={container} className="map-canvas" data-map-ready={state === "ready" ? "true" : "false"} />
      {state === "ready" ? null : (
        <p className="map-status" role={state === "failed" ? "alert" : undefined}>
          {state === "failed" ? t("map.failed") : t("map.loading")}
        </p>
      )}
    </div>
  );
}
