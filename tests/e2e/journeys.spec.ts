// The whole journey from what is on the screen (#15, "must show"), in German and in Dutch, on a
// desktop and on a 390 × 800 phone: a newcomer signs up, verifies the address from the mail,
// registers the organisation; Katrin (staff) signs in, finds it in the pending list and verifies it;
// the newcomer publishes a request and finds it on the browse page and on the map. The only
// addresses opened are the site's front page and the link in the mail.
import { randomBytes } from "node:crypto";
import type { Browser, Page } from "@playwright/test";
import { linkIn, waitForMail } from "./support/mailbox.ts";
import { expect, test } from "./support/fixtures.ts";

const katrin = { email: "katrin@demo.euregio-partners.example", password: "grenzeloos-samenwerken" };

const words = {
  de: {
    navigation: "Hauptnavigation",
    signUp: "Konto erstellen",
    name: "Ihr Name",
    email: "E-Mail-Adresse",
    password: "Passwort",
    sent: /Fast geschafft!/,
    verified: /ist bestätigt und Sie sind angemeldet/,
    registerOrganisation: "Ihre Organisation anmelden",
    organisation: {
      name: "Name der Organisation",
      kind: ["Art der Organisation", "Heimat- und Geschichtsverein"],
      country: "Deutschland",
      municipality: ["Gemeinde", "Emmerich am Rhein"],
      description: ["Beschreibung auf Deutsch", "Wir erforschen die Geschichte von Emmerich am Rhein."],
      spoken: ["Deutsch", "Muttersprache"],
      submit: "Organisation anmelden",
      pending: "Wartet auf Prüfung",
    },
    signIn: "Anmelden",
    pending: "Zu prüfen",
    pendingTitle: "Zu prüfende Organisationen",
    verify: "Organisation bestätigen",
    statusChanged: "Der Status ist jetzt",
    newRequest: "Neue Partnerschaftsanfrage",
    request: {
      group: "Auf Deutsch",
      title: "Titel",
      titleText: "Gemeinsame Ausstellung zur Grenzgeschichte",
      description: "Beschreibung",
      descriptionText: "Wir suchen einen niederländischen Geschichtsverein für eine Ausstellung.",
      activity: "Gemeinsames Projekt",
      topic: "Geschichte und Kulturerbe",
      flexible: "Flexibel: keine festen Termine",
      publish: "Veröffentlichen",
      published: /Ihre Anfrage ist veröffentlicht/,
    },
    browse: "Partner finden",
    q: "Suchbegriffe",
    search: "Suchen",
    results: "Ergebnisse",
    map: "Karte",
    filters: "Filter",
    listView: "Liste",
    mapList: "In der Euregio",
  },
  nl: {
    navigation: "Hoofdmenu",
    signUp: "Account aanmaken",
    name: "Uw naam",
    email: "E-mailadres",
    password: "Wachtwoord",
    sent: /Bijna klaar!/,
    verified: /is bevestigd en u bent ingelogd/,
    registerOrganisation: "Uw organisatie aanmelden",
    organisation: {
      name: "Naam van de organisatie",
      kind: ["Soort organisatie", "School"],
      country: "Nederland",
      municipality: ["Gemeente", "Wijchen"],
      description: [
        "Beschrijving in het Nederlands",
        "Een basisschool in Wijchen die Duits als buurtaal leert.",
      ],
      spoken: ["Nederlands", "Moedertaal"],
      submit: "Organisatie aanmelden",
      pending: "Wacht op verificatie",
    },
    signIn: "Inloggen",
    pending: "Te controleren",
    pendingTitle: "Te controleren organisaties",
    verify: "Organisatie verifiëren",
    statusChanged: "De status is nu",
    newRequest: "Nieuw partnerschapsverzoek",
    request: {
      group: "In het Nederlands",
      title: "Titel",
      titleText: "Groep 7 zoekt Duitse partnerklas voor buurtaal",
      description: "Beschrijving",
      descriptionText: "Wij willen samen met een Duitse klas zingen en elkaar bezoeken.",
      activity: "Uitwisselingsbezoek",
      topic: "Taal en buurtaal",
      flexible: "Flexibel: geen vaste data",
      publish: "Publiceren",
      published: /Uw verzoek is gepubliceerd/,
    },
    browse: "Partners zoeken",
    q: "Zoekwoorden",
    search: "Zoeken",
    results: "Resultaten",
    map: "Kaart",
    filters: "Filters",
    listView: "Lijst",
    mapList: "In de Euregio",
  },
} as const;

type Words = (typeof words)[keyof typeof words];

/** Follows a link of the header's navigation, opening its menu first where a phone folds it away. */
async function navigate(page: Page, w: Words, name: string) {
  const menu = page.getByRole("banner").getByRole("button", { name: /^(Menü|Menu)$/ });
  const link = page.getByRole("navigation", { name: w.navigation }).getByRole("link", { name, exact: true });
  if (await menu.isVisible()) {
    // The menu closes when a page lands: opened while the last form's answer was on its way, it is
    // closed again by the time the link would show, so open it until the link is there.
    await expect(async () => {
      if ((await menu.getAttribute("aria-expanded")) !== "true") await menu.click();
      await expect(link).toBeVisible({ timeout: 1_000 });
    }).toPass();
  }
  await link.click();
}

/** Katrin, in a browser of her own, verifies the organisation from the pending list. */
async function staffVerifies(browser: Browser, viewport: { width: number; height: number }, name: string) {
  const context = await browser.newContext({ viewport, hasTouch: viewport.width < 500 });
  const page = await context.newPage();
  const w = words.de;
  await page.goto("/de/");
  await navigate(page, w, w.signIn);
  await page.getByLabel(w.email, { exact: true }).fill(katrin.email);
  await page.getByLabel(w.password, { exact: true }).fill(katrin.password);
  await page.getByRole("main").getByRole("button", { name: w.signIn }).click();
  await navigate(page, w, w.pending);
  await expect(page.getByRole("heading", { level: 1, name: w.pendingTitle })).toBeVisible();
  await page.getByRole("main").getByRole("link", { name }).click();
  await page.getByRole("button", { name: w.verify }).click();
  await expect(page.getByRole("status")).toContainText(w.statusChanged);
  await context.close();
}

const devices = {
  desktop: { width: 1366, height: 900 },
  phone: { width: 390, height: 800 },
} as const;

for (const [device, viewport] of Object.entries(devices)) {
  test.describe(device, () => {
    test.use({ viewport, hasTouch: device === "phone" });

    for (const [locale, w] of Object.entries(words)) {
      test(`sign up, verify, register, staff verifies, publish, find on browse and map (${locale})`, async ({
        page,
        browser,
        factories,
      }) => {
        test.setTimeout(120_000);
        const word = `w${randomBytes(4).toString("hex")}`;
        const name = `${locale === "de" ? "Heimatverein Emmerich" : "Basisschool De Wilg"} ${word}`;
        const email = factories.uniqueEmail(`journey-${locale}`);

        // Sign up, and verify from the mail.
        await page.goto(`/${locale}/`);
        await navigate(page, w, w.signUp);
        await page.getByLabel(w.name).fill(locale === "de" ? "Lena Schmitz" : "Sanne Peters");
        await page.getByLabel(w.email).fill(email);
        await page.getByLabel(w.password, { exact: true }).fill("Grenzland-Partner-2026");
        await page.getByRole("main").getByRole("button", { name: w.signUp }).click();
        await expect(page.getByRole("status")).toContainText(w.sent);
        await page.goto(linkIn(await waitForMail(email)));
        await expect(page.getByRole("status")).toContainText(w.verified);

        // Register the organisation.
        await page.getByRole("link", { name: w.registerOrganisation }).click();
        const o = w.organisation;
        await page.getByLabel(o.name).fill(name);
        await page.getByLabel(o.kind[0]).selectOption({ label: o.kind[1] });
        if (locale === "nl") await page.getByLabel("Schoolniveau").selectOption({ label: "Basisonderwijs" });
        await page.getByLabel("Land", { exact: true }).selectOption({ label: o.country });
        await page.getByLabel(o.municipality[0], { exact: true }).selectOption({ label: o.municipality[1] });
        await page.getByLabel(o.description[0]).fill(o.description[1]);
        await page.getByLabel(o.spoken[0], { exact: true }).selectOption({ label: o.spoken[1] });
        await page.getByRole("button", { name: o.submit }).click();
        await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
        await expect(page.getByText(o.pending, { exact: true })).toBeVisible();

        await staffVerifies(browser, viewport, name);

        // Publish a request from the profile, now verified.
        await page.reload();
        await page.getByRole("link", { name: w.newRequest }).click();
        const r = w.request;
        const group = page.getByRole("group", { name: r.group, exact: true });
        await group.getByLabel(r.title).fill(`${r.titleText} ${word}`);
        await group.getByLabel(r.description).fill(r.descriptionText);
        await page.getByRole("checkbox", { name: r.activity }).check();
        await page.getByRole("checkbox", { name: r.topic }).check();
        await page.getByRole("checkbox", { name: r.flexible }).check();
        await page.getByRole("button", { name: r.publish }).click();
        await expect(page.getByRole("status")).toContainText(r.published);
        await expect(page.getByRole("heading", { level: 1 })).toContainText(word);

        // Find it on the browse page…
        await navigate(page, w, w.browse);
        // On a phone the results come first and the filters wait behind their button.
        await expect(page.getByRole("region", { name: w.results })).toBeVisible();
        const browseFilters = page.locator("summary", { hasText: w.filters });
        if (await browseFilters.isVisible()) await browseFilters.click();
        await page.getByLabel(w.q).fill(word);
        await page.getByRole("button", { name: w.search }).click();
        const results = page.getByRole("region", { name: w.results });
        await expect(results.getByRole("link", { name: new RegExp(word) })).toBeVisible();

        // …and on the map, through its filters.
        await navigate(page, w, w.map);
        await expect(page.locator('[data-map-ready="true"]')).toBeVisible({ timeout: 60_000 });
        await page.locator("summary", { hasText: w.filters }).click();
        await page.getByLabel(w.q).fill(word);
        await page.getByRole("button", { name: w.search }).click();
        await expect(page).toHaveURL(new RegExp(`q=${word}`));
        const listView = page.getByRole("button", { name: w.listView, exact: true });
        if (await listView.isVisible()) await listView.click();
        await expect(
          page.getByRole("region", { name: w.mapList }).getByRole("link", { name: new RegExp(word) }),
        ).toBeVisible();
      });
    }
  });
}
