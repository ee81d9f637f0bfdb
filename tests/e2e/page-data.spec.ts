// Pages ship only what they show: no page's HTML or single-fetch data (`.data`) carries internal
// columns, for visitors or members; and every route with a slug answers an unknown one with 404,
// as a page and as data, never with a 500.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { generateToken, hashToken } from "../../app/modules/auth/tokens.ts";
import { expect, query, test } from "./support/fixtures.ts";

const internal = [
  "createdById",
  "created_by_id",
  "renewalNotifiedAt",
  "renewal_notified_at",
  "verifiedById",
  "passwordHash",
  "password_hash",
  /\bsearch(Visible|SortedAt|Country|Kind|MunicipalityCode|Names|Document|Point)\b/,
  /\bsearch_(visible|sorted_at|country|kind|municipality_code|names|document|point)\b/,
];

async function demoOwner() {
  const [owner] = await query<{ id: string; org: string; request: string | null; draft: string | null }>(
    `SELECT u.id, o.slug AS org,
            (SELECT slug FROM partnership_requests r WHERE r.organisation_id = o.id AND r.status = 'open' LIMIT 1) AS request,
            (SELECT slug FROM partnership_requests r WHERE r.organisation_id = o.id AND r.status = 'draft' LIMIT 1) AS draft
       FROM users u JOIN memberships m ON m.user_id = u.id AND m.role = 'owner'
       JOIN organisations o ON o.id = m.organisation_id AND o.status = 'verified'
      WHERE u.email = 'sanne@demo.euregio-partners.example' LIMIT 1`,
  );
  if (!owner) throw new Error("the demo data has no Sanne");
  const token = generateToken();
  await query(`INSERT INTO sessions (id, user_id, expires_at) VALUES ($1, $2, now() + interval '1 hour')`, [
    hashToken(token),
    owner.id,
  ]);
  return { ...owner, cookie: `ep_session=${token}` };
}

/** The `.data` URL single fetch asks for a page's loader data. */
function dataUrl(path: string) {
  const [pathname, search = ""] = path.split("?");
  const base = pathname === "/" ? "/_root.data" : `${pathname!.replace(/\/$/, "")}.data`;
  return search ? `${base}?${search}` : base;
}

test("no page's HTML or data carries internal columns, for visitors and for members", async ({ request }) => {
  const owner = await demoOwner();
  const pages = [
    "/nl/",
    "/de/browse",
    "/de/browse?show=organisations",
    "/en/map",
    "/en/map?show=organisations",
    `/nl/organisations/${owner.org}`,
    ...(owner.request ? [`/de/requests/${owner.request}`] : []),
  ];
  const memberPages = [
    ...pages,
    "/nl/organisations",
    `/nl/organisations/${owner.org}/edit`,
    `/nl/organisations/${owner.org}/members`,
    "/nl/account",
    ...(owner.request ? [`/nl/requests/${owner.request}/edit`] : []),
    ...(owner.draft ? [`/nl/requests/${owner.draft}`] : []),
  ];
  const checked: string[] = [];
  for (const [who, list, headers] of [
    ["visitor", pages, {}],
    ["member", memberPages, { Cookie: owner.cookie }],
  ] as const) {
    for (const page of list) {
      for (const url of [page, dataUrl(page)]) {
        const response = await request.get(url, { headers, maxRedirects: 0 });
        expect(response.status(), `${who} ${url}`).toBe(200);
        const body = await response.text();
        for (const name of internal) {
          if (typeof name === "string") expect(body, `${who} ${url}`).not.toContain(name);
          else expect(body, `${who} ${url}`).not.toMatch(name);
        }
        checked.push(url);
      }
    }
  }
  expect(checked.length).toBeGreaterThan(20);
});

test("every route with a slug answers an unknown slug with 404, as a page and as data", async ({
  request,
}) => {
  const owner = await demoOwner();
  const routes = readdirSync(join(import.meta.dirname, "..", "..", "app", "routes")).filter(
    (file) => file.startsWith("$lang.") && file.includes("$slug"),
  );
  expect(routes.length).toBeGreaterThanOrEqual(5);
  for (const file of routes) {
    const path = `/${file
      .replace(/\.tsx$/, "")
      .replace(/\._index$/, "")
      .split(".")
      .map((part) => (part === "$lang" ? "de" : part === "$slug" ? "gibt-es-nicht-123abc" : part))
      .join("/")}`;
    for (const [who, headers] of [
      ["visitor", {}],
      ["member", { Cookie: owner.cookie }],
    ] as const) {
      const page = await request.get(path, { headers, maxRedirects: 0 });
      // Pages for members send a visitor to sign-in first; nobody gets a 500.
      if (who === "visitor" && page.status() === 302) continue;
      expect(page.status(), `${who} ${path}`).toBe(404);
      expect(await page.text()).toContain("Seite nicht gefunden");
      const data = await request.get(dataUrl(path), { headers, maxRedirects: 0 });
      expect(data.status(), `${who} ${dataUrl(path)}`).toBe(404);
    }
  }
});
