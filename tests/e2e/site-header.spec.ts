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
