// The bell, the notifications page and the mail choice in the browser: the count in the header on a
// wide screen and on a phone, opening one, marking one and then all read, and axe on both pages.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, signInAs, test } from "./support/fixtures.ts";
import { crossBorderSchools } from "./support/schools.ts";

const params = { partner: "Gesamtschule Kleve", organisation: "Dominicus College Wijchen" };

async function axe(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

test("the bell counts unread notifications; the page opens one, marks one and then all read", async ({
  page,
  factories,
}) => {
  const user = await factories.createUser({ locale: "nl" });
  const hour = 60 * 60 * 1000;
  await factories.createNotification(user.id, {
    params,
    path: "/matches",
    createdAt: new Date(Date.now() - 3 * hour),
  });
  await factories.createNotification(user.id, {
    type: "match_stage",
    params: { ...params, stage: "active_project" },
    createdAt: new Date(Date.now() - 2 * hour),
  });
  await factories.createNotification(user.id, {
    type: "match_promoted",
    params,
    createdAt: new Date(Date.now() - hour),
  });
  await factories.createNotification(user.id, {
    type: "match_connected",
    params,
    createdAt: new Date(Date.now() - 5 * hour),
    readAt: new Date(),
  });
  await signInAs(page, user);
  await page.goto("/nl/");

  const header = page.getByRole("banner");
  const bell = header.getByRole("link", { name: "Meldingen, 3 ongelezen" });
  await expect(bell).toBeVisible();
  await expect(bell).toHaveText(/3/);
  await bell.click();
  await expect(page).toHaveURL(/\/nl\/notifications$/);
  await expect(page.getByRole("heading", { level: 1, name: "Meldingen" })).toBeVisible();
  await expect(page.getByText("3 ongelezen meldingen.")).toBeVisible();

  const list = page.getByRole("list", { name: "Meldingen" });
  const items = list.getByRole("listitem");
  await expect(items).toHaveCount(4);
  // Newest first; unread ones say so in words.
  await expect(items.nth(0)).toContainText(
    "De Euregio beveelt de samenwerking tussen Dominicus College Wijchen en Gesamtschule Kleve aan.",
  );
  await expect(items.nth(0).getByText("Nieuw", { exact: true })).toBeVisible();
  await expect(items.nth(3)).toContainText("zijn verbonden");
  await expect(items.nth(3).getByText("Nieuw", { exact: true })).toHaveCount(0);
  await axe(page);

  // Opening one leads to its page and marks it read.
  await items
    .nth(2)
    .getByRole("button", { name: "Gesamtschule Kleve wil graag samenwerken met Dominicus College Wijchen." })
    .click();
  await expect(page).toHaveURL(/\/nl\/matches$/);
  await expect(header.getByRole("link", { name: "Meldingen, 2 ongelezen" })).toBeVisible();
  await header.getByRole("link", { name: "Meldingen, 2 ongelezen" }).click();

  // One by its own button.
  await items.nth(1).getByRole("button", { name: "Markeren als gelezen" }).click();
  await expect(page.getByRole("status")).toHaveText("De melding is gemarkeerd als gelezen.");
  await expect(header.getByRole("link", { name: "Meldingen, 1 ongelezen" })).toBeVisible();
  await expect(items.nth(1).getByText("Nieuw", { exact: true })).toHaveCount(0);

  // Then all.
  await page.getByRole("button", { name: "Alles markeren als gelezen" }).click();
  await expect(page.getByRole("status")).toHaveText("Alle meldingen zijn gemarkeerd als gelezen.");
  await expect(header.getByRole("link", { name: "Meldingen, geen ongelezen" })).toBeVisible();
  await expect(page.getByText("U hebt alles gelezen.")).toBeVisible();
  await expect(list.getByText("Nieuw", { exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Alles markeren als gelezen" })).toHaveCount(0);
  await axe(page);
});

test("the bell stands in the row of the header's links on a wide screen, the languages under them", async ({
  page,
  factories,
}) => {
  const user = await factories.createUser({ locale: "en" });
  await factories.createNotification(user.id, { params });
  await signInAs(page, user);
  await page.goto("/en/browse");
  const header = page.getByRole("banner");
  const bell = header.getByRole("link", { name: "Notifications, 1 unread" });
  await expect(bell).toBeVisible();
  const [bellBox, browseBox, signOutBox, languagesBox, headerBox] = await Promise.all([
    bell.boundingBox(),
    header.getByRole("link", { name: "Find partners" }).boundingBox(),
    header.getByRole("button", { name: "Sign out" }).boundingBox(),
    header.getByRole("navigation", { name: "Language" }).boundingBox(),
    header.boundingBox(),
  ]);
  // Beside the first link, its middle at the links' height.
  expect(bellBox!.x + bellBox!.width).toBeLessThanOrEqual(browseBox!.x);
  const middle = (box: { y: number; height: number }) => box.y + box.height / 2;
  expect(Math.abs(middle(bellBox!) - middle(signOutBox!))).toBeLessThan(6);
  // A member's links take the row; the language switch stands under them at the right.
  expect(languagesBox!.y).toBeGreaterThan(bellBox!.y + bellBox!.height / 2);
  expect(Math.abs(languagesBox!.x + languagesBox!.width - (signOutBox!.x + signOutBox!.width))).toBeLessThan(
    3,
  );
  expect(headerBox!.height).toBeLessThan(120);
  expect(bellBox!.width).toBeGreaterThanOrEqual(44);
  expect(bellBox!.height).toBeGreaterThanOrEqual(44);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 800 } });

  test("the bell stays in the header's one row beside the menu button", async ({ page, factories }) => {
    const user = await factories.createUser({ locale: "nl" });
    for (let index = 0; index < 12; index++) await factories.createNotification(user.id, { params });
    await signInAs(page, user);
    await page.goto("/nl/notifications");
    const header = page.getByRole("banner");
    const bell = header.getByRole("link", { name: "Meldingen, 12 ongelezen" });
    const menu = header.getByRole("button", { name: "Menu" });
    await expect(bell).toBeVisible();
    await expect(menu).toBeVisible();
    const [bellBox, menuBox, headerBox] = await Promise.all([
      bell.boundingBox(),
      menu.boundingBox(),
      header.boundingBox(),
    ]);
    expect(headerBox!.height).toBeLessThan(90);
    expect(bellBox!.x + bellBox!.width).toBeLessThanOrEqual(menuBox!.x);
    expect(Math.abs(bellBox!.y - menuBox!.y)).toBeLessThan(12);
    const widths = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    expect(widths[0]).toBeLessThanOrEqual(widths[1]!);
    await axe(page);

    // On a narrower phone the menu button keeps its name, shown as its icon, and the row holds.
    await page.setViewportSize({ width: 360, height: 800 });
    await expect(menu).toBeVisible();
    expect((await header.boundingBox())!.height).toBeLessThan(90);
    expect((await bell.boundingBox())!.y).toBeLessThan(30);
  });
});

test("the mail choice on the account page: a daily digest at first, saved with a notice", async ({
  page,
  factories,
}) => {
  const user = await factories.createUser({ locale: "de" });
  await signInAs(page, user);
  await page.goto("/de/account");
  await expect(
    page.getByRole("banner").getByRole("link", { name: "Benachrichtigungen, keine ungelesen" }),
  ).toBeVisible();
  const choice = page.getByRole("group", { name: "E-Mail an mich" });
  await expect(choice.getByRole("radio", { name: "In einer täglichen Zusammenfassung" })).toBeChecked();
  await choice.getByRole("radio", { name: "Bei jeder Benachrichtigung" }).check();
  await page.getByRole("button", { name: "E-Mail-Wahl speichern" }).click();
  await expect(page.getByRole("status")).toHaveText("Ihre E-Mail-Wahl ist gespeichert.");
  await page.reload();
  await expect(choice.getByRole("radio", { name: "Bei jeder Benachrichtigung" })).toBeChecked();
  await axe(page);
});

test("a Dutch and a German school, each in its own browser: each side's bell rises with the other's step", async ({
  browser,
  factories,
}) => {
  const { teacher, lehrer, dutch, german } = await crossBorderSchools(factories, {
    dutch: "Dalton College Wijchen",
    german: "Gesamtschule Wesel-Lippe",
  });
  const dutchContext = await browser.newContext();
  const germanContext = await browser.newContext();
  const nl = await dutchContext.newPage();
  const de = await germanContext.newPage();
  await signInAs(nl, teacher);
  await signInAs(de, lehrer);
  await de.goto("/de/notifications");
  await expect(
    de.getByRole("banner").getByRole("link", { name: "Benachrichtigungen, keine ungelesen" }),
  ).toBeVisible();

  // The Dutch teacher says "we are interested" on the German school's profile.
  await nl.goto(`/nl/organisations/${german.slug}`);
  const fit = nl.getByRole("region", { name: `Hoe goed dit past bij ${dutch.name}` });
  await fit.getByText(`Wij hebben interesse in ${german.name}`).click();
  await fit.getByRole("button", { name: "Onze interesse sturen" }).click();
  await expect(nl).toHaveURL(/\/nl\/matches\/[0-9a-f-]{36}$/);

  // The German teacher's bell counts it, and the page says it in German.
  await de.reload();
  const germanBell = de.getByRole("banner").getByRole("link", { name: "Benachrichtigungen, 1 ungelesen" });
  await expect(germanBell).toBeVisible();
  const text = `${dutch.name} möchte mit ${german.name} zusammenarbeiten.`;
  await expect(de.getByRole("list", { name: "Benachrichtigungen" }).getByRole("listitem")).toHaveCount(1);
  await axe(de);
  await de.getByRole("button", { name: text }).click();
  await expect(de).toHaveURL(/\/de\/matches\/[0-9a-f-]{36}$/);
  await expect(
    de.getByRole("banner").getByRole("link", { name: "Benachrichtigungen, keine ungelesen" }),
  ).toBeVisible();
  await de.getByRole("button", { name: "Wir haben auch Interesse" }).click();
  await expect(de.getByRole("status").filter({ hasText: "Sie sind verbunden" })).toBeVisible();

  // Now the Dutch teacher's bell rises: they are connected.
  await nl.goto("/nl/");
  await nl.getByRole("banner").getByRole("link", { name: "Meldingen, 1 ongelezen" }).click();
  await expect(nl.getByRole("list", { name: "Meldingen" })).toContainText(
    `${dutch.name} en ${german.name} zijn verbonden`,
  );
  await dutchContext.close();
  await germanContext.close();
});
