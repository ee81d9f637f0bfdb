// The site's header (#15 item 12): the logo beside the name, and on a phone a menu button instead
// of three rows of links, with and without JavaScript.
import { expect, test } from "./support/fixtures.ts";

test("the header's home link shows the logo and is named by the site's name", async ({ page }) => {
  await page.goto("/de/browse");
  const home = page.getByRole("banner").getByRole("link", { name: "Euregio Partners", exact: true });
  await expect(home).toHaveAttribute("href", "/de/");
  const logo = home.locator("svg");
  await expect(logo).toBeVisible();
  // The name beside it says what the mark shows; a screen reader hears it once.
  await expect(logo).toHaveAttribute("aria-hidden", "true");
  const box = (await logo.boundingBox())!;
  expect(box.height).toBeGreaterThan(20);
});

test("the logo and the favicon are SVG files served by name", async ({ request }) => {
  for (const path of ["/logo.svg", "/favicon.svg"]) {
    const response = await request.get(path);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("image/svg+xml");
    expect(await response.text()).toContain("<circle");
  }
  const logo = await (await request.get("/logo.svg")).text();
  expect(logo).toContain("<title");
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 800 } });

  test("the header is one short row with a menu button that opens the navigation", async ({ page }) => {
    await page.goto("/nl/browse");
    const header = page.getByRole("banner");
    expect((await header.boundingBox())!.height).toBeLessThan(90);
    const menu = header.getByRole("button", { name: "Menu" });
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(menu).toHaveAttribute("aria-controls", "site-menu");
    const nav = page.getByRole("navigation", { name: "Hoofdmenu" });
    await expect(nav).toBeHidden();

    await menu.click();
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    await expect(nav.getByRole("link", { name: "Kaart" })).toBeVisible();
    await expect(
      page.getByRole("navigation", { name: "Taal" }).getByRole("link", { name: "Deutsch" }),
    ).toBeVisible();
    const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    expect(widths[0]).toBeLessThanOrEqual(widths[1]!);

    // A followed link closes it on the next page.
    await nav.getByRole("link", { name: "Kaart" }).click();
    await expect(page).toHaveURL(/\/nl\/map/);
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(nav).toBeHidden();
  });

  test("the menu works with the keyboard alone, and Escape closes it", async ({ page }) => {
    await page.goto("/de/contact");
    const menu = page.getByRole("button", { name: "Menü" });
    await expect(menu).toBeVisible();
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Zum Inhalt springen" })).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(page.getByRole("banner").getByRole("link", { name: "Euregio Partners" })).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(menu).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Partner finden" })).toBeFocused();
    await page.keyboard.press("Tab");
    await expect(page.getByRole("link", { name: "Karte" })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(menu).toBeFocused();
    await expect(page.getByRole("link", { name: "Karte" })).toBeHidden();
  });

  test("without JavaScript the links are shown and no dead button", async ({ browser }) => {
    const context = await browser.newContext({
      javaScriptEnabled: false,
      viewport: { width: 390, height: 800 },
    });
    const page = await context.newPage();
    await page.goto("/en/browse");
    await expect(page.getByRole("button", { name: "Menu" })).toBeHidden();
    const nav = page.getByRole("navigation", { name: "Main navigation" });
    await expect(nav.getByRole("link", { name: "Find partners" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Sign in" })).toBeVisible();
    await context.close();
  });
});

test("on a wide screen the navigation stands in the header, without a menu button", async ({ page }) => {
  await page.goto("/en/");
  await expect(page.getByRole("button", { name: "Menu" })).toBeHidden();
  const nav = page.getByRole("navigation", { name: "Main navigation" });
  await expect(nav.getByRole("link", { name: "Map" })).toBeVisible();
  const header = (await page.getByRole("banner").boundingBox())!;
  expect(header.height).toBeLessThan(90);
});
