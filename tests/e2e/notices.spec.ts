// Notices say what the reader's own action just did: a link with `?notice=…` shows none, and a real
// save shows its notice once, with and without JavaScript.
import { expect, signInAs, test, type TestFactories } from "./support/fixtures.ts";

async function openRequestWithEditor(factories: TestFactories) {
  const organisation = await factories.createOrganisation({
    kind: "school",
    status: "verified",
    name: "Basisschool De Wielewaal",
  });
  const request = await factories.createRequest({ organisationId: organisation.id, status: "open" });
  const editor = await factories.createUser({ locale: "nl" });
  await factories.addMember(organisation.id, editor.id, "editor");
  return { request, editor };
}

test("a forged ?notice= shows no status message, to visitors or to members", async ({ page, factories }) => {
  const { request, editor } = await openRequestWithEditor(factories);
  for (const notice of ["matched", "closed", "published", "renewed", "saved", "draftSaved"]) {
    await page.goto(`/nl/requests/${request.slug}?notice=${notice}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Uitwisseling met een Duitse school");
    await expect(page.getByRole("status")).toHaveCount(0);
  }
  await page.goto("/de/?notice=accountDeleted");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByText("Ihr Konto wurde gelöscht.")).toHaveCount(0);

  await signInAs(page, editor);
  await page.goto(`/nl/requests/${request.slug}?notice=matched`);
  await expect(page.getByRole("heading", { name: "Dit verzoek beheren" })).toBeVisible();
  await expect(page.getByRole("status")).toHaveCount(0);
  await page.goto("/nl/account?notice=passwordReset");
  await expect(page.getByRole("heading", { level: 1, name: "Mijn account" })).toBeVisible();
  await expect(page.getByText("Uw wachtwoord is gewijzigd en u bent ingelogd.")).toHaveCount(0);
});

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("saving a request shows its notice once, and not in the address", async ({ page, factories }) => {
      const { request, editor } = await openRequestWithEditor(factories);
      await signInAs(page, editor);
      await page.goto(`/nl/requests/${request.slug}`);
      await page.getByRole("link", { name: "Bewerken" }).click();
      await page.getByRole("button", { name: "Wijzigingen opslaan" }).click();

      await expect(page.getByRole("status")).toHaveText("Uw wijzigingen zijn opgeslagen.");
      expect(new URL(page.url()).pathname).toBe(`/nl/requests/${request.slug}`);
      expect(new URL(page.url()).search).toBe("");
      await page.reload();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Uitwisseling met een Duitse school");
      await expect(page.getByRole("status")).toHaveCount(0);
    });
  });
}
