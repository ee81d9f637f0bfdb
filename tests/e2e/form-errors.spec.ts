// A refused save on a long form: the message takes the focus where the reader can see it, and links
// to each marked field.
import { expect, signInAs, test } from "./support/fixtures.ts";

test("a refused save on the long organisation form brings its message into view and links to the fields", async ({
  page,
  factories,
}) => {
  const owner = await factories.createUser({ locale: "de" });
  const organisation = await factories.createOrganisation({ ownerId: owner.id, country: "DE" });
  await signInAs(page, owner);
  await page.goto(`/de/organisations/${organisation.slug}/edit`);

  await page.getByLabel("Name der Organisation").fill("");
  await page.getByLabel("Website").fill("keine-adresse");
  const save = page.getByRole("button", { name: "Änderungen speichern" });
  await save.scrollIntoViewIfNeeded();
  const [answer] = await Promise.all([
    page.waitForResponse((response) => response.request().method() === "POST"),
    save.click(),
  ]);
  expect(answer.status()).toBe(400);

  const alert = page.getByRole("alert");
  await expect(alert).toBeFocused();
  await expect(alert).toBeInViewport();
  await expect(alert.getByRole("paragraph")).toHaveText("Bitte korrigieren Sie die markierten Felder.");
  await expect(alert.getByRole("link")).toHaveText(["Name der Organisation", "Website"]);
  const outline = await alert.evaluate((element) => getComputedStyle(element).outlineStyle);
  expect(outline).toBe("solid");

  await alert.getByRole("link", { name: "Website" }).click();
  await expect(page.getByLabel("Website")).toBeFocused();
  await expect(page.getByLabel("Website")).toHaveValue("keine-adresse");
});
