// The browse page on a phone (#15 item 12): the results come first, the filters wait behind a
// "Filters" button that counts the active ones, with and without JavaScript. On a wide screen the
// filters stand open beside the results.
import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, test, type TestFactories } from "./support/fixtures.ts";

const KLEVE = "05154036";
const phone = { width: 390, height: 800 };

async function seedChoir(factories: TestFactories) {
  const word = `w${randomBytes(4).toString("hex")}`;
  const organisation = await factories.createOrganisation({
    name: `Chor Grenzklang ${word}`,
    kind: "cultural",
    country: "DE",
    municipalityCode: KLEVE,
  });
  await factories.createOpenRequest(organisation.id, {
    titleNl: `Koorzangers gezocht ${word}`,
    titleDe: `Chorsänger gesucht ${word}`,
    workingLanguages: ["de", "nl"],
  });
  return word;
}

async function expectFirstResultAboveTheFold(page: Page) {
  const first = page
    .getByRole("region", { name: /Resultaten|Ergebnisse|Results/ })
    .getByRole("listitem")
    .first();
  await expect(first).toBeVisible();
  const box = (await first.boundingBox())!;
  expect(box.y + 60, "the first result's title is on the first screen").toBeLessThan(phone.height);
}

test.describe("on a phone", () => {
  test.use({ viewport: phone });

  test("the first result is above the fold and the filters open and apply", async ({ page, factories }) => {
    const word = await seedChoir(factories);
    await page.goto("/nl/browse");
    const filters = page.locator("summary", { hasText: "Filters" });
    await expect(filters).toBeVisible();
    await expect(page.getByLabel("Zoekwoorden")).toBeHidden();
    await expectFirstResultAboveTheFold(page);

    await filters.click();
    await page.getByLabel("Zoekwoorden").fill(word);
    await page.getByLabel("Land", { exact: true }).selectOption("DE");
    await page.getByRole("button", { name: "Zoeken" }).click();
    await expect(page).toHaveURL(/country=DE/);

    // The new results come first again, and the button says how many filters are on.
    await expect(page.getByLabel("Zoekwoorden")).toBeHidden();
    await expect(filters).toHaveText(/Filters\s*2 actief/);
    const results = page.getByRole("region", { name: "Resultaten" });
    await expect(results.getByText("1 verzoek gevonden")).toBeVisible();
    await expect(results.getByRole("link", { name: `Koorzangers gezocht ${word}` })).toBeVisible();
    await expectFirstResultAboveTheFold(page);
    const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    expect(widths[0]).toBeLessThanOrEqual(widths[1]!);
  });

  test("the filters open from the keyboard", async ({ page }) => {
    await page.goto("/de/browse?country=NL");
    const filters = page.locator("summary", { hasText: "Filter" });
    await expect(filters).toHaveText(/Filter\s*1 aktiv/);
    await filters.focus();
    await page.keyboard.press("Enter");
    await expect(page.getByLabel("Land", { exact: true })).toBeVisible();
    await expect(page.getByLabel("Land", { exact: true })).toHaveValue("NL");
    await page.keyboard.press("Tab");
    await expect(page.getByLabel("Suchbegriffe")).toBeFocused();
  });

  test("without JavaScript the filters open and apply too", async ({ browser, factories }) => {
    const word = await seedChoir(factories);
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: phone });
    const page = await context.newPage();
    await page.goto("/en/browse");
    await expectFirstResultAboveTheFold(page);
    await page.locator("summary", { hasText: "Filters" }).click();
    await page.getByLabel("Search words").fill(word);
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(new RegExp(`q=${word}`));
    await expect(page.locator("summary", { hasText: "Filters" })).toHaveText(/Filters\s*1 active/);
    await expect(page.getByLabel("Search words")).toBeHidden();
    await expect(page.getByRole("link", { name: new RegExp(word) }).first()).toBeVisible();
    await context.close();
  });
});

test("on a wide screen the filters stand open beside the results, without the button", async ({ page }) => {
  await page.goto("/en/browse");
  await expect(page.locator("summary", { hasText: "Filters" })).toBeHidden();
  const search = page.getByLabel("Search words");
  await expect(search).toBeVisible();
  const results = (await page.getByRole("heading", { level: 2, name: "Results" }).boundingBox())!;
  const filters = (await search.boundingBox())!;
  expect(filters.x + filters.width).toBeLessThan(results.x);
});
