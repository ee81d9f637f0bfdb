// The base map served by the app: its GeoJSON layers and its style (the labels and the home page's
// choice of style read the municipalities table: tests/integration/basemap.test.ts).
import { describe, expect, it } from "vitest";
import { loader as layerLoader } from "~/routes/map.layers.$name.tsx";
import { loader as styleLoader } from "~/routes/map.style[.]json.tsx";
import { basemapStyle } from "./basemap.server.ts";

const context = { cspNonce: "", clientIp: "127.0.0.1", auth: null, isDevelopment: false };

const layer = (name: string) =>
  layerLoader({
    params: { name },
    request: new Request(`http://localhost/map/layers/${name}`),
    context,
  });

describe("the base map layers", () => {
  it("serves each layer of the style as GeoJSON that may be cached for a year", async () => {
    const served = Object.values(basemapStyle().sources).filter(
      (source) => "data" in source && typeof source.data === "string",
    );
    expect(served).toHaveLength(4);
    for (const source of served) {
      const url = new URL("data" in source && typeof source.data === "string" ? source.data : "", "http://x");
      const response = await layer(url.pathname.split("/").pop() ?? "");
      expect(response.status).toBe(200);
      expect(response.headers.get("Content-Type")).toBe("application/geo+json");
      expect(response.headers.get("Cache-Control")).toContain("immutable");
      expect((await response.json()).type).toBe("FeatureCollection");
    }
  });

  it("answers 404 for a name that is not one of its layers", async () => {
    expect((await layer("members.csv")).status).toBe(404);
    expect((await layer("..%2Fpackage.json")).status).toBe(404);
  });

  it("serves the style with versioned layer URLs", async () => {
    const style = await styleLoader().json();
    expect(style.version).toBe(8);
    expect(style.sources.rivers.data).toMatch(/^\/map\/layers\/rivers\.geojson\?v=[0-9a-f]{12}$/);
    // The mask over what lies outside the data is small and travels inline.
    expect(style.sources.outside.data.features[0].geometry.coordinates[1][0]).toEqual([5.3, 51.2]);
  });
});
