// A member reaches the request form from what is on the screen, never by typing its address
// (#15 item 1): header → my organisations → the organisation → "new partnership request".
import { expect, signInAs, test } from "./support/fixtures.ts";

test("a member of a verified organisation goes from the header to a new request for it", async ({
  page,
  factories,
}) => {
  const owner = await factories.createUser({ locale: "de" });
  const organisation = await factories.createOrganisation({
    ownerId: owner.id,
    country: "DE",
    name: "SV Kleve 1912",
  });
  await signInAs(page, owner);
  await page.goto("/de/");
  await page.getByRole("link", { name: "Meine Organisationen" }).click();
  await page.getByRole("link", { name: "SV Kleve 1912" }).click();
  await expect(page.getByText("Veröffentlichen Sie Ihre erste Partnerschaftsanfrage")).toBeVisible();
  await page.getByRole("link", { name: "Neue Partnerschaftsanfrage" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Neue Partnerschaftsanfrage" })).toBeVisible();
  await expect(page.getByText("Für SV Kleve 1912")).toBeVisible();
  expect(new URL(page.url()).searchParams.get("org")).toBe(organisation.slug);

  // The list of one's organisations links there as well.
  await page.goto("/de/organisations");
  await page.getByRole("link", { name: "Neue Partnerschaftsanfrage" }).click();
  await expect(page.getByText("Für SV Kleve 1912")).toBeVisible();
});

test("a pending organisation's member is told a request can wait as a draft", async ({ page, factories }) => {
  const owner = await factories.createUser({ locale: "nl" });
  const organisation = await factories.createOrganisation({ ownerId: owner.id, status: "pending" });
  await signInAs(page, owner);
  await page.goto(`/nl/organisations/${organisation.slug}`);
  await expect(
    page.getByText("kunt u al een partnerschapsverzoek schrijven en als concept opslaan"),
  ).toBeVisible();
  await page.getByRole("link", { name: "Nieuw partnerschapsverzoek" }).click();
  await expect(page.getByRole("button", { name: /concept/i })).toBeVisible();
});

test("visitors see no request link on a profile", async ({ page, factories }) => {
  const organisation = await factories.createOrganisation({ ownerId: (await factories.createUser()).id });
  await page.goto(`/nl/organisations/${organisation.slug}`);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "Nieuw partnerschapsverzoek" })).toHaveCount(0);
});
