import { describe, expect, it } from "vitest";
import { Catalog } from "./catalog.ts";
import { resources } from "./resources.server.ts";

const english = new Catalog("en", {
  common: {
    appName: "Euregio Partners",
    nav: { browse: "Browse" },
    greeting: "Hello {{name}}, {{ name }} again",
    results_one: "{{count}} result",
    results_other: "{{count}} results",
    items_zero: "nothing",
    items_one: "one item",
    items_other: "{{count}} items",
    onlyEnglish: "English only",
  },
  browse: { title: "Find partners", filters: { country: "Country" } },
});

describe("Catalog", () => {
  it("reads nested keys in the given namespace, or in the one the key names", () => {
    expect(english.translate("common", "nav.browse")).toBe("Browse");
    expect(english.translate("browse", "filters.country")).toBe("Country");
    expect(english.translate("common", "browse:title")).toBe("Find partners");
    expect(english.fixedT("browse")("common:appName")).toBe("Euregio Partners");
  });

  it("gives a key without text back as it is, without its namespace", () => {
    expect(english.translate("common", "nav.missing")).toBe("nav.missing");
    expect(english.translate("common", "browse:nope")).toBe("nope");
    // An object is not a text.
    expect(english.translate("common", "nav")).toBe("nav");
  });

  it("fills every placeholder and leaves one without a value as it is", () => {
    expect(english.translate("common", "greeting", { name: "Sanne" })).toBe("Hello Sanne, Sanne again");
    expect(english.translate("common", "greeting", {})).toBe("Hello {{name}}, {{ name }} again");
    expect(english.translate("common", "greeting", { name: 0 })).toBe("Hello 0, 0 again");
  });

  it("chooses the plural form by the locale's rules, with _zero where there is one", () => {
    expect(english.translate("common", "results", { count: 1 })).toBe("1 result");
    expect(english.translate("common", "results", { count: 0 })).toBe("0 results");
    expect(english.translate("common", "results", { count: 12 })).toBe("12 results");
    expect(english.translate("common", "items", { count: 0 })).toBe("nothing");
    expect(english.translate("common", "items", { count: 1 })).toBe("one item");
  });

  it("falls back to another catalog for a key this one lacks", () => {
    const dutch = new Catalog("nl", { common: { appName: "Euregio Partners NL" } }, { fallback: english });
    expect(dutch.translate("common", "appName")).toBe("Euregio Partners NL");
    expect(dutch.translate("common", "onlyEnglish")).toBe("English only");
    expect(dutch.translate("common", "results", { count: 2 })).toBe("2 results");
  });

  it("chooses Dutch and German plurals from the real files as i18next did", () => {
    for (const locale of ["nl", "de", "en"] as const) {
      const catalog = new Catalog(locale, resources[locale]);
      const browse = resources[locale].browse as { results: Record<string, string> };
      expect(catalog.translate("browse", "results.requests", { count: 1 })).toBe(
        browse.results.requests_one?.replace("{{count}}", "1"),
      );
      expect(catalog.translate("browse", "results.requests", { count: 7 })).toBe(
        browse.results.requests_other?.replace("{{count}}", "7"),
      );
    }
  });

  it("loads a missing namespace once, and suspends until it is there", async () => {
    let loads = 0;
    const catalog = new Catalog(
      "de",
      { common: {} },
      {
        load: async (_locale, ns) => {
          loads += 1;
          return ns === "map" ? { title: "Karte" } : {};
        },
      },
    );
    expect(catalog.translate("map", "title")).toBe("title");
    expect(catalog.load(["common"])).toBeUndefined();
    const first = catalog.load(["common", "map"]);
    const second = catalog.load(["map"]);
    expect(first).toBeInstanceOf(Promise);
    await Promise.all([first, second]);
    expect(loads).toBe(1);
    expect(catalog.load(["map"])).toBeUndefined();
    expect(catalog.translate("map", "title")).toBe("Karte");
  });

  it("throws a namespace's load error on the next try instead of waiting forever", async () => {
    const failure = new Error("offline");
    const catalog = new Catalog("nl", {}, { load: () => Promise.reject(failure) });
    await catalog.load(["home"]);
    expect(() => catalog.load(["home"])).toThrow(failure);
  });
});
