// Back from a result lands on the link one followed (#15 item 5: focus fell to <body>), on the browse
// page and in the map's list.
import { randomBytes } from "node:crypto";
import { expect, test } from "./support/fixtures.ts";

test.describe.configure({ timeout: 120_000 });

test("Back from a request opened from the results gives the focus to its link again", async ({
  page,
  factories,
}) => {
  const word = `w${randomBytes(4).toString("hex")}`;
  const organisation = await factories.createOrganisation({ name: `Muziekschool ${word}` });
  for (const n of [1, 2, 3]) {
    await factories.createOpenRequest(organisation.id, { titleNl: `Samen spelen ${word} ${n}` });
  }
  await page.goto(`/nl/browse?q=${word}`);
  const link = page.getByRole("link", { name: `Samen spelen ${word} 2` });
  await link.click();
  await expect(page.getByRole("heading", { level: 1, name: `Samen spelen ${word} 2` })).toBeVisible();
  await page.goBack();
  await expect(link).toBeFocused();

  // By keyboard too: Enter on the next link, then Back.
  const next = page.getByRole("link", { name: `Samen spelen ${word} 3` });
  await next.focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: `Samen spelen ${word} 3` })).toBeVisible();
  await page.goBack();
  await expect(next).toBeFocused();
});

test("Back from a request opened from the map's list gives the focus to its link again", async ({
  page,
  factories,
}) => {
  const word = `w${randomBytes(4).toString("hex")}`;
  const organisation = await factories.createOrganisation({ name: `Harmonie ${word}` });
  await factories.createOpenRequest(organisation.id, {
    titleEn: `Brass band ${word}`,
    titleNl: `Fanfare ${word}`,
  });
  await expect
    .poll(
      async () =>
        ((await (await page.request.get(`/map/items?q=${word}`)).json()) as { total: number }).total,
    )
    .toBe(1);
  await page.goto(`/en/map?q=${word}`);
  const link = page
    .getByRole("region", { name: "In the Euregio" })
    .getByRole("link", { name: `Brass band ${word}` });
  await link.click();
  await expect(page.getByRole("heading", { level: 1, name: `Brass band ${word}` })).toBeVisible();
  await page.goBack();
  await expect(link).toBeFocused();
});
