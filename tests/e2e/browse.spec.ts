// The browse page in the browser: filters kept in a shareable URL, next page, keyboard use, axe,
// and bad parameters answered with a translated 400.
import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type TestFactories } from "./support/fixtures.ts";

const KLEVE = "05154036";

/** A verified organisation in Kleve with `count` open requests about music; names carry `word`. */
async function seedClub(factories: TestFactories, word: string, count: number) {
  const organisation = await factories.createOrganisation({
    slug: `club-${word}`,
    name: `SV Grenzland ${word}`,
    kind: "sports_club",
    sport: "football",
    municipalityCode: KLEVE,
    descriptionNl: null,
    descriptionDe: "Wir spielen Fußball und suchen Partner.",
  });
  for (let i = 0; i < count; i += 1) {
    await factories.createOpenRequest(organisation.id, {
      slug: `request-${word}-${i}`,
      titleNl: null,
      titleDe: `Musikaustausch ${word} Nummer ${i}`,
      workingLanguages: ["de", "nl"],
      publishedAt: new Date(Date.now() - i * 60_000),
    });
  }
  return organisation;
}

const uniqueWord = () => `w${randomBytes(4).toString("hex")}`;

test("filters live in the URL, survive a reload and can be shared", async ({ page, browser, factories }) => {
  const word = uniqueWord();
  await seedClub(factories, word, 2);
  await page.goto("/de/browse");
  await page.getByLabel("Suchbegriffe").fill(word);
  await page.getByLabel("Land", { exact: true }).selectOption("DE");
  await page.getByLabel("Thema").selectOption("music");
  await page.getByRole("button", { name: "Suchen" }).click();
  await expect(page).toHaveURL(/topic=music/);
  const url = new URL(page.url());
  expect(url.searchParams.get("q")).toBe(word);
  expect(url.searchParams.get("country")).toBe("DE");
  expect(url.searchParams.get("topic")).toBe("music");
  // Empty fields are left out of the shared address.
  expect(url.searchParams.has("kind")).toBe(false);
  const results = page.getByRole("region", { name: "Ergebnisse" });
  await expect(results.getByText("2 Anfragen gefunden")).toBeVisible();
  await expect(results.getByRole("link", { name: new RegExp(`Musikaustausch ${word}`) })).toHaveCount(2);

  // Someone else opens the same link in a fresh browser: the same search, in Dutch with a marker.
  const other = await browser.newPage();
  await other.goto(url.pathname.replace("/de/", "/nl/") + url.search);
  await expect(other.getByLabel("Zoekwoorden")).toHaveValue(word);
  await expect(other.getByLabel("Thema")).toHaveValue("music");
  await expect(other.getByText("(in het Duits)").first()).toBeVisible();
  await other.close();
});

test("the organisations toggle keeps the filters and links to the profile", async ({ page, factories }) => {
  const word = uniqueWord();
  const club = await seedClub(factories, word, 1);
  await page.goto(`/en/browse?q=${word}&country=DE`);
  await page.getByRole("link", { name: "Organisations", exact: true }).click();
  await expect(page).toHaveURL(/show=organisations/);
  await expect(page).toHaveURL(new RegExp(`q=${word}`));
  await expect(page.getByRole("link", { name: `SV Grenzland ${word}` })).toHaveAttribute(
    "href",
    `/en/organisations/${club.slug}`,
  );
  await expect(page.getByRole("link", { name: "Organisations", exact: true })).toHaveAttribute(
    "aria-current",
    "page",
  );
});

test("next page shows the following results, each once", async ({ page, factories }) => {
  const word = uniqueWord();
  await seedClub(factories, word, 25);
  await page.goto(`/de/browse?q=${word}&sort=newest`);
  const titles = page.getByRole("region", { name: "Ergebnisse" }).getByRole("heading", { level: 3 });
  await expect(titles).toHaveCount(20);
  const first = await titles.allTextContents();
  await page.getByRole("link", { name: "Nächste Seite" }).click();
  await expect(page).toHaveURL(/cursor=/);
  await expect(titles).toHaveCount(5);
  const second = await titles.allTextContents();
  expect(new Set([...first, ...second]).size).toBe(25);
  await expect(page.getByRole("link", { name: "Nächste Seite" })).toHaveCount(0);
  await page.getByRole("link", { name: "Zurück zur ersten Seite" }).click();
  await expect(titles).toHaveCount(20);
});

test("works with the keyboard alone", async ({ page, factories }) => {
  const word = uniqueWord();
  await seedClub(factories, word, 1);
  await page.goto("/nl/browse");
  await page.getByLabel("Zoekwoorden").focus();
  await page.keyboard.type(word);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`q=${word}`));
  const link = page.getByRole("link", { name: new RegExp(`Musikaustausch ${word}`) });
  await expect(link).toBeVisible();
  await link.focus();
  await expect(link).toBeFocused();
});

for (const path of ["/de/browse", "/nl/browse?show=organisations", "/en/browse?country=XX"]) {
  test(`axe reports no violations on ${path}`, async ({ page, factories }) => {
    await seedClub(factories, uniqueWord(), 3);
    await page.goto(path);
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
}

test("bad parameters get a 400 page with a translated message and a way back", async ({ page }) => {
  const response = await page.goto("/de/browse?country=XX&colour=blue");
  expect(response?.status()).toBe(400);
  await expect(
    page.getByRole("heading", { name: "Diese Filter konnten nicht verwendet werden" }),
  ).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "Dieser Link enthält etwas" })).toBeVisible();
  const country = page.getByLabel("Land", { exact: true });
  await expect(country).toHaveAttribute("aria-invalid", "true");
  await expect(country).toHaveAccessibleDescription("Einer der Filter hat einen Wert, den wir nicht kennen.");
  await page.getByRole("link", { name: "Alle Filter zurücksetzen" }).click();
  await expect(page).toHaveURL(/\/de\/browse\?$|\/de\/browse$/);
  await expect(page.getByRole("heading", { name: "Ergebnisse" })).toBeVisible();

  const badCursor = await page.goto("/nl/browse?cursor=rommel");
  expect(badCursor?.status()).toBe(400);
  await expect(page.getByRole("alert").filter({ hasText: "Deze paginalink is beschadigd" })).toBeVisible();
});
