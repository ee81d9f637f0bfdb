import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { locales, namespaces, switchLocale, localePath } from "./config.ts";

const localesDir = join(import.meta.dirname, "..", "..", "..", "locales");

function flatten(value: unknown, prefix = ""): Map<string, unknown> {
  const keys = new Map<string, unknown>();
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (child && typeof child === "object") for (const [k, v] of flatten(child, path)) keys.set(k, v);
    else keys.set(path, child);
  }
  return keys;
}

function load(locale: string, ns: string) {
  return flatten(JSON.parse(readFileSync(join(localesDir, locale, `${ns}.json`), "utf8")));
}

describe("translations", () => {
  it("has exactly the configured namespaces in every language", () => {
    for (const locale of locales) {
      const files = readdirSync(join(localesDir, locale)).map((file) => file.replace(/\.json$/, ""));
      expect(files.sort()).toEqual([...namespaces].sort());
    }
  });

  for (const ns of namespaces) {
    it(`has the same keys in nl, de and en for "${ns}"`, () => {
      const [nl, de, en] = locales.map((locale) => [...load(locale, ns).keys()].sort());
      expect(nl).toEqual(en);
      expect(de).toEqual(en);
    });

    it(`has no empty strings and the same placeholders in every language for "${ns}"`, () => {
      const english = load("en", ns);
      for (const locale of locales) {
        for (const [key, text] of load(locale, ns)) {
          expect(typeof text === "string" && text.trim().length > 0, `${locale}/${ns}:${key}`).toBe(true);
          const placeholders = (value: unknown) =>
            String(value)
              .match(/{{\w+}}/g)
              ?.sort() ?? [];
          expect(placeholders(text), `${locale}/${ns}:${key}`).toEqual(placeholders(english.get(key)));
        }
      }
    });
  }
});

describe("locale paths", () => {
  it("switches the language and keeps the page and query", () => {
    expect(switchLocale("/de/account", "?x=1", "nl")).toBe("/nl/account?x=1");
    expect(switchLocale("/en/", "", "de")).toBe("/de/");
    expect(switchLocale("/", "", "nl")).toBe("/nl/");
  });

  it("builds paths under the locale", () => {
    expect(localePath("de")).toBe("/de/");
    expect(localePath("nl", "/signin")).toBe("/nl/signin");
  });
});
