// The browse filters help rather than refuse (#15 item 8): nearest first without a place, the
// municipality list of the chosen country with the Euregio's members marked, typos in a sport or
// topic corrected, and the organisation form asking for a school level or a sport only when it applies.
import { randomBytes } from "node:crypto";
import { expect, signInAs, test } from "./support/fixtures.ts";

const KLEVE = "05154036";

test("nearest first without a place shows the usual order with a hint, not an error", async ({ page }) => {
  await page.goto("/de/browse");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Sortieren").selectOption({ label: "Nächste zuerst" });
  await page.getByRole("button", { name: "Suchen" }).click();
  await expect(page).toHaveURL(/sort=distance/);
  const results = page.getByRole("region", { name: "Ergebnisse" });
  await expect(
    results.getByRole("status").filter({ hasText: "Für „Nächste zuerst“ fehlt ein Ort" }),
  ).toBeVisible();
  await expect(results.getByRole("listitem").first()).toBeVisible();
  await expect(
    page.getByRole("heading", { name: "Diese Filter konnten nicht verwendet werden" }),
  ).toHaveCount(0);
});

test("a member's nearest first measures from their own organisation's municipality", async ({
  page,
  factories,
}) => {
  const user = await factories.createUser({ locale: "de" });
  const organisation = await factories.createOrganisation({ country: "DE", municipalityCode: KLEVE });
  await factories.addMember(organisation.id, user.id);
  await signInAs(page, user);
  await page.goto("/de/browse");
  await page.waitForLoadState("networkidle");
  await page.getByLabel("Sortieren").selectOption({ label: "Nächste zuerst" });
  await page.getByRole("button", { name: "Suchen" }).click();
  await expect(page).toHaveURL(new RegExp(`near=${KLEVE}`));
  await expect(page.getByLabel("Entfernung von")).toHaveValue(KLEVE);
  const results = page.getByRole("region", { name: "Ergebnisse" });
  await expect(results.getByText(/km entfernt/).first()).toBeVisible();
  await expect(results.getByText("Für „Nächste zuerst“ fehlt ein Ort")).toHaveCount(0);
});

const groupLabels = (select: ReturnType<import("@playwright/test").Page["getByLabel"]>) =>
  select.locator("optgroup").evaluateAll((groups) => groups.map((group) => group.getAttribute("label")));

test("the municipality filter lists the chosen country's places, members first and marked", async ({
  page,
}) => {
  await page.goto("/de/browse");
  await page.waitForLoadState("networkidle");
  const municipality = page.getByLabel("Gemeinde", { exact: true });
  expect(await groupLabels(municipality)).toEqual([
    "Niederlande: Euregio-Gemeinden",
    "Niederlande: außerhalb der Euregio",
    "Deutschland: Euregio-Gemeinden",
    "Deutschland: außerhalb der Euregio",
  ]);
  await expect(
    municipality.locator('optgroup[label="Deutschland: Euregio-Gemeinden"] option', { hasText: "Kleve" }),
  ).toHaveCount(1);

  await page.getByLabel("Land", { exact: true }).selectOption({ label: "Deutschland" });
  await expect
    .poll(() => groupLabels(municipality))
    .toEqual(["Deutschland: Euregio-Gemeinden", "Deutschland: außerhalb der Euregio"]);
  // Distances may be measured from anywhere: a school in Kleve looks for Dutch partners near itself.
  expect(await groupLabels(page.getByLabel("Entfernung von"))).toHaveLength(4);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the municipality filter of a search in one country lists that country's places", async ({ page }) => {
    await page.goto("/nl/browse?country=NL");
    expect(await groupLabels(page.getByLabel("Gemeente", { exact: true }))).toEqual([
      "Nederland: Euregio-gemeenten",
      "Nederland: buiten de Euregio",
    ]);
  });

  test("the organisation form shows the school level for schools and the sport for clubs", async ({
    page,
    factories,
  }) => {
    await signInAs(page, await factories.createUser({ locale: "de" }));
    await page.goto("/de/organisations/new");
    await expect(page.getByLabel("Art der Organisation")).toBeVisible();
    await expect(page.getByLabel("Schulform")).toBeHidden();
    await expect(page.getByLabel("Sportart")).toBeHidden();
    await page.getByLabel("Art der Organisation").selectOption({ label: "Schule" });
    await expect(page.getByLabel("Schulform")).toBeVisible();
    await expect(page.getByLabel("Sportart")).toBeHidden();
    await page.getByLabel("Art der Organisation").selectOption({ label: "Sportverein" });
    await expect(page.getByLabel("Sportart")).toBeVisible();
    await expect(page.getByLabel("Schulform")).toBeHidden();
  });
});

for (const [typed, corrected, sport] of [
  ["Fusball", "Fußball", "football"],
  ["Hocky", "Hockey", "hockey"],
] as const) {
  test(`a typo in a sport, "${typed}", finds "${corrected}" and says so`, async ({ page, factories }) => {
    const name = `SV Grenzland ${randomBytes(4).toString("hex")}`;
    await factories.createOrganisation({ kind: "sports_club", sport, name, municipalityCode: KLEVE });
    await page.goto("/de/browse?show=organisations");
    await page.getByLabel("Suchbegriffe").fill(typed);
    await page.getByRole("button", { name: "Suchen" }).click();
    const results = page.getByRole("region", { name: "Ergebnisse" });
    await expect(
      results.getByText(`Nichts gefunden für „${typed}“. Ergebnisse für „${corrected}“.`),
    ).toBeVisible();
    await expect(results.getByRole("link", { name })).toBeVisible();
  });
}
