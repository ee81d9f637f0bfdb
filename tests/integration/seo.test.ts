// robots.txt and the sitemap: every public page in its three languages with hreflang alternates,
// nothing that is not public, and 404 for a part that does not exist.
import { describe, expect, it } from "vitest";
import { parsePartName, sitemapIndex, sitemapPart } from "~/modules/seo/sitemap.server.ts";
import { loader as robotsLoader } from "~/routes/robots[.]txt.tsx";
import { loader as partLoader } from "~/routes/sitemaps.$name.tsx";
import { createOpenRequest, createOrganisation, createRequest } from "../factories/index.ts";
import { contextFor } from "../support/context.ts";

const appUrl = "https://partners.example";

async function partResponse(name: string): Promise<Response> {
  try {
    return await partLoader({
      params: { name },
      request: new Request(`${appUrl}/sitemaps/${name}`),
      context: contextFor(null),
    });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    const { init } = thrown as { init?: { status?: number } };
    return new Response(null, { status: init?.status ?? 500 });
  }
}

describe("robots.txt", () => {
  it("keeps crawlers out of private pages and names the sitemap", async () => {
    const response = robotsLoader();
    expect(response.headers.get("Content-Type")).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/^User-agent: \*$/m);
    for (const path of ["/*/account", "/*/organisations/*/edit", "/*/requests/renew", "/map/", "/language/"])
      expect(text).toContain(`Disallow: ${path}\n`);
    expect(text).toMatch(/^Sitemap: http.*\/sitemap\.xml$/m);
  });
});

describe("the sitemap", () => {
  it("names its parts by what they hold", () => {
    expect(parsePartName("pages.xml")).toEqual({ kind: "pages", page: 1 });
    expect(parsePartName("organisations-2.xml")).toEqual({ kind: "organisations", page: 2 });
    for (const name of [
      "organisations.xml",
      "pages-1.xml",
      "requests-0.xml",
      "users-1.xml",
      "requests-1.json",
    ])
      expect(parsePartName(name), name).toBeNull();
  });

  it("lists public organisations and open requests in three languages, and nothing else", async () => {
    const verified = await createOrganisation({ status: "verified", name: "Heemkundekring Sitemap" });
    const pending = await createOrganisation({ status: "pending", name: "Verein Sitemap (pending)" });
    const open = await createOpenRequest(verified.id);
    const draft = await createRequest({ organisationId: verified.id, status: "draft" });

    const index = await sitemapIndex(appUrl);
    for (const part of ["pages.xml", "organisations-1.xml", "requests-1.xml"])
      expect(index).toContain(`<loc>${appUrl}/sitemaps/${part}</loc>`);

    const organisations = (await sitemapPart(appUrl, { kind: "organisations", page: 1 }))!;
    for (const locale of ["nl", "de", "en"])
      expect(organisations).toContain(`<loc>${appUrl}/${locale}/organisations/${verified.slug}</loc>`);
    expect(organisations).toContain(
      `<xhtml:link rel="alternate" hreflang="de" href="${appUrl}/de/organisations/${verified.slug}"/>`,
    );
    expect(organisations).toContain(
      `<xhtml:link rel="alternate" hreflang="x-default" href="${appUrl}/en/organisations/${verified.slug}"/>`,
    );
    expect(organisations).not.toContain(pending.slug);

    const requests = (await sitemapPart(appUrl, { kind: "requests", page: 1 }))!;
    expect(requests).toContain(`<loc>${appUrl}/nl/requests/${open.slug}</loc>`);
    expect(requests).not.toContain(draft.slug);
    expect(requests).toMatch(/<lastmod>\d{4}-\d\d-\d\dT/);

    const pages = (await sitemapPart(appUrl, { kind: "pages", page: 1 }))!;
    expect(pages).toContain(`<loc>${appUrl}/de/browse</loc>`);
    expect(pages).toContain(`<loc>${appUrl}/nl/browse?show=organisations</loc>`);
    for (const path of ["imprint", "privacy-statement", "accessibility", "contact"])
      expect(pages).toContain(`<loc>${appUrl}/de/${path}</loc>`);
  });

  it("answers a part past the last one, or with an unknown name, with a 404", async () => {
    expect((await partResponse("requests-99999.xml")).status).toBe(404);
    expect((await partResponse("secrets.xml")).status).toBe(404);
    const pages = await partResponse("pages.xml");
    expect(pages.status).toBe(200);
    expect(pages.headers.get("Content-Type")).toMatch(/^application\/xml/);
  });
});
