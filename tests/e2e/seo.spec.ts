// Public pages describe themselves to search engines in the reader's language (Lighthouse's SEO audit
// scored 91 on these pages for the missing description; see ADR 0018).
import { expect, test } from "./support/fixtures.ts";

const pages = [
  { path: "/nl/", words: "partners over de Nederlands-Duitse grens" },
  { path: "/de/browse", words: "Offene Partnerschaftsanfragen" },
  { path: "/en/map", words: "A map of the Euregio Rhine-Waal" },
  { path: "/en/signin", words: "Sign in to Euregio Partners" },
  { path: "/nl/signup", words: "Maak een gratis account aan" },
  { path: "/de/imprint", words: "Wer Euregio Partners betreibt" },
  { path: "/nl/privacy-statement", words: "Wat Euregio Partners over u en uw organisatie opslaat" },
  { path: "/en/accessibility", words: "How accessible Euregio Partners is" },
  { path: "/de/contact", words: "Geschäftsstelle der Euregio Rhein-Waal" },
];

for (const { path, words } of pages) {
  test(`${path} has a title and a description in its language`, async ({ request }) => {
    const response = await request.get(path);
    expect(response.status()).toBe(200);
    const html = await response.text();
    const description = html.match(/<meta name="description" content="([^"]+)"/)?.[1] ?? "";
    expect(description).toContain(words);
    expect(description.length).toBeGreaterThan(50);
    expect(html).toMatch(/<title>[^<]+ – Euregio Partners<\/title>/);
  });
}
