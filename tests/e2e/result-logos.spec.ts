// Result cards show the organisation's logo beside its name (#15 item 12): decorative, since the name
// says who it is, and a neutral tile where an organisation has no logo.
import { randomBytes } from "node:crypto";
import sharp from "sharp";
import { expect, query, test } from "./support/fixtures.ts";

async function insertLogo(): Promise<string> {
  const data = await sharp({ create: { width: 40, height: 40, channels: 3, background: "#1d6b5f" } })
    .webp()
    .toBuffer();
  const [row] = await query<{ id: string }>(
    "INSERT INTO organisation_logos (id, mime_type, width, height, data) VALUES (gen_random_uuid(), 'image/webp', 40, 40, $1) RETURNING id::text",
    [data],
  );
  return row!.id;
}

test("organisation and request cards show the logo, or a neutral tile without one", async ({
  page,
  factories,
}) => {
  const word = `w${randomBytes(4).toString("hex")}`;
  const logoId = await insertLogo();
  const withLogo = await factories.createOrganisation({ name: `Museum Grenzland ${word}`, logoId });
  await factories.createOrganisation({ name: `Harmonie Zonder ${word}` });
  await factories.createOpenRequest(withLogo.id, { titleNl: `Tentoonstelling samen ${word}` });

  await page.goto(`/nl/browse?show=organisations&q=${word}`);
  const card = (name: string) =>
    page.getByRole("listitem").filter({ has: page.getByRole("link", { name, exact: true }) });
  const logo = card(`Museum Grenzland ${word}`).locator("img");
  await expect(logo).toHaveAttribute("src", `/logos/${logoId}`);
  await expect(logo).toHaveAttribute("alt", "");
  expect(await logo.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth)).toBe(40);
  const without = card(`Harmonie Zonder ${word}`);
  await expect(without.locator("img")).toHaveCount(0);
  await expect(without.locator(".result-logo-none")).toBeVisible();

  await page.goto(`/nl/browse?q=${word}`);
  await expect(card(`Tentoonstelling samen ${word}`).locator("img")).toHaveAttribute(
    "src",
    `/logos/${logoId}`,
  );
});
