// Languages: redirect by Accept-Language, a language switch that keeps the page, translated
// errors, and no raw translation key on any page.
import { allKeyPaths, expect, signInAs, test } from "./support/fixtures.ts";

test("/ redirects by Accept-Language, falling back to English", async ({ request }) => {
  const cases: [string, string][] = [
    ["de-DE,de;q=0.9", "/de/"],
    ["nl-NL,nl;q=0.9,en;q=0.5", "/nl/"],
    ["fr-FR", "/en/"],
    ["", "/en/"],
  ];
  for (const [header, target] of cases) {
    const response = await request.get("/", { headers: { "Accept-Language": header }, maxRedirects: 0 });
    expect(response.status()).toBe(302);
    expect(new URL(response.headers().location!, "http://x").pathname).toBe(target);
  }
});

test("the language switch keeps the current page and sets <html lang>", async ({ page }) => {
  await page.goto("/de/signin?redirectTo=%2Fde%2Faccount");
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await page.getByRole("navigation", { name: "Sprache" }).getByRole("link", { name: "Nederlands" }).click();
  await expect(page).toHaveURL("/nl/signin?redirectTo=%2Fde%2Faccount");
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Inloggen");
  await page.getByRole("navigation", { name: "Taal" }).getByRole("link", { name: "English" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
});

test("the language chosen with the switch decides where / leads, before Accept-Language", async ({
  browser,
}) => {
  const context = await browser.newContext({ locale: "de-DE" });
  const page = await context.newPage();
  await page.goto("/");
  await expect(page).toHaveURL("/de/");
  await page.getByRole("navigation", { name: "Sprache" }).getByRole("link", { name: "Nederlands" }).click();
  await expect(page).toHaveURL("/nl/");
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
  await page.goto("/");
  await expect(page).toHaveURL("/nl/");
  await expect(page.locator("html")).toHaveAttribute("lang", "nl");
  // Without JavaScript the switch is the same link.
  const noScript = await browser.newContext({ javaScriptEnabled: false, locale: "nl-NL" });
  const plain = await noScript.newPage();
  await plain.goto("/nl/browse");
  await plain.getByRole("navigation", { name: "Taal" }).getByRole("link", { name: "English" }).click();
  await expect(plain).toHaveURL("/en/browse");
  await plain.goto("/map?country=DE");
  await expect(plain).toHaveURL("/en/map?country=DE");
  await noScript.close();
  await context.close();
});

test("a signed-in user's own language decides / when nothing was chosen in this browser", async ({
  page,
  request,
  factories,
}) => {
  const user = await factories.createUser({ locale: "nl" });
  await signInAs(page, user);
  // The browser's own language is English.
  await page.goto("/");
  await expect(page).toHaveURL("/nl/");
  // A choice made here wins over the account's language.
  await page.goto("/language/en?next=%2Fen%2Faccount");
  await expect(page).toHaveURL("/en/account");
  await page.goto("/");
  await expect(page).toHaveURL("/en/");
  // The switch leads only to this site's pages in the chosen language.
  for (const next of ["https://example.org/", "//example.org/", "/nl/account"]) {
    const response = await request.get(`/language/de?next=${encodeURIComponent(next)}`, { maxRedirects: 0 });
    expect(response.status()).toBe(302);
    expect(response.headers().location).toBe("/de/");
  }
  expect((await request.get("/language/fr", { maxRedirects: 0 })).status()).toBe(404);
});

test("a page's path without a language is redirected to the reader's, query kept", async ({
  request,
  factories,
}) => {
  const organisation = await factories.createOrganisation({ status: "verified", name: "Harmonie Gennep" });
  const cases: [string, Record<string, string>, string][] = [
    ["/map?country=NL&kind=school", { "Accept-Language": "de" }, "/de/map?country=NL&kind=school"],
    ["/browse?q=chor", { "Accept-Language": "nl-NL" }, "/nl/browse?q=chor"],
    [
      `/organisations/${organisation.slug}`,
      { Cookie: "ep_locale=nl" },
      `/nl/organisations/${organisation.slug}`,
    ],
    ["/signin", { "Accept-Language": "fr" }, "/en/signin"],
  ];
  for (const [path, headers, target] of cases) {
    const response = await request.get(path, { headers, maxRedirects: 0 });
    expect(response.status(), path).toBe(302);
    expect(response.headers().location).toBe(target);
  }
  const followed = await request.get(`/organisations/${organisation.slug}`, {
    headers: { Cookie: "ep_locale=nl" },
  });
  expect(followed.status()).toBe(200);
  expect(await followed.text()).toContain("Harmonie Gennep");
});

test("unknown pages and locales get a translated 404", async ({ page }) => {
  let response = await page.goto("/de/gibt-es-nicht");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Seite nicht gefunden");
  response = await page.goto("/nl/bestaat-niet");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pagina niet gevonden");
  response = await page.goto("/fr/signin");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  // Without a language, only paths of real pages are redirected.
  for (const path of ["/kaart", "/organisations/x/y/z", "/requests"]) {
    response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  }
});

test("no page shows a raw translation key, in any language", async ({ page, factories }) => {
  const keys = await allKeyPaths();
  const user = await factories.createUser({ verified: false });
  const publicPaths = [
    "/",
    "/signup",
    "/signin",
    "/forgot-password",
    "/reset-password?token=x",
    "/verify-email?token=x",
    "/missing",
  ];
  for (const locale of ["nl", "de", "en"]) {
    for (const path of publicPaths) {
      await page.goto(`/${locale}${path}`);
      const text = await page.locator("body").innerText();
      const shown = keys.filter((key) => text.includes(key));
      expect(shown, `${locale}${path}`).toEqual([]);
      expect(await page.title(), `${locale}${path}`).toContain("Euregio Partners");
    }
  }
  await signInAs(page, user);
  for (const locale of ["nl", "de", "en"]) {
    await page.goto(`/${locale}/account`);
    const text = await page.locator("body").innerText();
    expect(
      keys.filter((key) => text.includes(key)),
      `${locale}/account`,
    ).toEqual([]);
  }
});

test("a document carries only its page's namespaces, and a navigation loads the next page's", async ({
  page,
  request,
}) => {
  const carried = async (path: string) => {
    const html = await (await request.get(path)).text();
    const json = /<script type="application\/json" id="page-translations">([^<]*)<\/script>/.exec(html)?.[1];
    const translations = JSON.parse(json!) as { locale: string; resources: Record<string, unknown> };
    return { locale: translations.locale, namespaces: Object.keys(translations.resources).sort() };
  };
  expect(await carried("/de/signin")).toEqual({ locale: "de", namespaces: ["auth", "common"] });
  expect(await carried("/nl/browse")).toEqual({ locale: "nl", namespaces: ["browse", "common", "taxonomy"] });

  const keys = await allKeyPaths();
  // A hydration that finds other texts than the server sent says so on the console.
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  await page.goto("/de/browse");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  // Marks this document: the mark survives only a navigation inside it, not a page load.
  await page.waitForFunction(() => "__reactRouterVersion" in window || "__remixRouter" in window);
  await page.evaluate(() => ((window as unknown as { navigationMark: number }).navigationMark = 1));
  const loaded: string[] = [];
  page.on("request", (sent) => loaded.push(new URL(sent.url()).pathname));
  await page
    .getByRole("navigation", { name: "Hauptnavigation" })
    .getByRole("link", { name: "Anmelden" })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Anmelden");
  await expect(page.getByLabel("Passwort")).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { navigationMark?: number }).navigationMark)).toBe(
    1,
  );
  expect(loaded.some((path) => /\/assets\/auth-[\w-]+\.js$/.test(path))).toBe(true);
  const text = await page.locator("body").innerText();
  expect(keys.filter((key) => text.includes(key))).toEqual([]);
  await expect(page).toHaveTitle(/^Anmelden – Euregio Partners$/);
  expect(errors).toEqual([]);
});
