// Partnership requests in the browser: write in Dutch and publish, read in German while signed out,
// the refusal for unverified organisations, bad input, and accessibility.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { allKeyPaths, expect, query, signInAs, test, type TestFactories } from "./support/fixtures.ts";

/** The secret tests/e2e/support/app-server.ts starts the app with; renewal links are signed with it. */
const E2E_SESSION_SECRET = "e2e-secret-e2e-secret-e2e-secret-0123456";
const DAY = 24 * 60 * 60 * 1000;

/** A school in Nijmegen. */
function insertOrganisation(
  factories: TestFactories,
  options: { status: "verified" | "pending"; name: string },
) {
  return factories.createOrganisation({ kind: "school", ...options });
}

async function editorOf(factories: TestFactories, organisationId: string, locale: "nl" | "de" | "en") {
  const user = await factories.createUser({ locale });
  await factories.addMember(organisationId, user.id, "editor");
  return user;
}

async function expectNoViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

async function expectNoRawKeys(page: Page) {
  const text = await page.locator("body").innerText();
  const shown = (await allKeyPaths()).filter((key) => text.includes(key));
  expect(shown).toEqual([]);
}

test("an editor writes a request in Dutch and publishes it; a signed-out visitor reads it in German", async ({
  page,
  browser,
  factories,
}) => {
  const organisation = await insertOrganisation(factories, {
    status: "verified",
    name: "Basisschool De Klimop",
  });
  const editor = await editorOf(factories, organisation.id, "nl");
  await signInAs(page, editor);

  await page.goto(`/nl/requests/new?org=${organisation.slug}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nieuw partnerschapsverzoek");
  await expectNoViolations(page);
  await expectNoRawKeys(page);

  const dutch = page.getByRole("group", { name: "In het Nederlands", exact: true });
  await dutch.getByLabel("Titel").fill("Groep 8 zoekt Duitse partnerklas");
  await dutch
    .getByLabel("Beschrijving")
    .fill("Wij willen in het voorjaar samen zingen en elkaars school bezoeken.");
  await page.getByRole("checkbox", { name: "Uitwisselingsbezoek" }).check();
  await page.getByRole("checkbox", { name: "Muziek" }).check();
  await page.getByRole("checkbox", { name: "Taal en buurtaal" }).check();
  await page.getByLabel("Kleinste groep (personen)").fill("20");
  await page.getByLabel("Grootste groep (personen)").fill("28");
  await page.getByLabel("Van", { exact: true }).fill("2027-03-01");
  await page.getByLabel("Tot en met", { exact: true }).fill("2027-05-31");
  await page.getByLabel("Zoekstraal in km").fill("40");
  await expect(
    page.getByRole("checkbox", { name: "Alleen partners aan de andere kant van de grens" }),
  ).toBeChecked();
  await page.getByRole("button", { name: "Publiceren" }).click();

  await expect(page.getByRole("status")).toContainText("Uw verzoek is gepubliceerd en staat open tot");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Groep 8 zoekt Duitse partnerklas");
  const slug = new URL(page.url()).pathname.split("/").pop()!;
  const [stored] = await query<{ status: string; expires_at: Date }>(
    "SELECT status, expires_at FROM partnership_requests WHERE slug = $1",
    [slug],
  );
  expect(stored?.status).toBe("open");

  const visitorContext = await browser.newContext();
  const visitor = await visitorContext.newPage();
  try {
    const response = await visitor.goto(`/de/requests/${slug}`);
    expect(response?.status()).toBe(200);
    const title = visitor.getByRole("heading", { level: 1 });
    await expect(title).toHaveText("Groep 8 zoekt Duitse partnerklas");
    await expect(title).toHaveAttribute("lang", "nl");
    await expect(visitor.getByText("Auf Niederländisch verfasst")).toBeVisible();
    await expect(visitor.locator(".request-text")).toHaveAttribute("lang", "nl");
    await expect(visitor.getByRole("link", { name: "Basisschool De Klimop" })).toHaveAttribute(
      "href",
      `/de/organisations/${organisation.slug}`,
    );
    await expect(visitor.getByText("Nimwegen, Niederlande")).toBeVisible();
    await expect(visitor.getByText("Offen", { exact: true })).toBeVisible();
    const facts = visitor.locator(".facts");
    await expect(facts).toContainText("Austauschbesuch");
    await expect(facts).toContainText("Musik");
    await expect(facts).toContainText("Sprache und Nachbarsprache");
    await expect(facts).toContainText("20 bis 28 Personen");
    await expect(facts).toContainText("1. März 2027 bis 31. Mai 2027");
    await expect(facts).toContainText("40 km");
    await expect(facts).toContainText("Nur jenseits der Grenze");
    await expect(visitor.getByRole("heading", { name: "Diese Anfrage verwalten" })).toHaveCount(0);

    await expect(visitor.locator('meta[property="og:type"]')).toHaveAttribute("content", "article");
    await expect(visitor.locator('meta[property="og:title"]')).toHaveAttribute(
      "content",
      "Groep 8 zoekt Duitse partnerklas",
    );
    await expect(visitor.locator('meta[property="og:url"]')).toHaveAttribute(
      "content",
      new RegExp(`/de/requests/${slug}$`),
    );
    await expect(visitor.locator('meta[property="og:description"]')).toHaveAttribute(
      "content",
      /samen zingen/,
    );
    for (const lng of ["nl", "de", "en"]) {
      await expect(visitor.locator(`link[rel="alternate"][hreflang="${lng}"]`)).toHaveAttribute(
        "href",
        new RegExp(`/${lng}/requests/${slug}$`),
      );
    }
    await expectNoViolations(visitor);
    await expectNoRawKeys(visitor);
  } finally {
    await visitorContext.close();
  }
});

test("a pending organisation's editor is told why publishing is refused, and can save a draft", async ({
  page,
  request,
  factories,
}) => {
  const organisation = await insertOrganisation(factories, {
    status: "pending",
    name: "Grundschule Am Deich",
  });
  const editor = await editorOf(factories, organisation.id, "de");
  await signInAs(page, editor);
  await page.goto(`/de/requests/new?org=${organisation.slug}`);
  await expect(page.getByRole("note")).toContainText("wartet noch auf die Prüfung");

  const german = page.getByRole("group", { name: "Auf Deutsch", exact: true });
  await german.getByLabel("Titel").fill("Partnerklasse in den Niederlanden gesucht");
  await german.getByLabel("Beschreibung").fill("Unsere vierte Klasse möchte Niederländisch lernen.");
  await page.getByRole("checkbox", { name: "Online-Austausch" }).check();
  await page.getByRole("checkbox", { name: "Sprache und Nachbarsprache" }).check();
  await page.getByRole("checkbox", { name: "Flexibel: keine festen Termine" }).check();
  await page.getByRole("button", { name: "Veröffentlichen" }).click();

  await expect(page.getByRole("alert")).toHaveText(
    "Ihre Organisation ist noch nicht bestätigt, deshalb kann diese Anfrage noch nicht veröffentlicht werden. Speichern Sie sie als Entwurf: Sie können sie veröffentlichen, sobald die Euregio Ihre Organisation bestätigt hat.",
  );
  const count = async () =>
    (await query("SELECT 1 FROM partnership_requests WHERE organisation_id = $1", [organisation.id])).length;
  expect(await count()).toBe(0);
  // What was typed is still there.
  await expect(german.getByLabel("Titel")).toHaveValue("Partnerklasse in den Niederlanden gesucht");

  await page.getByRole("button", { name: "Als Entwurf speichern" }).click();
  await expect(page.getByRole("status")).toContainText("Ihr Entwurf ist gespeichert.");
  await expect(page.getByText("Entwurf", { exact: true })).toBeVisible();
  expect(await count()).toBe(1);

  // Drafts stay inside the organisation.
  const response = await request.get(new URL(page.url()).pathname, { maxRedirects: 0 });
  expect(response.status()).toBe(404);
});

test("bad input on the request form gets 400 with translated messages", async ({ page, factories }) => {
  const organisation = await insertOrganisation(factories, {
    status: "verified",
    name: "Sportclub Grensland",
  });
  const editor = await editorOf(factories, organisation.id, "nl");
  await signInAs(page, editor);
  const path = `/nl/requests/new?org=${organisation.slug}`;
  const base = {
    titleNl: "Toernooi",
    descriptionNl: "Wij zoeken teams.",
    activityTypes: "tournament",
    topics: "sport",
    flexible: "on",
    intent: "draft",
  };
  const cases: { name: string; form: Record<string, string>; expect: RegExp[] }[] = [
    {
      name: "no title",
      form: { ...base, titleNl: "", descriptionNl: "" },
      expect: [/Schrijf in ten minste één taal een titel en een beschrijving\./],
    },
    {
      name: "an unknown topic key posted by hand",
      form: { ...base, topics: "astrology" },
      expect: [/Kies een van de opties\./],
    },
    {
      name: "from after to",
      form: { ...base, flexible: "", startsOn: "2027-06-30", endsOn: "2027-03-01" },
      expect: [/De einddatum kan niet vóór de begindatum liggen\./],
    },
  ];
  for (const item of cases) {
    const response = await page.request.post(path, { form: item.form, maxRedirects: 0 });
    expect(response.status(), item.name).toBe(400);
    const body = await response.text();
    for (const pattern of item.expect) expect(body, item.name).toMatch(pattern);
    expect(body, item.name).toMatch(/Verbeter de gemarkeerde velden\./);
  }
  expect(
    (await query("SELECT 1 FROM partnership_requests WHERE organisation_id = $1", [organisation.id])).length,
  ).toBe(0);

  // In the browser the errors sit on their fields, and the page stays accessible.
  await page.goto(path);
  await page.getByRole("button", { name: "Opslaan als concept" }).click();
  await expect(page.locator("#texts-error")).toHaveText(
    "Schrijf in ten minste één taal een titel en een beschrijving.",
  );
  await expect(page.locator("#group-topics-error")).toHaveText("Kies ten minste één thema.");
  await expect(page.getByRole("group", { name: "Thema's" })).toHaveAttribute(
    "aria-describedby",
    /group-topics-error/,
  );
  await expectNoViolations(page);

  const forged = await page.request.get("/de/requests/renew?token=forged");
  expect(forged.status()).toBe(400);
  expect(await forged.text()).toContain("Dieser Link ist ungültig oder wurde bereits verwendet.");
});

test("a member of another organisation gets 404 on the form and on drafts", async ({ page, factories }) => {
  const mine = await insertOrganisation(factories, {
    status: "verified",
    name: "Historische Kring Groesbeek",
  });
  const theirs = await insertOrganisation(factories, { status: "verified", name: "Heimatverein Kranenburg" });
  await signInAs(page, await editorOf(factories, mine.id, "en"));
  expect((await page.goto(`/en/requests/new?org=${theirs.slug}`))?.status()).toBe(404);
  const draft = await factories.createRequest({
    organisationId: theirs.id,
    titleNl: null,
    descriptionNl: null,
    titleDe: "Entwurf",
    descriptionDe: "Noch geheim",
    activityTypes: ["event"],
    topics: ["history_heritage"],
  });
  expect((await page.goto(`/en/requests/${draft.slug}`))?.status()).toBe(404);
  expect((await page.goto(`/en/requests/${draft.slug}/edit`))?.status()).toBe(404);
  const response = await page.request.post(`/en/requests/${draft.slug}?index`, {
    form: { intent: "publish" },
  });
  expect(response.status()).toBe(404);
  const [stored] = await query<{ status: string }>(
    "SELECT status FROM partnership_requests WHERE slug = $1",
    [draft.slug],
  );
  expect(stored?.status).toBe("draft");
});

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? "with JavaScript" : "without JavaScript", () => {
    test.use({ javaScriptEnabled });

    test("the renewal link keeps a request open with one click, and only once", async ({
      page,
      factories,
    }) => {
      const organisation = await insertOrganisation(factories, {
        status: "verified",
        name: "Kunstverein Emmerich",
      });
      const row = await factories.createRequest({
        organisationId: organisation.id,
        status: "open",
        titleNl: null,
        descriptionNl: null,
        titleDe: "Gemeinsame Ausstellung",
        descriptionDe: "Wir suchen Künstlerinnen.",
        activityTypes: ["event"],
        topics: ["arts"],
        publishedAt: new Date(Date.now() - 85 * DAY),
        expiresAt: new Date(Date.now() + 5 * DAY),
        renewalNotifiedAt: new Date(),
      });
      const { signRenewalToken } = await import("../../app/modules/requests/renewal-token.server.ts");
      const link = `/de/requests/renew?token=${signRenewalToken(E2E_SESSION_SECRET, row.id, row.expiresAt!)}`;

      await page.goto(link);
      await expect(page.getByText("Ihre Anfrage „Gemeinsame Ausstellung“ ist offen bis")).toBeVisible();
      // axe runs as page script, which this page does not have without JavaScript.
      if (javaScriptEnabled) await expectNoViolations(page);
      await page.getByRole("button", { name: "Drei Monate länger offen halten" }).click();
      // The answer is a page of its own: reloading it shows the thanks again and renews nothing.
      await expect(page).toHaveURL(/\/de\/requests\/renew\?renewed=/);
      for (const reload of [false, true]) {
        if (reload) expect((await page.reload())?.status()).toBe(200);
        await expect(page.getByRole("status")).toContainText(
          "Vielen Dank! Ihre Anfrage „Gemeinsame Ausstellung“ bleibt offen bis",
        );
        await expect(page.getByRole("alert")).toHaveCount(0);
      }
      const [renewed] = await query<{ expires_at: Date; renewal_notified_at: Date | null }>(
        "SELECT expires_at, renewal_notified_at FROM partnership_requests WHERE id = $1",
        [row.id],
      );
      expect(renewed!.expires_at.getTime() - Date.now()).toBeGreaterThan(88 * 24 * 60 * 60 * 1000);
      expect(renewed!.renewal_notified_at).toBeNull();

      const again = await page.goto(link);
      expect(again?.status()).toBe(400);
      await expect(page.getByRole("alert")).toHaveText(
        "Dieser Link ist ungültig oder wurde bereits verwendet. Melden Sie sich an und verlängern Sie die Anfrage auf ihrer Seite.",
      );
    });
  });
}

test("members manage their request from its page: renew, then mark a partner found", async ({
  page,
  factories,
}) => {
  const organisation = await insertOrganisation(factories, { status: "verified", name: "Jugendchor Goch" });
  await signInAs(page, await editorOf(factories, organisation.id, "de"));
  const row = await factories.createRequest({
    organisationId: organisation.id,
    status: "open",
    titleNl: null,
    descriptionNl: null,
    titleDe: "Chorprojekt",
    descriptionDe: "Wir singen gern.",
    activityTypes: ["event"],
    topics: ["music"],
    publishedAt: new Date(),
    expiresAt: new Date(Date.now() + 3 * DAY),
  });
  await page.goto(`/de/requests/${row.slug}`);
  const manage = page.getByRole("region", { name: "Diese Anfrage verwalten" });
  await expect(manage.getByRole("link", { name: "Bearbeiten" })).toBeVisible();
  await manage.getByRole("button", { name: "Drei Monate länger offen halten" }).click();
  await expect(page.getByRole("status")).toContainText("Die Anfrage bleibt offen bis");
  await manage.getByRole("button", { name: "Als „Partner gefunden“ markieren" }).click();
  await expect(page.getByRole("status")).toContainText("Partner gefunden");
  await expect(page.locator(".status-badge")).toHaveText("Partner gefunden");
  await expect(manage).toHaveCount(0);
  await expectNoViolations(page);
});

test("a request published just now offers no renewal yet, and shows its organisation verified", async ({
  page,
  factories,
}) => {
  const organisation = await insertOrganisation(factories, {
    status: "verified",
    name: "Gesamtschule Emmerich",
  });
  await signInAs(page, await editorOf(factories, organisation.id, "de"));
  const publishedAt = new Date();
  const expiresAt = new Date(publishedAt.getTime() + 90 * DAY);
  const row = await factories.createRequest({
    organisationId: organisation.id,
    status: "open",
    publishedAt,
    expiresAt,
  });
  await page.goto(`/de/requests/${row.slug}`);
  const manage = page.getByRole("region", { name: "Diese Anfrage verwalten" });
  await expect(manage.getByRole("button", { name: "Als „Partner gefunden“ markieren" })).toBeVisible();
  await expect(manage.getByRole("button", { name: "Drei Monate länger offen halten" })).toHaveCount(0);
  const from = new Intl.DateTimeFormat("de-DE", { dateStyle: "long", timeZone: "Europe/Amsterdam" }).format(
    new Date(expiresAt.getTime() - 28 * DAY),
  );
  await expect(manage).toContainText(`Ab dem ${from} können Sie sie länger offen halten.`);
  const byline = page.getByRole("paragraph").filter({ hasText: "Gesamtschule Emmerich" });
  await expect(byline.locator(".badge-verified")).toHaveText("✓ Geprüft");
  await expectNoViolations(page);
});
