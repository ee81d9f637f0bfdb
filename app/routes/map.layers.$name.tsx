// One GeoJSON layer of the base map. Its URL carries the data's version, so it may be cached for a year.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { isBasemapLayerName } from "~/modules/map/basemap-style.ts";
import { basemapLayer } from "~/modules/map/basemap.server.ts";

export function loader({ params }: LoaderFunctionArgs) {
  const name = params.name?.replace(/\.geojson$/, "");
  if (!isBasemapLayerName(name)) {
    return new Response("Not found", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  return new Response(basemapLayer(name), {
    headers: {
      "Content-Type": "application/geo+json",
      "Cache-Control": "public, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
