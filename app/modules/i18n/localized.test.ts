import { describe, expect, it } from "vitest";
import { makeSlug } from "~/utils/slug.ts";
import { pickLocalized } from "./localized.ts";

describe("localized texts", () => {
  it("shows the reader's language when present", () => {
    expect(pickLocalized({ nl: "Hallo", de: "Hallo DE" }, "de")).toEqual({
      text: "Hallo DE",
      lang: "de",
      isFallback: false,
    });
  });

  it("falls back to another language and says which", () => {
    expect(pickLocalized({ nl: "Alleen Nederlands" }, "de")).toEqual({
      text: "Alleen Nederlands",
      lang: "nl",
      isFallback: true,
    });
    expect(pickLocalized({ nl: "  ", de: null }, "en")).toBeNull();
  });
});

describe("slugs", () => {
  it("are readable ASCII with a suffix", () => {
    expect(makeSlug("Fußballverein Kleve 1921 e.V.", "ab12")).toBe("fussballverein-kleve-1921-ev-ab12");
    expect(makeSlug("Historische Kring 's-Heerenberg", "x")).toBe("historische-kring-s-heerenberg-x");
    expect(makeSlug("!!!", "x")).toBe("item-x");
  });
});
