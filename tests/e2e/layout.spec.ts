// What users write cannot break the layout, on a phone above all (#15 item 4): a word longer than the
// screen wraps, a checkbox stands beside its label, the facts' labels stand above their values, and
// the sort select shows its choice whole.
import type { Page } from "@playwright/test";
import { expect, signInAs, test } from "./support/fixtures.ts";

const phone = { width: 390, height: 800 };

/** A word as long as the field allows, up to 500 characters: no space to break at. */
const word = (length = 500) => "Donaudampfschifffahrtsgesellschaft".repeat(20).slice(0, length);

async function expectNoSideScroll(page: Page) {
  const widths = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    screen: window.innerWidth,
  }));
  expect(widths.page, `${page.url()} is wider than the screen`).toBeLessThanOrEqual(widths.screen);
}

test.use({ viewport: phone });

test("a 500-character word in every text field does not widen any page at 390 px", async ({
  page,
  factories,
}) => {
  const owner = await factories.createUser({ locale: "nl", name: word(100) });
  const organisation = await factories.createOrganisation({
    ownerId: owner.id,
    name: word(120),
    descriptionNl: word(),
    descriptionDe: word(),
    descriptionEn: word(),
    website: `https://www.${word(60).toLowerCase()}.example/${word(200)}`,
  });
  const request = await factories.createOpenRequest(organisation.id, {
    titleNl: word(120),
    titleDe: word(120),
    descriptionNl: word(),
    descriptionDe: word(),
  });
  for (const path of [
    `/nl/organisations/${organisation.slug}`,
    `/de/organisations/${organisation.slug}`,
    `/nl/requests/${request.slug}`,
    `/de/requests/${request.slug}`,
    // Newest first: the new request and organisation lead the lists.
    "/nl/browse?country=NL",
    "/nl/browse?show=organisations&country=NL",
  ]) {
    await page.goto(path);
    await expect(page.getByText(word(40)).first()).toBeVisible();
    await expectNoSideScroll(page);
  }
  await signInAs(page, owner);
  for (const path of ["/nl/account", `/nl/organisations/${organisation.slug}/edit`]) {
    await page.goto(path);
    await expectNoSideScroll(page);
  }
});

test("the delete-account checkbox stands beside its label", async ({ page, factories }) => {
  await signInAs(page, await factories.createUser({ locale: "en" }));
  await page.goto("/en/account");
  const box = (await page.getByLabel("I understand that my account will be deleted").boundingBox())!;
  const label = (await page.getByText("I understand that my account will be deleted").boundingBox())!;
  expect(box.height).toBeLessThan(30);
  expect(label.x).toBeGreaterThan(box.x + box.width - 1);
  // On one line: the label's middle lies within the box's height.
  expect(Math.abs(label.y + label.height / 2 - (box.y + box.height / 2))).toBeLessThan(box.height);
});

test("on a phone each fact's label stands above its value, and none overlap", async ({ page, factories }) => {
  const owner = await factories.createUser({ locale: "de" });
  const organisation = await factories.createOrganisation({ ownerId: owner.id, country: "DE" });
  const request = await factories.createOpenRequest(organisation.id, { titleDe: "Jugendturnier" });
  await page.goto(`/de/requests/${request.slug}`);
  const facts = page.locator(".facts").first();
  const terms = await facts.locator("dt").all();
  expect(terms.length).toBeGreaterThan(2);
  for (const term of terms) {
    const value = term.locator("xpath=following-sibling::dd[1]");
    const [t, v] = [(await term.boundingBox())!, (await value.boundingBox())!];
    expect(v.y, await term.innerText()).toBeGreaterThanOrEqual(t.y + t.height - 1);
  }
});

test("the sort select shows its chosen text whole", async ({ page }) => {
  await page.goto("/de/browse");
  // On a phone the filters wait behind their button.
  await page.locator("summary", { hasText: "Filter" }).click();
  const select = page.getByLabel("Sortieren");
  await expect(select).toBeVisible();
  const fits = await select.evaluate((element: HTMLSelectElement) => {
    const style = getComputedStyle(element);
    const context = document.createElement("canvas").getContext("2d")!;
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const text = context.measureText(element.selectedOptions[0]!.text).width;
    // Room for the text: the box less its padding and the arrow (about 2 rem).
    const room = element.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 32;
    return { text, room };
  });
  expect(fits.text).toBeLessThanOrEqual(fits.room);
});
