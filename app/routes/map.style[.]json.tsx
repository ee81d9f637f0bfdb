// The built-in offline base map style (used unless MAP_STYLE_URL names another).
import { basemapStyle } from "~/modules/map/basemap.server.ts";

export function loader() {
  return Response.json(basemapStyle(), {
    headers: { "Cache-Control": "public, max-age=3600" },
  });
}
