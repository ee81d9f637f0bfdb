// The organisation form's website field: only plain http(s) links, never one with a user name or password.
import { describe, expect, it } from "vitest";
import { organisationSchema } from "./schemas.ts";

const profile = {
  kind: "other",
  name: "Heemkundekring Ooij",
  country: "NL",
  municipalityCode: "GM1945",
  descriptionNl: "Wij onderzoeken de geschiedenis van de Ooijpolder.",
};

const websiteError = (website: string) =>
  organisationSchema
    .safeParse({ ...profile, website })
    .error?.issues.find((issue) => issue.path[0] === "website")?.message;

describe("organisation website", () => {
  it("refuses a link with a user name or password, which shows one host and opens another", () => {
    for (const website of [
      "https://user@example.org",
      "https://user:pass@example.org",
      "https://:pass@example.org",
      "https://@example.org",
      "https://www.gemeente.nl@evil.example/login",
      "http://user@example.org:8080/",
      "https:\\\\user@example.org",
      "  https://user%40name@example.org  ",
    ]) {
      expect(websiteError(website), website).toBe("organisations:errors.website");
    }
  });

  it("still refuses what is no web address, and keeps an ordinary one, also with an @ after the host", () => {
    for (const website of [
      "javascript:alert(1)",
      "mailto:user@example.org",
      "https://",
      "user@example.org",
    ]) {
      expect(websiteError(website), website).toBe("organisations:errors.website");
    }
    for (const website of [
      "https://www.example.org",
      "http://heemkunde.example.nl/over-ons?lid=ja#contact",
      "https://example.org/@heemkunde",
      "https://example.org/?mail=info@example.org",
    ]) {
      const parsed = organisationSchema.safeParse({ ...profile, website });
      expect(parsed.error, website).toBeUndefined();
      expect(parsed.data?.website).toBe(website);
    }
  });
});
