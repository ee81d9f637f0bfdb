// axe finds no violations, and the forms work with the keyboard alone.
import AxeBuilder from "@axe-core/playwright";
import { expect, signInAs, test } from "./support/fixtures.ts";

const pages = [
  "/nl/",
  "/de/signup",
  "/en/signin",
  "/de/forgot-password",
  "/nl/reset-password?token=x",
  "/de/nope",
  "/nl/imprint",
  "/de/privacy-statement",
  "/en/accessibility",
  "/de/contact",
  "/nl/browse",
  "/de/browse?show=organisations",
];

for (const path of pages) {
  test(`axe reports no violations on ${path}`, async ({ page }) => {
    await page.goto(path);
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
}

test("axe reports no violations on the account page, also with form errors", async ({ page, factories }) => {
  await signInAs(page, await factories.createUser({ verified: false }));
  await page.goto("/de/account");
  await page.locator("#profile-name").fill("");
  await page.getByRole("button", { name: "Profil speichern" }).click();
  await expect(page.locator("#profile-name-error")).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});

test("sign-in works with the keyboard alone, and errors are announced on the fields", async ({
  page,
  factories,
}) => {
  const user = await factories.createUser({ locale: "nl" });
  await page.goto("/nl/signin");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("link", { name: "Naar de inhoud" })).toBeFocused();
  await page.keyboard.press("Enter");

  // Submitting empty: the error is tied to the field.
  await page.getByLabel("E-mailadres").focus();
  await page.keyboard.press("Enter");
  const email = page.getByLabel("E-mailadres");
  await expect(email).toHaveAttribute("aria-invalid", "true");
  await expect(email).toHaveAccessibleDescription("Vul dit veld in.");

  await email.focus();
  await page.keyboard.type(user.email);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Wachtwoord")).toBeFocused();
  await page.keyboard.type(user.password);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Mijn account" })).toBeVisible();
});

test("axe reports no violations on a phone with the menu and the filters open", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 800 });
  await page.goto("/nl/browse?country=DE");
  await page.getByRole("button", { name: "Menu" }).click();
  await expect(page.getByRole("navigation", { name: "Hoofdmenu" })).toBeVisible();
  await page.locator("summary", { hasText: "Filters" }).click();
  await expect(page.getByLabel("Zoekwoorden")).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
});
