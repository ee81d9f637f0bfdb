// The base map served by the app: its layers, its style, the labels and the home page's choice of style, against the real municipalities table.
import { afterEach, describe, expect, it } from "vitest";
import { loader as homeLoader } from "~/routes/$lang._index.tsx";
import { loader as layerLoader } from "~/routes/map.layers.$name.tsx";
import { loader as styleLoader } from "~/routes/map.style[.]json.tsx";
import { resetEnvForTests } from "~/utils/env.server.ts";
import { basemapStyle, euregioBounds, memberLabels } from "./basemap.server.ts";

const context = { cspNonce: "", clientIp: "127.0.0.1", auth: null, isDevelopment: false };

const layer = (name: string) =>
  layerLoader({
    params: { name },
    request: new Request(`http://localhost/map/layers/${name}`),
    context,
  });

describe("the base map layers", () => {
  it("serves each layer of the style as GeoJSON that may be cached for a year", async () => {
    for (const source of Object.values(basemapStyle().sources)) {
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
  });
});

describe("member municipality labels", () => {
  it("names municipalities as the reader reads them", async () => {
    const nl = (await memberLabels("nl")).map((label) => label.name);
    const de = (await memberLabels("de")).map((label) => label.name);
    expect(nl).toEqual(expect.arrayContaining(["Kleef", "Nijmegen", "Emmerik"]));
    expect(de).toEqual(expect.arrayContaining(["Kleve", "Nimwegen", "Arnheim"]));
    expect(nl).not.toContain("Kleve");
    expect(de).not.toContain("Nijmegen");
  });

  it("labels every member municipality inside the first view", async () => {
    const labels = await memberLabels("en");
    const [[west, south], [east, north]] = euregioBounds;
    expect(labels).toHaveLength(44);
    for (const { lon, lat } of labels) {
      expect(lon).toBeGreaterThan(west);
      expect(lon).toBeLessThan(east);
      expect(lat).toBeGreaterThan(south);
      expect(lat).toBeLessThan(north);
    }
  });
});

describe("the home page's map", () => {
  const home = async (lang: string) =>
    (
      await homeLoader({ params: { lang }, request: new Request(`http://localhost/${lang}/`), context })
    ).json();

  afterEach(() => {
    delete process.env.MAP_STYLE_URL;
    resetEnvForTests();
  });

  it("uses the built-in base map with labels in the reader's language by default", async () => {
    const { map } = await home("de");
    expect(map.styleUrl).toBeNull();
    expect(map.bounds).toEqual(euregioBounds);
    expect(map.labels.map((label: { name: string }) => label.name)).toContain("Nimwegen");
  });

  it("switches to the style MAP_STYLE_URL names, which brings its own place names", async () => {
    process.env.MAP_STYLE_URL = "https://tiles.example.org/styles/euregio.json";
    resetEnvForTests();
    const { map } = await home("nl");
    expect(map.styleUrl).toBe("https://tiles.example.org/styles/euregio.json");
    expect(map.labels).toEqual([]);
  });
});
