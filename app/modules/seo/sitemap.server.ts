// The sitemap for search engines: an index of parts, each part listing every public page in its
// three languages with hreflang alternates (as the pages' own <link rel="alternate"> do). Parts hold
// 2,000 pages each: 6,000 URLs with their three languages (the protocol allows 50,000), about 3 MB
// of XML before compression. On the 100,000-organisation set a late part takes 0.25 s, most of it
// PostgreSQL skipping the rows before it (OFFSET); keyset parts would make that flat.
import { locales, localePath } from "~/modules/i18n/config.ts";
import { prisma } from "~/utils/db.server.ts";

export const pagesPerPart = 2_000;

export type SitemapPart = { kind: "pages" | "organisations" | "requests"; page: number };

type Entry = { path: string; lastModified?: Date };

/** `pages.xml`, `organisations-2.xml`; null for any other name. */
export function parsePartName(name: string): SitemapPart | null {
  const match = /^(pages|organisations|requests)(?:-([1-9]\d{0,5}))?\.xml$/.exec(name);
  if (!match) return null;
  const kind = match[1] as SitemapPart["kind"];
  if (kind === "pages") return match[2] ? null : { kind, page: 1 };
  return match[2] ? { kind, page: Number(match[2]) } : null;
}

const escapeXml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

// Only what a search engine may index: verified organisations and open requests (search_visible),
// the same rows the browse page finds.
const publicOrganisations = { status: "verified", searchVisible: true } as const;
const publicRequests = { searchVisible: true } as const;

export async function sitemapIndex(appUrl: string): Promise<string> {
  const [organisations, requests] = await Promise.all([
    prisma.organisation.count({ where: publicOrganisations }),
    prisma.partnershipRequest.count({ where: publicRequests }),
  ]);
  const parts = ["pages.xml"];
  for (let page = 1; page <= Math.ceil(organisations / pagesPerPart); page += 1)
    parts.push(`organisations-${page}.xml`);
  for (let page = 1; page <= Math.ceil(requests / pagesPerPart); page += 1)
    parts.push(`requests-${page}.xml`);
  const items = parts.map(
    (part) => `  <sitemap><loc>${escapeXml(`${appUrl}/sitemaps/${part}`)}</loc></sitemap>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${items.join("\n")}\n</sitemapindex>\n`;
}

async function entriesOf({ kind, page }: SitemapPart): Promise<Entry[]> {
  if (kind === "pages")
    return [
      "/",
      "/browse",
      "/map",
      "/browse?show=organisations",
      "/imprint",
      "/privacy-statement",
      "/accessibility",
      "/contact",
    ].map((path) => ({ path }));
  const window = { skip: (page - 1) * pagesPerPart, take: pagesPerPart, orderBy: { slug: "asc" as const } };
  const rows =
    kind === "organisations"
      ? await prisma.organisation.findMany({
          where: publicOrganisations,
          select: { slug: true, updatedAt: true },
          ...window,
        })
      : await prisma.partnershipRequest.findMany({
          where: publicRequests,
          select: { slug: true, updatedAt: true },
          ...window,
        });
  return rows.map((row) => ({ path: `/${kind}/${row.slug}`, lastModified: row.updatedAt }));
}

/** A part's XML, or null when the part is past the last one (a 404). */
export async function sitemapPart(appUrl: string, part: SitemapPart): Promise<string | null> {
  const entries = await entriesOf(part);
  if (entries.length === 0 && part.kind !== "pages") return null;
  const urls = entries.flatMap((entry) => {
    const href = (locale: (typeof locales)[number]) =>
      escapeXml(`${appUrl}${localePath(locale, entry.path)}`);
    const alternates = [
      ...locales.map(
        (locale) => `    <xhtml:link rel="alternate" hreflang="${locale}" href="${href(locale)}"/>`,
      ),
      `    <xhtml:link rel="alternate" hreflang="x-default" href="${href("en")}"/>`,
    ].join("\n");
    const lastModified = entry.lastModified
      ? `\n    <lastmod>${entry.lastModified.toISOString()}</lastmod>`
      : "";
    return locales.map(
      (locale) => `  <url>\n    <loc>${href(locale)}</loc>${lastModified}\n${alternates}\n  </url>`,
    );
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${urls.join("\n")}\n</urlset>\n`;
}

/** Private and per-visitor pages are not for crawlers; the data endpoints neither. */
export function robotsTxt(appUrl: string): string {
  const privatePaths = [
    "/*/account",
    "/*/notifications",
    "/*/signout",
    "/*/organisations/new",
    "/*/organisations/*/edit",
    "/*/organisations/*/members",
    "/*/requests/new",
    "/*/requests/*/edit",
    "/*/requests/renew",
    "/*/invitations/",
    "/*/verify-email",
    "/*/reset-password",
    "/map/",
    "/language/",
  ];
  return [
    "User-agent: *",
    "Allow: /",
    ...privatePaths.map((path) => `Disallow: ${path}`),
    "",
    `Sitemap: ${appUrl}/sitemap.xml`,
    "",
  ].join("\n");
}
