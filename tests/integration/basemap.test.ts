// The base map's labels and the home page's choice of style, against the real municipalities table
// (the layers and the style itself: app/modules/map/basemap.server.test.ts).
import { afterEach, describe, expect, it } from "vitest";
import { euregioBounds, memberLabels } from "~/modules/map/basemap.server.ts";
import { loader as homeLoader } from "~/routes/$lang._index.tsx";
import { resetEnvForTests } from "~/utils/env.server.ts";

const context = { cspNonce: "", clientIp: "127.0.0.1", auth: null, isDevelopment: false };

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
  const home = (lang: string) =>
    homeLoader({ params: { lang }, request: new Request(`http://localhost/${lang}/`), context });

  afterEach(() => {
    delete process.env.MAP_STYLE_URL;
    resetEnvForTests();
  });

  it("uses the built-in base map with labels in the reader's language by default", async () => {
    const { map } = (await home("de")).data;
    expect(map.styleUrl).toBeNull();
    expect(map.bounds).toEqual(euregioBounds);
    expect(map.labels.map((label: { name: string }) => label.name)).toContain("Nimwegen");
  });

  it("switches to the style MAP_STYLE_URL names, which brings its own place names", async () => {
    process.env.MAP_STYLE_URL = "https://tiles.example.org/styles/euregio.json";
    resetEnvForTests();
    const { map } = (await home("nl")).data;
    expect(map.styleUrl).toBe("https://tiles.example.org/styles/euregio.json");
    expect(map.labels).toEqual([]);
  });
});
