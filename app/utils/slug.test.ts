import { describe, expect, it } from "vitest";
import { makeSlug, randomSuffix } from "./slug.ts";

describe("slugs", () => {
  it("keeps letters and digits, in ASCII", () => {
    expect(makeSlug("Fußballverein Kleve 1920", "abc")).toBe("fussballverein-kleve-1920-abc");
    expect(makeSlug("Muziekschool Één & Zwölf", "abc")).toBe("muziekschool-een-zwoelf-abc");
    expect(makeSlug("'t Hoekje", "abc")).toBe("t-hoekje-abc");
  });

  it("drops markup and symbols instead of spelling them out in English", () => {
    expect(makeSlug("<b>Chor</b> am Deich", "abc")).toBe("chor-am-deich-abc");
    expect(makeSlug("Sport & Spiel <3 | 100% € $ ♥", "abc")).toBe("sport-spiel-3-100-abc");
    expect(makeSlug('<script>alert("x")</script>Zangkoor', "abc")).toBe("alert-x-zangkoor-abc");
    for (const word of ["less", "greater", "and", "und", "percent", "euro", "dollar", "love", "or"]) {
      expect(makeSlug("<b> & % € $ ♥ | </b>", "abc")).not.toContain(word);
    }
  });

  it("falls back to a word when nothing readable is left, and stays short", () => {
    expect(makeSlug("<<>> && %%", "abc")).toBe("item-abc");
    expect(makeSlug("a".repeat(100), "abc")).toBe(`${"a".repeat(60)}-abc`);
  });

  it("has a random suffix of six unambiguous characters", () => {
    expect(randomSuffix()).toMatch(/^[a-km-np-z2-9]{6}$/);
  });
});
