// Staff find an organisation that waits from the header, and verify it (#15 item 2).
import { expect, signInAs, test } from "./support/fixtures.ts";

test("staff go from the header to the pending list, open the one waiting longest and verify it", async ({
  page,
  factories,
}) => {
  const owner = await factories.createUser({ locale: "nl" });
  await factories.createOrganisation({
    ownerId: owner.id,
    status: "pending",
    name: "Wachtende Harmonie",
    createdAt: new Date("2020-01-01T10:00:00Z"),
  });
  await signInAs(page, await factories.createUser({ role: "staff", locale: "nl" }));
  await page.goto("/nl/");
  await page.getByRole("link", { name: "Te controleren" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Te controleren organisaties" })).toBeVisible();
  const first = page.getByRole("main").getByRole("listitem").first();
  await expect(first.getByRole("link", { name: "Wachtende Harmonie" })).toBeVisible();
  await expect(first).toContainText("Aangemeld op 1 januari 2020");

  await first.getByRole("link", { name: "Wachtende Harmonie" }).click();
  await page.getByRole("button", { name: "Organisatie verifiëren" }).click();
  await expect(page.getByRole("status")).toContainText("De status is nu");
  await page.getByRole("link", { name: "Te controleren" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Te controleren organisaties" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Wachtende Harmonie" })).toHaveCount(0);
});

test("members do not see the link, and the list answers them 403", async ({ page, factories }) => {
  await signInAs(page, await factories.createUser({ locale: "de" }));
  await page.goto("/de/");
  await expect(page.getByRole("link", { name: "Zu prüfen" })).toHaveCount(0);
  const response = await page.goto("/de/staff/pending");
  expect(response?.status()).toBe(403);
  await expect(page.getByText("Diese Seite ist nur für Mitarbeitende der Euregio.")).toBeVisible();
});
