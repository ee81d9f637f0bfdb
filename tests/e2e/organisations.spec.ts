// Organisations in the browser: registering one in German, verification by staff, the public profile
// in Dutch, inviting an editor by mail, bad logos, and accessibility of the forms and the profile.
import { randomBytes } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import sharp from "sharp";
import { linkIn, waitForMail } from "./support/mailbox.ts";
import { expect, query, signInAs, test, type TestFactories } from "./support/fixtures.ts";

/** A historical society in Kleve, described in German only, owned by `ownerId`. */
function historicalSociety(
  factories: TestFactories,
  ownerId: string,
  status: "pending" | "verified" = "verified",
) {
  return factories.createOrganisation({
    ownerId,
    status,
    kind: "historical_society",
    name: `Heimatverein ${randomBytes(2).toString("hex")}`,
    country: "DE",
    descriptionNl: null,
    descriptionDe: "Wir erforschen die Geschichte des Niederrheins.",
  });
}

async function expectNoAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

test("an organisation registered in German waits for staff, then Dutch readers see it marked as German", async ({
  page,
  browser,
  request,
  factories,
}) => {
  const founder = await factories.createUser({ locale: "de", name: "Greta Grenzgänger" });
  await signInAs(page, founder);
  await page.goto("/de/organisations/new");
  await page.getByLabel("Name der Organisation").fill("Heimatverein Kleve");
  await page.getByLabel("Art der Organisation").selectOption({ label: "Heimat- und Geschichtsverein" });
  await page.getByLabel("Land", { exact: true }).selectOption({ label: "Deutschland" });
  await page.getByLabel("Gemeinde").selectOption({ label: "Kleve" });
  await page
    .getByLabel("Beschreibung auf Deutsch")
    .fill("Wir erforschen die Geschichte von Kleve und Kleef.");
  await page.getByLabel("Deutsch", { exact: true }).selectOption({ label: "Muttersprache" });
  await page.getByLabel("Niederländisch", { exact: true }).selectOption({ label: "B1" });
  await page.getByLabel("Website").fill("https://heimatverein-kleve.example.de");
  await page.getByRole("button", { name: "Organisation anmelden" }).click();

  await expect(page).toHaveURL(/\/de\/organisations\/heimatverein-kleve-[a-z2-9]{6}$/);
  const profilePath = new URL(page.url()).pathname.replace(/^\/de/, "");
  await expect(page.getByRole("heading", { level: 1, name: "Heimatverein Kleve" })).toBeVisible();
  await expect(page.getByText("Wartet auf Prüfung", { exact: true })).toBeVisible();

  await page.goto("/de/organisations");
  await expect(page.getByRole("link", { name: "Heimatverein Kleve" })).toBeVisible();
  await expect(page.getByText("Status: Wartet auf Prüfung")).toBeVisible();
  await expect(page.getByText("Ihre Rolle: Inhaber")).toBeVisible();

  const hidden = await request.get(`/nl${profilePath}`);
  expect(hidden.status()).toBe(404);
  expect(await hidden.text()).not.toContain("Heimatverein Kleve");
  const signedOut = await request.get("/de/organisations/new", { maxRedirects: 0 });
  expect(signedOut.status()).toBe(302);
  expect(signedOut.headers().location).toBe("/de/signin?redirectTo=%2Fde%2Forganisations%2Fnew");

  const staffContext = await browser.newContext();
  const staffPage = await staffContext.newPage();
  await signInAs(staffPage, await factories.createUser({ role: "staff", locale: "nl" }));
  await staffPage.goto(`/nl${profilePath}`);
  await staffPage.getByRole("button", { name: "Organisatie verifiëren" }).click();
  await expect(staffPage.getByRole("status")).toHaveText("De status is nu: Geverifieerd.");
  await staffContext.close();

  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  const response = await visitor.goto(`/nl${profilePath}`);
  expect(response?.status()).toBe(200);
  await expect(visitor.getByRole("heading", { level: 1, name: "Heimatverein Kleve" })).toBeVisible();
  await expect(visitor.getByText("Geschreven in het Duits")).toBeVisible();
  await expect(visitor.locator('p[lang="de"]')).toHaveText(
    "Wir erforschen die Geschichte von Kleve und Kleef.",
  );
  await expect(visitor.getByText("Historische vereniging")).toBeVisible();
  await expect(visitor.getByText("Duits: Moedertaal")).toBeVisible();
  await expect(visitor.getByText("Nederlands: B1")).toBeVisible();
  await expect(visitor.getByRole("link", { name: "Profiel bewerken" })).toHaveCount(0);
  await expect(visitor.locator('meta[property="og:title"]')).toHaveAttribute("content", "Heimatverein Kleve");
  await expect(visitor.locator('meta[property="og:url"]')).toHaveAttribute(
    "content",
    /\/nl\/organisations\//,
  );
  await expect(visitor.locator('link[rel="alternate"][hreflang]')).toHaveCount(3);
  await expect(visitor.locator('link[rel="alternate"][hreflang="de"]')).toHaveAttribute(
    "href",
    new RegExp(`/de${profilePath}$`),
  );
  await visitorContext.close();
});

test("an owner invites an editor by e-mail; the editor accepts the mailed link and edits", async ({
  page,
  browser,
  factories,
}) => {
  const owner = await factories.createUser({ locale: "nl", name: "Olga Eigenaar" });
  const organisation = await historicalSociety(factories, owner.id);
  const editor = await factories.createUser({ locale: "de", name: "Dieter Redakteur" });

  await signInAs(page, owner);
  await page.goto(`/nl/organisations/${organisation.slug}`);
  await page.getByRole("link", { name: "Leden" }).click();
  await page.getByLabel("E-mailadres van de nieuwe redacteur").fill(editor.email);
  await page.getByRole("button", { name: "Uitnodiging versturen" }).click();
  await expect(page.getByRole("status")).toHaveText(
    `We hebben een uitnodiging gestuurd naar ${editor.email}.`,
  );
  await expectNoAxeViolations(page);

  const mail = await waitForMail(editor.email);
  expect(mail.subject).toBe(`Sie sind eingeladen, ${organisation.name} auf Euregio Partners zu bearbeiten`);
  const link = linkIn(mail);
  expect(link).toMatch(/\/de\/invitations\/accept\?token=/);

  const editorContext = await browser.newContext();
  const editorPage = await editorContext.newPage();
  await signInAs(editorPage, editor);
  await editorPage.goto(link);
  await editorPage.getByRole("button", { name: "Einladung annehmen" }).click();
  await expect(editorPage.getByRole("heading", { level: 1, name: organisation.name })).toBeVisible();
  await editorPage.getByRole("link", { name: "Profil bearbeiten" }).click();
  await editorPage.getByLabel("Name der Organisation").fill("Heimatverein Kleve und Umgebung");
  await editorPage.getByRole("button", { name: "Änderungen speichern" }).click();
  await expect(editorPage.getByRole("status")).toHaveText("Ihre Änderungen wurden gespeichert.");
  await expect(editorPage.getByRole("heading", { level: 1 })).toHaveText(
    "Heimatverein Kleve und Umgebung bearbeiten",
  );

  // The link is used up, and another account cannot use it either.
  expect((await editorPage.goto(link))?.status()).toBe(400);
  await editorContext.close();
  const strangerContext = await browser.newContext();
  const stranger = await strangerContext.newPage();
  await signInAs(stranger, await factories.createUser({ locale: "de" }));
  expect((await stranger.goto(link))?.status()).toBe(400);
  await strangerContext.close();
});

test("a bad logo is refused with a translated message and a 4xx; a good one is shown", async ({
  page,
  factories,
}) => {
  const owner = await factories.createUser({ locale: "de" });
  const organisation = await historicalSociety(factories, owner.id);
  await signInAs(page, owner);
  await page.goto(`/de/organisations/${organisation.slug}/edit`);

  await page.getByLabel("Logodatei").setInputFiles({
    name: "logo.svg",
    mimeType: "image/png",
    buffer: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
  });
  const [answer] = await Promise.all([
    page.waitForResponse((response) => response.request().method() === "POST"),
    page.getByRole("button", { name: "Änderungen speichern" }).click(),
  ]);
  expect(answer.status()).toBe(400);
  await expect(page.locator("#field-logo-error")).toHaveText(
    "Das Logo muss ein PNG-, JPEG- oder WebP-Bild sein.",
  );
  await expect(page.getByLabel("Logodatei")).toHaveAttribute("aria-invalid", "true");
  await expectNoAxeViolations(page);

  const large = Buffer.alloc(1024 * 1024 + 10, 1);
  const tooLarge = await page.request.post(`/de/organisations/${organisation.slug}/edit`, {
    multipart: {
      name: "Heimatverein",
      logo: { name: "logo.png", mimeType: "image/png", buffer: large },
    },
    maxRedirects: 0,
  });
  expect(tooLarge.status()).toBe(413);
  expect(await tooLarge.text()).toContain(
    "Das Logo ist zu groß. Bitte wählen Sie eine Datei mit höchstens 1 MB.",
  );
  const [unchanged] = await query<{ name: string; logo_id: string | null }>(
    "SELECT name, logo_id FROM organisations WHERE id = $1",
    [organisation.id],
  );
  expect(unchanged).toEqual({ name: organisation.name, logo_id: null });

  const png = await sharp({ create: { width: 800, height: 800, channels: 3, background: "#0b5cad" } })
    .png()
    .toBuffer();
  await page.goto(`/de/organisations/${organisation.slug}/edit`);
  await page.getByLabel("Logodatei").setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: png });
  await page.getByRole("button", { name: "Änderungen speichern" }).click();
  await expect(page.getByRole("status")).toHaveText("Ihre Änderungen wurden gespeichert.");
  await page.goto(`/de/organisations/${organisation.slug}`);
  const logo = page.getByRole("img", { name: `Logo von ${organisation.name}` });
  await expect(logo).toBeVisible();
  const served = await page.request.get((await logo.getAttribute("src")) ?? "");
  expect(served.headers()["content-type"]).toBe("image/webp");
  expect(served.headers()["cache-control"]).toContain("immutable");
  expect((await sharp(await served.body()).metadata()).width).toBe(400);
  expect((await page.request.get("/logos/6f1c2b9e-0000-4000-8000-000000000000")).status()).toBe(404);
});

test("the last owner cannot leave, and is told why in their language", async ({ page, factories }) => {
  const owner = await factories.createUser({ locale: "nl" });
  const organisation = await historicalSociety(factories, owner.id, "pending");
  await signInAs(page, owner);
  await page.goto(`/nl/organisations/${organisation.slug}/members`);
  await page.getByRole("button", { name: "Deze organisatie verlaten" }).click();
  await expect(page.getByRole("alert")).toHaveText(
    "U bent de laatste eigenaar. Maak eerst een ander lid eigenaar voordat u vertrekt.",
  );
});

test("axe reports no violations on the organisation form, also with errors", async ({ page, factories }) => {
  await signInAs(page, await factories.createUser({ locale: "de" }));
  await page.goto("/de/organisations/new");
  await expectNoAxeViolations(page);
  await page.getByRole("button", { name: "Organisation anmelden" }).click();
  await expect(page.locator("#field-name-error")).toHaveText("Bitte füllen Sie dieses Feld aus.");
  await expect(page.locator("#field-descriptionNl-error")).toHaveText(
    "Bitte beschreiben Sie Ihre Organisation in mindestens einer Sprache.",
  );
  await expect(page.getByLabel("Name der Organisation")).toHaveAttribute(
    "aria-describedby",
    "field-name-error",
  );
  await expectNoAxeViolations(page);
});

test("axe reports no violations on the profile and the organisations dashboard", async ({
  page,
  factories,
}) => {
  const owner = await factories.createUser({ locale: "nl" });
  const organisation = await historicalSociety(factories, owner.id, "pending");
  await signInAs(page, owner);
  await page.goto(`/nl/organisations/${organisation.slug}`);
  await expect(page.getByText("Geschreven in het Duits")).toBeVisible();
  await expectNoAxeViolations(page);
  await page.goto("/en/organisations");
  await expect(page.getByRole("link", { name: organisation.name })).toBeVisible();
  await expectNoAxeViolations(page);
});

test("the profile's badge tells verified, pending and suspended apart, not by colour alone", async ({
  page,
  factories,
}) => {
  const owner = await factories.createUser({ locale: "en" });
  await signInAs(page, owner);
  const looks: Record<string, { text: string; background: string; border: string }> = {};
  for (const status of ["verified", "pending", "suspended"] as const) {
    const organisation = await factories.createOrganisation({
      ownerId: owner.id,
      status,
      kind: "cultural",
      name: `Kulturhaus ${randomBytes(2).toString("hex")}`,
    });
    await page.goto(`/en/organisations/${organisation.slug}`);
    looks[status] = await page.locator(".profile-header .badge").evaluate((element) => {
      const style = getComputedStyle(element);
      return {
        text: element.textContent ?? "",
        background: style.backgroundColor,
        border: `${style.borderStyle} ${style.borderWidth} ${style.borderColor}`,
      };
    });
    await expectNoAxeViolations(page);
  }
  expect(looks.verified?.text).toBe("✓ Verified");
  expect(looks.pending?.text).toBe("… Awaiting verification");
  expect(looks.suspended?.text).toBe("! Suspended");
  const backgrounds = new Set(Object.values(looks).map((look) => look.background));
  const borders = new Set(Object.values(looks).map((look) => look.border));
  expect(backgrounds.size).toBe(3);
  expect(borders.size).toBe(3);
});
