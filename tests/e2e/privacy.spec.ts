// A user downloads their data and deletes their account from the account page.
import { readFileSync } from "node:fs";
import { expect, query, signInAs, test } from "./support/fixtures.ts";

test("a user downloads their data as JSON", async ({ page, factories }) => {
  const user = await factories.createUser({ locale: "de", name: "Jonas Becker" });
  await signInAs(page, user);
  await page.goto("/de/account");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Meine Daten herunterladen" }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^euregio-partners-data-\d{4}-\d{2}-\d{2}\.json$/);
  const data = JSON.parse(readFileSync((await download.path())!, "utf8"));
  expect(data.profile).toMatchObject({ email: user.email, name: "Jonas Becker", locale: "de" });
});

test("a user deletes their account after confirming with the password", async ({ page, factories }) => {
  const user = await factories.createUser({ locale: "nl" });
  await signInAs(page, user);
  await page.goto("/nl/account");
  await page.getByRole("button", { name: "Mijn account verwijderen" }).click();
  await expect(page.locator("#delete-confirm-error")).toHaveText(
    "Bevestig dat u uw account wilt verwijderen.",
  );
  await expect(page.locator("#delete-password-error")).toHaveText("Vul dit veld in.");

  await page.locator("#delete-password").fill(user.password);
  await page.getByLabel("Ik begrijp dat mijn account wordt verwijderd").check();
  await page.getByRole("button", { name: "Mijn account verwijderen" }).click();
  await expect(page.getByRole("status")).toHaveText("Uw account is verwijderd.");
  expect(await query("SELECT 1 FROM users WHERE id = $1", [user.id])).toHaveLength(0);
  await page.goto("/nl/account");
  await expect(page).toHaveURL(/\/nl\/signin/);
});
