// The home page map: the offline base map renders with no outside network, labels speak the reader's
// language, the map works with the keyboard, and MapLibre stays out of pages without a map.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import sharp from "sharp";
import { kindColours, mixedColour } from "../../app/modules/taxonomy/kind-colours.ts";
import { expect, test } from "./support/fixtures.ts";

// Software WebGL on a busy test machine draws slowly.
test.describe.configure({ timeout: 120_000 });
const mapReady = { timeout: 60_000 };

const assetsDir = join(import.meta.dirname, "..", "..", process.env.BUILD_DIR ?? "build", "client", "assets");
const isMapAsset = (path: string) => /\/assets\/maplibre[^/]*$/.test(path);
const kilobytes = (bytes: number) => Math.round((bytes / 1024) * 10) / 10;

/** Aborts and records every request that would leave this machine. */
async function blockOutsideRequests(page: Page): Promise<string[]> {
  const outside: string[] = [];
  await page.context().route("**/*", (route) => {
    const { hostname } = new URL(route.request().url());
    if (hostname === "localhost" || hostname === "127.0.0.1") return route.continue();
    outside.push(route.request().url());
    return route.abort("internetdisconnected");
  });
  return outside;
}

/** How many pixels of the PNG lie within `tolerance` of the colour, and how many colours it has. */
async function pixelsOf(png: Buffer, colours: Record<string, string>, tolerance = 40) {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const targets = Object.entries(colours).map(([name, hex]) => ({
    name,
    rgb: [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)),
  }));
  const counts = Object.fromEntries(targets.map(({ name }) => [name, 0]));
  const distinct = new Set<number>();
  for (let i = 0; i < data.length; i += info.channels) {
    const [r = 0, g = 0, b = 0] = [data[i], data[i + 1], data[i + 2]];
    distinct.add((r << 16) | (g << 8) | b);
    for (const { name, rgb } of targets) {
      if (Math.abs(r - rgb[0]!) + Math.abs(g - rgb[1]!) + Math.abs(b - rgb[2]!) <= tolerance) counts[name]!++;
    }
  }
  return { counts, distinct: distinct.size };
}

const cases = [
  {
    path: "/nl/",
    heading: "Kaart van de Euregio",
    legendHeading: "Kleuren op de kaart",
    label: "Kleef",
    notLabel: "Kleve",
    canvas:
      "Kaart van de Euregio Rijn-Waal met de landsgrens, rivieren, gemeenten en de open partnerschapsverzoeken als gekleurde punten en genummerde groepen",
  },
  {
    path: "/de/",
    heading: "Karte der Euregio",
    legendHeading: "Farben auf der Karte",
    label: "Nimwegen",
    notLabel: "Nijmegen",
    canvas:
      "Karte der Euregio Rhein-Waal mit der Staatsgrenze, Flüssen, Gemeinden und den offenen Partnerschaftsanfragen als farbige Punkte und nummerierte Gruppen",
  },
];

for (const { path, heading, legendHeading, label, notLabel, canvas } of cases) {
  test(`${path} shows the Euregio base map with borders, rivers, labels and the demo points, without any outside request`, async ({
    page,
  }) => {
    const outside = await blockOutsideRequests(page);
    const points = page.waitForResponse((response) => new URL(response.url()).pathname === "/map/points");
    await page.goto(path);
    const region = page.getByRole("region", { name: heading, exact: true });
    await expect(region.getByRole("heading", { name: heading })).toBeVisible();
    await expect(page.locator('[data-map-ready="true"]')).toBeVisible(mapReady);

    const mapCanvas = page.getByRole("region", { name: canvas, exact: true });
    await expect(mapCanvas).toBeVisible();
    const { counts, distinct } = await pixelsOf(await mapCanvas.screenshot(), {
      border: "#8c2d62",
      river: "#5b9bd5",
      member: "#f9d98b",
      cluster: mixedColour,
      school: kindColours.school,
    });
    expect(distinct, "colours in the map").toBeGreaterThan(50);
    expect(counts.border, "pixels of the national border").toBeGreaterThan(200);
    expect(counts.river, "pixels of rivers").toBeGreaterThan(200);
    // The demo data's open requests, as points and numbered clusters. Other tests running meanwhile
    // add requests of their own (and remove them again), so the map holds at least the demo's.
    const demoRequests = Number(process.env.E2E_DEMO_OPEN_REQUESTS);
    expect(demoRequests).toBeGreaterThan(50);
    expect(((await (await points).json()) as { total: number }).total).toBeGreaterThanOrEqual(demoRequests);
    expect(counts.cluster, "pixels of clusters").toBeGreaterThan(100);
    expect(counts.school, "pixels of school points").toBeGreaterThan(10);
    await expect(page.getByRole("heading", { name: legendHeading })).toBeVisible();

    await expect(page.locator(".map-label", { hasText: label })).toBeVisible();
    await expect(page.locator(".map-label", { hasText: notLabel })).toHaveCount(0);
    await expect(page.getByText("Bron: CBS, Kadaster")).toBeVisible();
    await expect(page.getByText("GeoBasis-DE")).toBeVisible();
    await expect(page.getByText("Natural Earth")).toBeVisible();

    expect(outside).toEqual([]);
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
}

/** Pairs of shown municipality labels whose boxes overlap. */
function overlappingLabels(page: import("@playwright/test").Page) {
  return page.locator(".map-label:not(.map-label-hidden)").evaluateAll((labels) => {
    const boxes = labels.map((label) => ({ text: label.textContent, box: label.getBoundingClientRect() }));
    const pairs: string[] = [];
    boxes.forEach((a, i) =>
      boxes.slice(i + 1).forEach((b) => {
        const apart =
          a.box.right <= b.box.left ||
          b.box.right <= a.box.left ||
          a.box.bottom <= b.box.top ||
          b.box.bottom <= a.box.top;
        if (!apart) pairs.push(`${a.text} / ${b.text}`);
      }),
    );
    return pairs;
  });
}

test("on a phone the municipality names never pile up, also after the window narrows", async ({
  browser,
}) => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto("/de/");
  await expect(page.locator('[data-map-ready="true"]')).toBeVisible(mapReady);
  expect(await overlappingLabels(page)).toEqual([]);
  await page.setViewportSize({ width: 390, height: 800 });
  await expect.poll(() => overlappingLabels(page)).toEqual([]);
  // Fewer names fit, but the main towns stay.
  await expect(page.locator(".map-label:not(.map-label-hidden)", { hasText: "Nimwegen" })).toBeVisible();
  await page.close();

  const phone = await browser.newPage({ viewport: { width: 390, height: 800 }, hasTouch: true });
  await phone.goto("/nl/map");
  await expect(phone.locator('[data-map-ready="true"]')).toBeVisible(mapReady);
  expect(await overlappingLabels(phone)).toEqual([]);
  expect(await phone.locator(".map-label:not(.map-label-hidden)").count()).toBeGreaterThan(3);
  await phone.close();
});

test("the map moves and zooms with the keyboard alone", async ({ page }) => {
  await page.goto("/en/");
  await expect(page.locator('[data-map-ready="true"]')).toBeVisible(mapReady);
  const shownLabels = page.locator(".map-label:not(.map-label-hidden)");
  const before = await shownLabels.count();
  const mapCanvas = page.getByRole("region", { name: /^Map of the Euregio Rhine-Waal with/ });
  await mapCanvas.focus();
  await expect(mapCanvas).toBeFocused();
  await page.keyboard.press("+");
  await page.keyboard.press("+");
  // Closer in, labels that collided at first have room.
  await expect.poll(() => shownLabels.count()).toBeGreaterThan(before);
  await expect(page.getByRole("button", { name: "Zoom out" })).toBeEnabled();
});

test("only pages with a map download MapLibre; the home page's own JavaScript stays under 150 KB gzipped", async ({
  page,
}) => {
  const scripts = new Map<string, Buffer>();
  page.on("response", async (response) => {
    const url = new URL(response.url());
    if (/\.m?js$/.test(url.pathname) && response.ok()) scripts.set(url.pathname, await response.body());
  });

  await page.goto("/nl/signin");
  await page.waitForLoadState("networkidle");
  expect([...scripts.keys()].filter(isMapAsset)).toEqual([]);
  scripts.clear();

  await page.goto("/nl/");
  await expect(page.locator('[data-map-ready="true"]')).toBeVisible(mapReady);
  await page.waitForLoadState("networkidle");
  const loaded = [...scripts.entries()];
  expect(loaded.some(([path]) => isMapAsset(path))).toBe(true);

  const gzipped = (files: Buffer[]) => files.reduce((sum, file) => sum + gzipSync(file).byteLength, 0);
  const homeScripts = gzipped(loaded.filter(([path]) => !isMapAsset(path)).map(([, body]) => body));
  // The worker is fetched by the browser's worker itself, so its size is read from the build.
  const mapFiles = readdirSync(assetsDir).filter((file) => /^maplibre.*\.m?js$/.test(file));
  const mapScripts = gzipped(mapFiles.map((file) => readFileSync(join(assetsDir, file))));
  const sizes = `home page JavaScript without the map: ${kilobytes(homeScripts)} KB gzipped; map chunk and worker (${mapFiles.join(", ")}): ${kilobytes(mapScripts)} KB gzipped`;
  test.info().annotations.push({ type: "sizes", description: sizes });
  console.info(sizes);
  expect(homeScripts).toBeLessThan(150 * 1024);
});

test("no script the browser loads carries Zod: forms get their constraints from the server", async ({
  page,
}) => {
  const withZod: string[] = [];
  page.on("response", async (response) => {
    const url = new URL(response.url());
    if (!/\.m?js$/.test(url.pathname) || !response.ok()) return;
    // Every Zod 4 schema object keeps its internals under `_zod`; minified code keeps the name.
    if ((await response.text()).includes("_zod")) withZod.push(url.pathname);
  });
  for (const path of ["/de/signin", "/nl/signup", "/nl/browse", "/de/map", "/en/forgot-password"]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
  }
  expect(withZod).toEqual([]);
  // The constraints still reach the fields.
  await page.goto("/de/signup");
  await expect(page.getByLabel("Passwort")).toHaveAttribute("minlength", "10");
});
