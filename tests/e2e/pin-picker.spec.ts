// The pin picker on the organisation form: the pin starts at the municipality's centre, follows the
// municipality select, moves by keyboard, click and drag, is saved, is refused outside the municipality
// in the reader's language, and the form still works without JavaScript.
import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, query, signInAs, test, type TestFactories } from "./support/fixtures.ts";

// Software WebGL on a busy test machine draws slowly.
test.describe.configure({ timeout: 120_000 });
const mapReady = { timeout: 60_000 };

const KLEVE = { code: "05154036", lat: 51.80256, lon: 6.12512 };

/** A verified organisation in Kleve, at Kleve's centroid, owned by a new user who is signed in. */
async function editableOrganisation(page: Page, factories: TestFactories, locale: "nl" | "de" | "en") {
  const owner = await factories.createUser({ locale });
  const organisation = await factories.createOrganisation({
    ownerId: owner.id,
    kind: "cultural",
    name: "Kulturverein Kleve",
    municipalityCode: KLEVE.code,
    descriptionNl: null,
    descriptionDe: "Musik und Theater am Niederrhein.",
  });
  await signInAs(page, owner);
  return organisation;
}

async function storedPoint(id: string) {
  const [row] = await query<{ lat: number; lon: number }>(
    `SELECT lat, lon FROM organisations WHERE id = $1`,
    [id],
  );
  return row!;
}

const numberIn = async (page: Page, label: string) => Number(await page.getByLabel(label).inputValue());

test("the pin starts at the municipality's centre, moves by arrow keys and click, and is saved", async ({
  page,
  factories,
}) => {
  const organisation = await editableOrganisation(page, factories, "en");
  await page.goto(`/en/organisations/${organisation.slug}/edit`);
  await expect(page.locator('[data-map-ready="true"]')).toBeVisible(mapReady);
  await expect(page.getByLabel("Latitude (north)")).toHaveValue(String(KLEVE.lat));
  await expect(page.getByLabel("Longitude (east)")).toHaveValue(String(KLEVE.lon));

  const pin = page.getByRole("button", { name: "Pin marking your organisation's location" });
  await expect(pin).toBeVisible();
  await pin.focus();
  await expect(pin).toBeFocused();
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("Shift+ArrowRight");
  // 300 m north and 1 km east.
  await expect.poll(() => numberIn(page, "Latitude (north)")).toBeCloseTo(KLEVE.lat + 300 / 111_320, 5);
  const east = 1000 / (111_320 * Math.cos((51.805 * Math.PI) / 180));
  await expect.poll(() => numberIn(page, "Longitude (east)")).toBeCloseTo(KLEVE.lon + east, 4);
  await expect(page.getByText(/^Pin moved to latitude 51\.80\d{3}, longitude 6\.13\d{3}\.$/)).toBeAttached();

  await page.getByRole("button", { name: "Back to the municipality's centre" }).click();
  await expect(page.getByLabel("Latitude (north)")).toHaveValue(KLEVE.lat.toFixed(6));
  await expect(page.getByText("Pin placed at the centre of Kleve.")).toBeAttached();

  // A click on the map a little south-west of the pin puts it there.
  const box = (await pin.boundingBox())!;
  await page.mouse.click(box.x + box.width / 2 - 40, box.y + box.height + 30);
  await expect.poll(() => numberIn(page, "Latitude (north)")).toBeLessThan(KLEVE.lat);
  await expect.poll(() => numberIn(page, "Longitude (east)")).toBeLessThan(KLEVE.lon);
  await pin.focus();
  await page.keyboard.press("ArrowDown");
  const chosen = {
    lat: await numberIn(page, "Latitude (north)"),
    lon: await numberIn(page, "Longitude (east)"),
  };

  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your changes have been saved." })).toBeVisible();
  expect(await storedPoint(organisation.id)).toEqual(chosen);
  await expect(page.getByLabel("Latitude (north)")).toHaveValue(String(chosen.lat));
});

test("a pin dragged out of the municipality is refused in the reader's language", async ({
  page,
  factories,
}) => {
  const organisation = await editableOrganisation(page, factories, "de");
  await page.goto(`/de/organisations/${organisation.slug}/edit`);
  await expect(page.locator('[data-map-ready="true"]')).toBeVisible(mapReady);

  const pin = page.getByRole("button", { name: "Stecknadel am Standort Ihrer Organisation" });
  await page.locator(".pin-picker-map").scrollIntoViewIfNeeded();
  const box = (await pin.boundingBox())!;
  const grip = { x: box.x + box.width / 2, y: box.y + box.height / 3 };
  await page.mouse.move(grip.x, grip.y);
  await page.mouse.down();
  await page.mouse.move(grip.x - 200, grip.y + 20, { steps: 10 });
  await page.mouse.move(grip.x - 400, grip.y + 40, { steps: 10 });
  await page.mouse.up();
  // 400 pixels at zoom 11 are about 9 km: west of Kleve's centre that is Kranenburg.
  await expect.poll(() => numberIn(page, "Längengrad (Ost)")).toBeLessThan(6.02);
  const dragged = await page.getByLabel("Längengrad (Ost)").inputValue();

  await page.getByRole("button", { name: "Änderungen speichern" }).click();
  const error = page.getByText(
    "Die Stecknadel liegt außerhalb von Kleve. Verschieben Sie sie in die Gemeinde, oder wählen Sie eine andere Gemeinde.",
  );
  await expect(error).toBeVisible();
  await expect(page.getByLabel("Längengrad (Ost)")).toHaveValue(dragged);
  await expect(page.getByLabel("Längengrad (Ost)")).toHaveAttribute("aria-invalid", "true");
  expect(await storedPoint(organisation.id)).toEqual({ lat: KLEVE.lat, lon: KLEVE.lon });
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

test("on a new organisation the pin follows the municipality select, and axe finds nothing on the form with the map", async ({
  page,
  factories,
}) => {
  await signInAs(page, await factories.createUser({ locale: "nl" }));
  await page.goto("/nl/organisations/new");
  await expect(page.locator('[data-map-ready="true"]')).toBeVisible(mapReady);
  await expect(page.getByLabel("Breedtegraad (noord)")).toHaveValue("");
  await expect(page.getByRole("button", { name: "Speld op de locatie van uw organisatie" })).toHaveCount(0);

  await page.getByLabel("Gemeente").selectOption({ label: "Kleef" });
  await expect(page.getByLabel("Breedtegraad (noord)")).toHaveValue(KLEVE.lat.toFixed(6));
  await expect(page.getByLabel("Lengtegraad (oost)")).toHaveValue(KLEVE.lon.toFixed(6));
  await expect(page.getByRole("button", { name: "Speld op de locatie van uw organisatie" })).toBeVisible();
  await expect(page.getByText("Speld in het midden van Kleef gezet.")).toBeAttached();

  await page.getByLabel("Gemeente").selectOption({ label: "Nijmegen" });
  await expect(page.getByLabel("Breedtegraad (noord)")).toHaveValue("51.838450");

  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("empty coordinates place the organisation at its municipality's centre", async ({
    page,
    factories,
  }) => {
    await signInAs(page, await factories.createUser({ locale: "en" }));
    await page.goto("/en/organisations/new");
    await expect(
      page.getByText("The map needs JavaScript. You can type the position below instead."),
    ).toBeVisible();
    const name = `Choir ${randomBytes(3).toString("hex")}`;
    await page.getByLabel("Name of the organisation").fill(name);
    await page.getByLabel("Kind of organisation").selectOption({ label: "Cultural institution" });
    await page.getByLabel("Country").selectOption({ label: "Germany" });
    await page.getByLabel("Municipality").selectOption({ label: "Kleve" });
    await page.getByLabel("Description in English").fill("We sing on both sides of the border.");
    await page.getByRole("button", { name: "Register organisation" }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    const [row] = await query<{ lat: number; lon: number }>(
      `SELECT lat, lon FROM organisations WHERE name = $1`,
      [name],
    );
    expect(row).toEqual({ lat: KLEVE.lat, lon: KLEVE.lon });
  });
});
