// The map page: points and clusters from the data endpoint, filters and viewport in the URL, the
// list that follows the map and works by keyboard alone, cards, the phone's map/list switch, a
// page without JavaScript, and the endpoint's 400s. Tests that count search for a word only their
// own requests hold, so what other tests add to the map meanwhile does not change the numbers.
import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test, type TestFactories } from "./support/fixtures.ts";

// Software WebGL on a busy test machine draws slowly.
test.describe.configure({ timeout: 120_000 });
const mapReady = { timeout: 60_000 };

const NIJMEGEN = "GM0268";
const KLEVE = "05154036";
const DUISBURG = "05112000";

const uniqueWord = () => `w${randomBytes(4).toString("hex")}`;

/** An organisation whose name holds `word`, with `count` open requests whose titles hold it. */
async function seedRequests(
  factories: TestFactories,
  word: string,
  options: { count: number; municipalityCode?: string; at?: [number, number] },
) {
  const organisation = await factories.createOrganisation({
    name: `Partnerschool ${word}`,
    kind: "school",
    municipalityCode: options.municipalityCode ?? NIJMEGEN,
    at: options.at,
  });
  const requests = [];
  for (let i = 0; i < options.count; i++) {
    requests.push(
      await factories.createOpenRequest(organisation.id, {
        titleNl: `Uitwisseling ${word} ${i}`,
        titleEn: `Exchange ${word} ${i}`,
        publishedAt: new Date(Date.now() - i * 60_000),
      }),
    );
  }
  return { organisation, requests };
}

/**
 * Waits until the map, which keeps its points in memory and reloads them after writes, holds what
 * this test wrote: on a busy machine a reload can outlast the wait of a page, which then shows the
 * points from before.
 */
async function untilMapHolds(page: Page, query: string, total: number) {
  await expect
    .poll(
      async () => ((await (await page.request.get(`/map/items?${query}`)).json()) as { total: number }).total,
    )
    .toBe(total);
}

function pointsResponse(page: Page, check: (url: URL) => boolean = () => true) {
  return page.waitForResponse((response) => {
    const url = new URL(response.url());
    return url.pathname === "/map/points" && check(url);
  });
}

test("the map page shows every open request found as points and in the list, with no violations", async ({
  page,
  factories,
}) => {
  const word = uniqueWord();
  await seedRequests(factories, word, { count: 15, municipalityCode: NIJMEGEN });
  await seedRequests(factories, word, { count: 10, municipalityCode: KLEVE });
  const total = 25;
  await untilMapHolds(page, `q=${word}`, total);
  const points = pointsResponse(page, (url) => url.searchParams.get("q") === word);
  await page.goto(`/en/map?q=${word}`);
  await expect(page.locator('[data-map-ready="true"]')).toBeVisible(mapReady);
  const body = (await (await points).json()) as { total: number; cells: number[][] };
  expect(body.total).toBe(total);
  expect(body.cells.reduce((sum, cell) => sum + cell[2]!, 0)).toBe(total);

  const list = page.getByRole("region", { name: "In the Euregio" });
  await expect(list.getByRole("status")).toHaveText(`${total} open requests`);
  await expect(list.getByRole("listitem").filter({ has: page.getByRole("heading") })).toHaveCount(20);
  await expect(page.getByRole("heading", { name: "Colours on the map" })).toBeVisible();
  await expect(
    page.getByRole("region", { name: /^Map of the Euregio Rhine-Waal with open partnership requests/ }),
  ).toBeVisible();

  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

test("the list is usable by keyboard alone: pages, and a result opens its request", async ({
  page,
  factories,
}) => {
  const word = uniqueWord();
  await seedRequests(factories, word, { count: 25 });
  await untilMapHolds(page, `q=${word}`, 25);
  await page.goto(`/en/map?q=${word}`);
  await expect(page.locator('[data-map-ready="true"]')).toBeVisible(mapReady);
  const list = page.getByRole("region", { name: "In the Euregio" });
  const next = list.getByRole("link", { name: "Next page" });
  // Tab from the page's start until the list's "next page" link has the focus.
  await page.locator("body").focus();
  for (let i = 0; i < 120 && !(await next.evaluate((link) => link === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(next).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/[?&]page=2/);
  await expect(list.getByText("Page 2 of 2")).toBeVisible();

  const first = list.getByRole("listitem").getByRole("heading").first().getByRole("link");
  const title = (await first.textContent())!.trim();
  await page.locator("body").focus();
  for (let i = 0; i < 120 && !(await first.evaluate((link) => link === document.activeElement)); i++) {
    await page.keyboard.press("Tab");
  }
  await expect(first).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/en\/requests\//);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(title.replace(/ \(in \w+\)$/, ""));
});

test("zooming with the keyboard narrows the list to the map area and puts it in the URL", async ({
  page,
  factories,
}) => {
  // Requests of this test's own at the middle of the first view and near its corner.
  const word = uniqueWord();
  const first = pointsResponse(page);
  await page.goto(`/en/map?q=${word}`);
  await expect(page.locator('[data-map-ready="true"]')).toBeVisible(mapReady);
  const view = new URL((await first).url()).searchParams.get("bbox")!.split(",").map(Number);
  const [viewWest, viewSouth, viewEast, viewNorth] = view as [number, number, number, number];
  const middle: [number, number] = [(viewWest + viewEast) / 2, (viewSouth + viewNorth) / 2];
  const corner: [number, number] = [
    viewWest + (viewEast - viewWest) * 0.1,
    viewSouth + (viewNorth - viewSouth) * 0.1,
  ];
  await seedRequests(factories, word, { count: 2, at: middle });
  await seedRequests(factories, word, { count: 1, at: corner });
  await untilMapHolds(page, `q=${word}`, 3);
  await page.reload();
  await expect(page.locator('[data-map-ready="true"]')).toBeVisible(mapReady);
  await expect(page.getByRole("region", { name: "In the Euregio" }).getByRole("status")).toHaveText(
    "3 open requests",
  );

  const canvas = page.getByRole("region", { name: /^Map of the Euregio Rhine-Waal with open/ });
  await canvas.focus();
  // On a busy machine the map may settle between the two presses and load points for each zoom.
  const moved = pointsResponse(page, (url) => Number(url.searchParams.get("zoom")) >= 8);
  await page.keyboard.press("+");
  await page.keyboard.press("+");
  const zoomed = new URL((await moved).url());
  expect(Number(zoomed.searchParams.get("zoom"))).toBeGreaterThanOrEqual(8);

  await expect(page).toHaveURL(/[?&]bbox=/);
  const list = page.getByRole("region", { name: "In this map area" });
  await expect(list.getByRole("status")).toContainText("in this area");
  const bbox = new URL(page.url()).searchParams.get("bbox")!.split(",").map(Number);
  const [west, south, east, north] = bbox as [number, number, number, number];
  const inside = ([lon, lat]: [number, number]) => lon >= west && lon <= east && lat >= south && lat <= north;
  expect(inside(middle), "the middle of the first view stays in view").toBe(true);
  expect(inside(corner), "its corner leaves the view").toBe(false);
  const inArea = 2;
  await expect(list.getByRole("status")).toHaveText(`${inArea} open requests in this area`);

  // A shared link opens the same area with the same list.
  const shared = page.url();
  const other = await page.context().newPage();
  await other.goto(shared);
  await expect(other.getByRole("region", { name: "In this map area" }).getByRole("status")).toHaveText(
    `${inArea} open requests in this area`,
  );
  await other.close();

  // Without following the map, a move offers "Search this area" instead.
  await page.getByLabel("Update the list when the map moves").uncheck();
  await canvas.focus();
  await page.keyboard.press("-");
  const search = page.getByRole("button", { name: "Search this area" });
  await expect(search).toBeVisible();
  expect(new URL(page.url()).searchParams.get("bbox")!.split(",").map(Number)).toEqual(bbox);
  await search.click();
  await expect.poll(() => new URL(page.url()).searchParams.get("bbox")).not.toBe(bbox.join(","));
});

test("filters reach the points and the list, and the filtered view can be shared", async ({
  page,
  factories,
}) => {
  const word = uniqueWord();
  await seedRequests(factories, word, { count: 2, municipalityCode: NIJMEGEN });
  await seedRequests(factories, word, { count: 2, municipalityCode: KLEVE });
  await seedRequests(factories, word, { count: 1, municipalityCode: DUISBURG });
  const german = 3;
  await untilMapHolds(page, `q=${word}`, 5);
  await untilMapHolds(page, `show=organisations&q=${word}`, 3);
  await page.goto(`/de/map?q=${word}`);
  await expect(page.locator('[data-map-ready="true"]')).toBeVisible(mapReady);
  await page.locator("summary", { hasText: "Filter" }).click();
  await page.getByLabel("Land").selectOption("DE");
  const filtered = pointsResponse(page, (url) => url.searchParams.get("country") === "DE");
  await page.getByRole("button", { name: "Suchen" }).click();
  await expect(page).toHaveURL(/[?&]country=DE/);
  expect(((await (await filtered).json()) as { total: number }).total).toBe(german);
  await expect(page.getByRole("region", { name: "In der Euregio" }).getByRole("status")).toHaveText(
    `${german} offene Anfragen`,
  );
  const countries = await page
    .locator(".map-list .browse-facts li", { hasText: /, (Deutschland|Niederlande)$/ })
    .allTextContents();
  expect(countries.length).toBeGreaterThan(0);
  expect(countries.every((text) => text.endsWith("Deutschland"))).toBe(true);

  // Organisations with the same filter.
  await page.getByRole("link", { name: "Organisationen" }).click();
  await expect(page).toHaveURL(/show=organisations/);
  await expect(page).toHaveURL(/country=DE/);
  await expect(
    page.getByRole("region", { name: /^Karte der Euregio Rhein-Waal mit geprüften Organisationen/ }),
  ).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`q=${word}`));
  await expect(page.getByRole("region", { name: "In der Euregio" }).getByRole("status")).toHaveText(
    "2 Organisationen",
  );
});

test("a click on a point opens a card with a link to its request", async ({ page, factories }) => {
  // Off Nijmegen's centre, where other tests' organisations stand.
  const [lon, lat] = [5.8712, 51.8361];
  const word = uniqueWord();
  const { organisation, requests } = await seedRequests(factories, word, { count: 1, at: [lon, lat] });
  const request = { slug: requests[0]!.slug, name: organisation.name };
  const bbox = [lon - 0.002, lat - 0.001, lon + 0.002, lat + 0.001]
    .map((value) => value.toFixed(5))
    .join(",");
  await untilMapHolds(page, `q=${word}`, 1);
  const points = pointsResponse(page);
  await page.goto(`/en/map?q=${word}&bbox=${bbox}`);
  await expect(page.locator('[data-map-ready="true"]')).toBeVisible(mapReady);
  expect(((await (await points).json()) as { total: number }).total).toBeGreaterThan(0);
  const canvas = page.locator(".maplibregl-canvas");
  const box = (await canvas.boundingBox())!;
  const card = page.getByRole("region", { name: /open requests? here/ });
  // The points answer is in, but MapLibre draws its data a frame or two later: click again until the
  // point is there, as a reader would.
  await expect(async () => {
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect(card).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await expect(card.getByRole("heading")).toBeFocused();
  await expect(card.getByText(request.name).first()).toBeVisible();
  const link = card.locator(`a[href="/en/requests/${request.slug}"]`);
  await expect(link).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(card).toHaveCount(0);
  await expect(page.locator(".maplibregl-canvas")).toBeFocused();
});

test("on a phone a point's card comes into view, also when the map's lower part is below the fold", async ({
  browser,
  factories,
}) => {
  const [lon, lat] = [5.8655, 51.8402];
  const word = uniqueWord();
  const { requests } = await seedRequests(factories, word, { count: 1, at: [lon, lat] });
  const bbox = [lon - 0.002, lat - 0.001, lon + 0.002, lat + 0.001]
    .map((value) => value.toFixed(5))
    .join(",");
  const phone = await browser.newPage({ viewport: { width: 390, height: 800 }, hasTouch: true });
  await untilMapHolds(phone, `q=${word}`, 1);
  await phone.goto(`/en/map?q=${word}&bbox=${bbox}`);
  await expect(phone.locator('[data-map-ready="true"]')).toBeVisible(mapReady);
  // Scrolled so the map starts 450 px down: its middle is on the screen, its bottom (where the card
  // opens) is not.
  const top = await phone
    .locator(".map-frame")
    .evaluate((frame) => frame.getBoundingClientRect().top + scrollY);
  await phone.evaluate((y) => window.scrollTo(0, y), top - 450);
  const box = (await phone.locator(".maplibregl-canvas").boundingBox())!;
  expect(box.y + box.height).toBeGreaterThan(800);
  const card = phone.getByRole("region", { name: /open requests? here/ });
  await expect(async () => {
    await phone.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await expect(card).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await expect(card.locator(`a[href="/en/requests/${requests[0]!.slug}"]`)).toBeVisible();
  await expect(card).toBeInViewport({ ratio: 1 });
  await phone.close();
});

test("on a phone the page switches between the map and the list", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 800 }, hasTouch: true });
  const page = await context.newPage();
  await page.goto("/nl/map");
  const mapButton = page.getByRole("button", { name: "Kaart", exact: true });
  const listButton = page.getByRole("button", { name: "Lijst", exact: true });
  await expect(mapButton).toHaveAttribute("aria-pressed", "true");
  await expect(page.locator('[data-map-ready="true"]')).toBeVisible(mapReady);
  // The list follows the map, which may have moved to fit the phone's screen.
  const list = page.getByRole("region", { name: /^In (de Euregio|dit kaartgebied)$/ });
  await expect(list).toBeHidden();
  await listButton.click();
  await expect(listButton).toHaveAttribute("aria-pressed", "true");
  await expect(list).toBeVisible();
  await expect(page.locator(".map-canvas")).toBeHidden();
  // Hiding the map is not moving it: the list stays the whole Euregio's, and so does the address.
  await page.waitForTimeout(500);
  await expect(page.getByRole("region", { name: "In de Euregio" })).toBeVisible();
  expect(new URL(page.url()).searchParams.has("bbox")).toBe(false);
  await mapButton.click();
  await expect(page.locator(".map-canvas")).toBeVisible();
  await page.waitForTimeout(500);
  expect(new URL(page.url()).searchParams.has("bbox")).toBe(false);
  await context.close();
});

test("without JavaScript the map page still lists the results and says the map needs JavaScript", async ({
  browser,
  factories,
}) => {
  const word = uniqueWord();
  await seedRequests(factories, word, { count: 2, municipalityCode: NIJMEGEN });
  await seedRequests(factories, word, { count: 1, municipalityCode: KLEVE });
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await untilMapHolds(page, `q=${word}`, 3);
  await page.goto(`/en/map?country=NL&q=${word}`);
  await expect(page.getByText("The map needs JavaScript. The list shows the same results.")).toBeVisible();
  await expect(page.getByRole("region", { name: "In the Euregio" }).getByRole("status")).toHaveText(
    "2 open requests",
  );
  await context.close();
});

test("the data endpoint answers bad parameters with a 400 and a clear message", async ({ request }) => {
  const euregio = "bbox=5.3,51.2,7.2,52.3";
  const cases: [string, RegExp][] = [
    [`bbox=-200,51,7,52&zoom=8&lang=en`, /map area \(bbox\) must be four numbers/],
    [`bbox=5,51,NaN,52&zoom=8&lang=nl`, /kaartgebied \(bbox\) moet uit vier getallen bestaan/],
    [`bbox=5,51,7&zoom=8&lang=de`, /Kartenausschnitt \(bbox\) muss aus vier Zahlen/],
    [`${euregio}&zoom=99&lang=en`, /zoom level must be a number from 0 to 22/],
    [`${euregio}&zoom=abc&lang=en`, /zoom level must be a number/],
    [`${euregio}&lang=en`, /zoom level/],
    [`${euregio}&zoom=8&colour=red&lang=en`, /not a filter/],
    [`${euregio}&zoom=8&kind=castle&lang=en`, /value we do not know/],
    [`${euregio}&zoom=8&municipality=GM9999&lang=en`, /do not know this municipality/],
    [`bbox=-180,-85,180,85&zoom=20&lang=en`, /too large for the zoom level/],
  ];
  for (const [search, message] of cases) {
    const response = await request.get(`/map/points?${search}`);
    expect(response.status(), search).toBe(400);
    const body = (await response.json()) as { error: string };
    expect(body.error, search).toMatch(message);
  }
  // The ETag names the data version, which other tests' writes move on; unchanged data answers 304.
  await expect
    .poll(async () => {
      const good = await request.get(`/map/points?${euregio}&zoom=8`);
      expect(good.status()).toBe(200);
      const again = await request.get(`/map/points?${euregio}&zoom=8`, {
        headers: { "If-None-Match": good.headers()["etag"]! },
      });
      return again.status();
    })
    .toBe(304);
});
