// The suggestions page with the demo data: Sanne (Wijchen, Dutch) and Jonas (Kleve, German) see
// partners across the border with their reasons, in their language; axe finds nothing.
import AxeBuilder from "@axe-core/playwright";
import { expect, query, signInAs, test } from "./support/fixtures.ts";

async function demoUser(email: string) {
  const [user] = await query<{ id: string }>("SELECT id FROM users WHERE email = $1", [email]);
  if (!user) throw new Error(`no demo user ${email}`);
  return user;
}

for (const [email, locale, words] of [
  [
    "sanne@demo.euregio-partners.example",
    "nl",
    {
      title: "Voorgestelde partners",
      forRequest: /^Voor uw verzoek/,
      fit: /^Match \d+ van 100$/,
      why: "Waarom dit past",
      fitHeading: /^Hoe goed dit past bij /,
      dismiss: "niet meer voorstellen",
      dismissed: "Deze partner wordt niet meer voorgesteld.",
      dismissedHeading: "Niet meer voorgesteld",
      restore: "weer voorstellen",
      restored: "Deze partner wordt weer voorgesteld.",
      km: /km van elkaar$/,
      country: /, Duitsland$/,
    },
  ],
  [
    "jonas@demo.euregio-partners.example",
    "de",
    {
      title: "Vorgeschlagene Partner",
      forRequest: /^Für Ihre Anfrage/,
      fit: /^Übereinstimmung \d+ von 100$/,
      why: "Warum das passt",
      fitHeading: /^Wie gut das zu .* passt$/,
      dismiss: "nicht mehr vorschlagen",
      dismissed: "Dieser Partner wird nicht mehr vorgeschlagen.",
      dismissedHeading: "Nicht mehr vorgeschlagen",
      restore: "wieder vorschlagen",
      restored: "Dieser Partner wird wieder vorgeschlagen.",
      km: /km entfernt$/,
      country: /, Niederlande$/,
    },
  ],
] as const) {
  test(`${email.split("@")[0]} sees partners across the border with the reasons (${locale})`, async ({
    page,
  }) => {
    await signInAs(page, await demoUser(email));
    await page.goto(`/${locale}/matches`);
    await expect(page.getByRole("heading", { level: 1, name: words.title })).toBeVisible();
    const group = page.getByRole("region", { name: words.forRequest }).first();
    await expect(group).toBeVisible();
    const first = group.getByRole("listitem").first();
    await expect(first.getByText(words.fit)).toBeVisible();
    await expect(first.getByText(words.country)).toBeVisible();
    await expect(first.getByRole("heading", { name: words.why })).toBeVisible();
    await expect(first.getByRole("listitem").last()).toHaveText(words.km);
    // The partner's profile is one click away.
    const partner = first.getByRole("heading", { level: 3 }).getByRole("link");
    const name = await partner.textContent();
    await partner.click();
    await expect(page.getByRole("heading", { level: 1, name: name ?? "" })).toBeVisible();
    // The profile tells the member how well it fits their own organisation.
    const fit = page.getByRole("region", { name: words.fitHeading });
    await expect(fit.getByText(words.fit)).toBeVisible();
    await page.goBack();

    // Dismissed, it goes to the list below, and comes back from there.
    await first.getByRole("button", { name: `${name} ${words.dismiss}` }).click();
    await expect(page.getByRole("status")).toContainText(words.dismissed);
    const dismissed = page.getByRole("region", { name: words.dismissedHeading });
    await expect(dismissed.getByRole("link", { name: name ?? "" })).toBeVisible();
    await expect(group.getByRole("heading", { level: 3, name: name ?? "" })).toHaveCount(0);
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await dismissed.getByRole("button", { name: `${name} ${words.restore}` }).click();
    await expect(page.getByRole("status")).toContainText(words.restored);
    await expect(group.getByRole("heading", { level: 3, name: name ?? "" })).toBeVisible();
    await expect(page.getByRole("region", { name: words.dismissedHeading })).toHaveCount(0);
  });
}

test("visitors are sent to sign in first", async ({ page }) => {
  await page.goto("/de/matches");
  await expect(page).toHaveURL(/\/de\/signin\?redirectTo=%2Fde%2Fmatches$/);
});
