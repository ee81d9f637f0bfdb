// The imprint, privacy statement, accessibility statement and contact page (#15 item 12): each is
// linked from the footer's navigation in every language and says who runs the platform.
import { expect, test } from "./support/fixtures.ts";

const footerPages = {
  nl: [
    { link: "Colofon", path: "/nl/imprint", heading: "Colofon", section: "Beheerder" },
    {
      link: "Privacyverklaring",
      path: "/nl/privacy-statement",
      heading: "Privacyverklaring",
      section: "Cookies",
    },
    {
      link: "Toegankelijkheid",
      path: "/nl/accessibility",
      heading: "Toegankelijkheidsverklaring",
      section: "Bekende beperkingen",
    },
    {
      link: "Contact",
      path: "/nl/contact",
      heading: "Contact",
      section: "Hoe een organisatie geverifieerd wordt",
    },
  ],
  de: [
    { link: "Impressum", path: "/de/imprint", heading: "Impressum", section: "Anbieter" },
    {
      link: "Datenschutz",
      path: "/de/privacy-statement",
      heading: "Datenschutzerklärung",
      section: "Cookies",
    },
    {
      link: "Barrierefreiheit",
      path: "/de/accessibility",
      heading: "Erklärung zur Barrierefreiheit",
      section: "Bekannte Einschränkungen",
    },
    {
      link: "Kontakt",
      path: "/de/contact",
      heading: "Kontakt",
      section: "Wie eine Organisation geprüft wird",
    },
  ],
} as const;

for (const [locale, pages] of Object.entries(footerPages)) {
  test(`the footer links the four service pages in ${locale}`, async ({ page }) => {
    for (const { link, path, heading, section } of pages) {
      await page.goto(`/${locale}/browse`);
      const footerNav = page.getByRole("contentinfo").getByRole("navigation");
      await footerNav.getByRole("link", { name: link, exact: true }).click();
      await expect(page).toHaveURL(path);
      await expect(page.getByRole("heading", { level: 1, name: heading, exact: true })).toBeVisible();
      await expect(page.getByRole("heading", { level: 2, name: section, exact: true })).toBeVisible();
      await expect(page).toHaveTitle(`${heading} – Euregio Partners`);
    }
  });
}

test("the imprint and the contact page give the Euregio office's address and e-mail", async ({ page }) => {
  for (const path of ["/de/imprint", "/nl/contact"]) {
    await page.goto(path);
    const address = page.locator("address");
    await expect(address).toContainText("Emmericher Straße 24");
    await expect(address).toContainText("47533 Kleve");
    await expect(page.getByRole("link", { name: "info@euregio.org" }).first()).toHaveAttribute(
      "href",
      "mailto:info@euregio.org",
    );
  }
});

test("the privacy statement names each cookie the site sets and no tracking", async ({ page }) => {
  await page.goto("/en/privacy-statement");
  const cookies = page.getByRole("region", { name: "Cookies" });
  for (const cookie of ["ep_session", "ep_signup", "ep_locale", "ep_notice"])
    await expect(cookies.getByRole("listitem").filter({ hasText: cookie })).toHaveCount(1);
  await expect(page.getByText("There is no tracking, no analytics and no advertising.")).toBeVisible();
  await page
    .getByRole("link", { name: "Download your data or delete your account on your account page" })
    .click();
  // Signed out, the account page sends the reader to sign in first.
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
});

test("the privacy statement opens with its list of sections, each a link to its section", async ({
  page,
}) => {
  await page.goto("/nl/privacy-statement");
  const contents = page.getByRole("navigation", { name: "Op deze pagina" });
  await contents.getByRole("link", { name: "Cookies" }).click();
  await expect(page).toHaveURL(/#section-cookies$/);
  await expect(page.getByRole("heading", { level: 2, name: "Cookies" })).toBeInViewport();
});

test("a service page's path without a language goes to the reader's language", async ({ browser }) => {
  const context = await browser.newContext({ locale: "de-DE" });
  const page = await context.newPage();
  await page.goto("/accessibility");
  await expect(page).toHaveURL("/de/accessibility");
  await expect(page.getByRole("heading", { level: 1, name: "Erklärung zur Barrierefreiheit" })).toBeVisible();
  await context.close();
});
