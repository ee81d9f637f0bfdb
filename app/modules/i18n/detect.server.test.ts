import { describe, expect, it } from "vitest";
import { detectLocale, localeCookie, preferredLocale, readLocaleCookie } from "./detect.server.ts";

const detect = (header?: string) =>
  detectLocale(
    new Request("http://localhost/", { headers: header === undefined ? {} : { "Accept-Language": header } }),
  );

describe("detectLocale", () => {
  it("takes the reader's first language when we have it, regions included", () => {
    expect(detect("de-DE,de;q=0.9,en;q=0.8")).toBe("de");
    expect(detect("nl-BE")).toBe("nl");
    expect(detect("en-GB,en;q=0.9")).toBe("en");
  });

  it("goes down the reader's list, by weight, to a language we have", () => {
    expect(detect("fr-FR,fr;q=0.9,de;q=0.8")).toBe("de");
    expect(detect("nl;q=0.9,fr;q=1")).toBe("nl");
    expect(detect("pl,en;q=0.5,nl;q=0.7")).toBe("nl");
  });

  it("falls back to English without a header, or without any language we have", () => {
    expect(detect()).toBe("en");
    expect(detect("")).toBe("en");
    expect(detect("fr,pl;q=0.5")).toBe("en");
    expect(detect("*")).toBe("en");
    expect(detect("fr, *;q=0.1")).toBe("en");
  });
});

describe("preferredLocale", () => {
  const visit = (headers: Record<string, string>) => new Request("http://localhost/", { headers });

  it("follows the language chosen in this browser first, then the account's, then Accept-Language", () => {
    const german = { "Accept-Language": "de-DE,de;q=0.9" };
    expect(preferredLocale(visit(german))).toBe("de");
    expect(preferredLocale(visit(german), { locale: "en" })).toBe("en");
    expect(
      preferredLocale(visit({ ...german, Cookie: "ep_session=x; ep_locale=nl" }), { locale: "en" }),
    ).toBe("nl");
  });

  it("ignores a cookie that names no language of ours", () => {
    expect(readLocaleCookie("ep_locale=fr")).toBeNull();
    expect(readLocaleCookie("ep_locale=")).toBeNull();
    expect(readLocaleCookie("other=nl")).toBeNull();
    expect(readLocaleCookie(null)).toBeNull();
    expect(preferredLocale(visit({ Cookie: "ep_locale=NL", "Accept-Language": "de" }))).toBe("de");
  });

  it("remembers the choice for a year, for the whole site", () => {
    expect(localeCookie("de")).toBe("ep_locale=de; Path=/; HttpOnly; SameSite=Lax; Max-Age=31536000");
    expect(readLocaleCookie(localeCookie("de").split(";")[0])).toBe("de");
  });
});
