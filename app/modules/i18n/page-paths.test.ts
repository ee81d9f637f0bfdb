import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isPagePath, pagePatterns } from "./page-paths.ts";

/** `$lang.organisations.$slug._index.tsx` → ["organisations", "*"]; `matches_` (not nested) → "matches". */
function patternOf(file: string): string[] {
  return file
    .replace(/^\$lang\./, "")
    .replace(/\.tsx$/, "")
    .split(".")
    .filter((part) => part !== "_index")
    .map((part) => (part.startsWith("$") ? "*" : part.replace(/_$/, "")));
}

describe("page paths", () => {
  it("are the route files under /$lang, the layout and the catch-all left out", () => {
    const files = readdirSync(join(import.meta.dirname, "../../routes")).filter(
      (file) =>
        file.startsWith("$lang.") && !["$lang.tsx", "$lang.$.tsx"].includes(file) && !file.includes(".test."),
    );
    const fromFiles = files.map((file) => patternOf(file).join("/")).sort();
    expect(pagePatterns.map((pattern) => pattern.join("/")).sort()).toEqual(fromFiles);
  });

  it("match a page's path without its locale, slugs included", () => {
    for (const path of [
      "/map",
      "/browse",
      "/organisations/heimatverein-kleve-x7k",
      "/requests/abc/edit/",
      "/signin",
    ])
      expect(isPagePath(path)).toBe(true);
    for (const path of ["/kaart", "/organisations/x/y/z", "/requests", "/fr", "/map/unknown"])
      expect(isPagePath(path)).toBe(false);
  });
});
