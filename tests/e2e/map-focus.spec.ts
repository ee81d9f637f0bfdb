// The map as keyboard and screen users meet it (#15 item 5): a focus ring one can see on the canvas
// and the zoom buttons, no loading text over a drawn map or in the way of clicks, and the
// "needs JavaScript" text only for readers without JavaScript.
import { expect, test } from "./support/fixtures.ts";

test.describe.configure({ timeout: 120_000 });

test("the canvas and the zoom buttons show a focus ring inside the frame, and no message covers the map", async ({
  page,
}) => {
  await page.goto("/en/map");
  await expect(page.locator(".map-canvas[data-map-ready=true]")).toBeVisible({ timeout: 60_000 });
  await expect(page.locator(".map-status")).toHaveCount(0);

  const canvas = page.locator(".maplibregl-canvas");
  await canvas.focus();
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Tab");
  await expect(canvas).toBeFocused();
  const ring = await canvas.evaluate((element) => {
    const style = getComputedStyle(element);
    return {
      style: style.outlineStyle,
      width: parseFloat(style.outlineWidth),
      offset: parseFloat(style.outlineOffset),
    };
  });
  expect(ring.style).toBe("solid");
  expect(ring.width).toBeGreaterThanOrEqual(2);
  // Drawn within the canvas: the frame's overflow cannot clip it.
  expect(ring.offset).toBeLessThanOrEqual(-ring.width);

  const zoomIn = page.getByRole("button", { name: "Zoom in" });
  await zoomIn.focus();
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Tab");
  await expect(zoomIn).toBeFocused();
  expect(await zoomIn.evaluate((element) => getComputedStyle(element).outlineStyle)).toBe("solid");
});

test("a message over the map never catches clicks", async ({ page }) => {
  await page.route("**/map/style.json", () => undefined); // the style never comes: the map stays loading
  await page.goto("/en/map");
  const status = page.locator(".map-status").filter({ hasText: "Loading the map…" });
  await expect(status).toBeVisible();
  expect(await status.evaluate((element) => getComputedStyle(element).pointerEvents)).toBe("none");
  await expect(page.getByText("The map needs JavaScript")).toBeHidden();
});

test("with JavaScript the 'needs JavaScript' text is hidden from the first paint", async ({ page }) => {
  // Held before hydration: the page as first drawn, with the document's own first script run.
  await page.route("**/assets/**", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await route.continue();
  });
  await page.goto("/en/map", { waitUntil: "domcontentloaded" });
  const fallback = page.locator(".map-status-no-js");
  await expect(fallback).toHaveCount(1);
  await expect(fallback).toBeHidden();
  await expect(page.locator(".map-status-js")).toBeVisible();
});

test("without JavaScript only the 'needs JavaScript' text shows", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/en/map");
  await expect(page.getByText("The map needs JavaScript. The list shows the same results.")).toBeVisible();
  await expect(page.locator(".map-status-js")).toBeHidden();
  await context.close();
});
