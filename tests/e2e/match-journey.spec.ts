// The double opt-in in two browsers: a Dutch school (in Dutch) and a German school (in German),
// each signed in in its own context, express interest in each other and become connected; contact
// details are in neither page's HTML before that, and in both after; axe finds nothing.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, signInAs, test } from "./support/fixtures.ts";
import { crossBorderSchools } from "./support/schools.ts";

async function noAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
}

test("a Dutch and a German school connect: interest, answer, contact details", async ({
  browser,
  factories,
}) => {
  const { teacher, lehrer, dutch, german } = await crossBorderSchools(factories);

  const dutchContext = await browser.newContext();
  const germanContext = await browser.newContext();
  const nl = await dutchContext.newPage();
  const de = await germanContext.newPage();
  await signInAs(nl, teacher);
  await signInAs(de, lehrer);

  // The Dutch teacher finds the German school's profile and says "we are interested".
  await nl.goto(`/nl/organisations/${german.slug}`);
  const fit = nl.getByRole("region", { name: `Hoe goed dit past bij ${dutch.name}` });
  await fit.getByText(`Wij hebben interesse in ${german.name}`).click();
  await fit
    .getByLabel("Een kort bericht aan hen (niet verplicht)")
    .fill("Zullen we in mei een uitwisseling plannen?");
  await fit.getByRole("button", { name: "Onze interesse sturen" }).click();
  await expect(nl).toHaveURL(/\/nl\/matches\/[0-9a-f-]{36}$/);
  await expect(nl.getByRole("status").filter({ hasText: "Uw interesse is verstuurd." })).toBeVisible();
  await expect(nl.getByText("Fase: Interesse getoond")).toBeVisible();
  expect(await nl.content()).not.toContain(lehrer.email);
  expect(await nl.content()).not.toContain("Lippestraße 8");
  await noAxeViolations(nl);

  // The German teacher sees it waiting for an answer, reads the message, and answers.
  await de.goto("/de/matches");
  const waiting = de.getByRole("list", { name: "Wartet auf Ihre Antwort" });
  await waiting.getByRole("link", { name: `${dutch.name}, mit ${german.name}` }).click();
  await expect(de.getByRole("heading", { level: 1, name: `Match mit ${dutch.name}` })).toBeVisible();
  await expect(de.getByText("Zullen we in mei een uitwisseling plannen?")).toBeVisible();
  expect(await de.content()).not.toContain(teacher.email);
  await noAxeViolations(de);
  await de.getByRole("button", { name: "Wir haben auch Interesse" }).click();
  await expect(de.getByRole("status").filter({ hasText: "Sie sind verbunden" })).toBeVisible();
  await expect(de.getByRole("link", { name: teacher.email })).toBeVisible();
  await expect(de.getByText("Veldstraat 3, Wijchen")).toBeVisible();
  await noAxeViolations(de);

  // The Dutch side sees the German contact person and address, and what happened when.
  await nl.reload();
  await expect(nl.getByText("Fase: Verbonden")).toBeVisible();
  await expect(nl.getByRole("link", { name: lehrer.email })).toBeVisible();
  await expect(nl.getByText("Lippestraße 8, Wesel")).toBeVisible();
  await expect(nl.getByRole("list").filter({ hasText: "Stefan Krüger" })).toContainText(
    "wij hebben ook interesse",
  );
  await nl.goto("/nl/matches");
  await expect(nl.getByRole("list", { name: "Verbonden" })).toContainText(german.name);
  await noAxeViolations(nl);

  await dutchContext.close();
  await germanContext.close();
});

test("without JavaScript, interest and answer work as plain forms", async ({ browser, factories }) => {
  const { teacher, lehrer, dutch, german } = await crossBorderSchools(factories, {
    dutch: "Montessori Lyceum Wijchen",
    german: "Gymnasium an der Lippe",
  });
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signInAs(page, teacher);
  await page.goto(`/nl/organisations/${german.slug}`);
  await page.getByText(`Wij hebben interesse in ${german.name}`).click();
  await page.getByRole("button", { name: "Onze interesse sturen" }).click();
  await expect(page.getByText("Fase: Interesse getoond")).toBeVisible();
  // The profile now links the open match instead of offering a second interest.
  await page.goto(`/nl/organisations/${german.slug}`);
  await expect(page.getByRole("link", { name: /Uw organisaties hebben een match/ })).toBeVisible();
  await context.clearCookies();
  await signInAs(page, lehrer);
  await page.goto(`/de/organisations/${dutch.slug}`);
  await page
    .getByRole("link", { name: `${dutch.name} hat Interesse an Ihrer Organisation: antworten` })
    .click();
  await page.getByRole("button", { name: "Nein, danke" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Sie haben abgelehnt." })).toBeVisible();
  await expect(page.getByText("Phase: Abgelehnt")).toBeVisible();
  await context.close();
});

test("staff recommend a pair: find the organisation, recommend a partner, both see it first", async ({
  page,
  browser,
  factories,
}) => {
  const staff = await factories.createUser({ locale: "de", role: "staff" });
  const teacher = await factories.createUser({ locale: "nl" });
  const dutch = await factories.createOrganisation({
    municipalityCode: "GM0296",
    kind: "historical_society",
    name: `Historische Kring Wijchen ${Date.now()}`,
    ownerId: teacher.id,
  });
  const german = await factories.createOrganisation({
    municipalityCode: "05154040",
    at: [5.99, 51.79],
    kind: "historical_society",
    name: "Heimatverein Kranenburg-Grenzland",
  });
  await signInAs(page, staff);
  await page.goto("/de/staff/matches");
  await page.getByRole("searchbox", { name: "Name der Organisation" }).fill(dutch.name);
  await page.getByRole("button", { name: "Suchen" }).click();
  await page
    .getByRole("list", { name: "Gefundene Organisationen" })
    .getByRole("link", { name: dutch.name })
    .click();
  const suggestions = page.getByRole("region", { name: `Beste Partner für ${dutch.name}` });
  const card = suggestions
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { name: german.name }) });
  await noAxeViolations(page);
  await card.getByText(`${german.name} empfehlen`).click();
  await card.getByLabel("Hinweis auf Niederländisch").fill("Twee verenigingen aan weerszijden van de grens.");
  // Without the German note, the form says so and keeps the Dutch one.
  await card.getByLabel("Hinweis auf Deutsch").fill(" ");
  await card.getByRole("button", { name: "Beiden Organisationen empfehlen" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  const again = page
    .getByRole("region", { name: `Beste Partner für ${dutch.name}` })
    .getByRole("listitem")
    .filter({ has: page.getByRole("heading", { name: german.name }) });
  await expect(again.getByLabel("Hinweis auf Niederländisch")).toHaveValue(
    "Twee verenigingen aan weerszijden van de grens.",
  );
  await again.getByLabel("Hinweis auf Deutsch").fill("Zwei Vereine auf beiden Seiten der Grenze.");
  await again.getByRole("button", { name: "Beiden Organisationen empfehlen" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Das Match ist empfohlen" })).toBeVisible();
  await expect(
    page.getByRole("heading", { level: 1, name: `Match zwischen ${dutch.name} und ${german.name}` }),
  ).toBeVisible();
  await noAxeViolations(page);

  const context = await browser.newContext();
  const member = await context.newPage();
  await signInAs(member, teacher);
  await member.goto("/nl/matches");
  const recommended = member.getByRole("list", { name: "Aanbevolen door de Euregio" });
  await expect(recommended).toContainText(german.name);
  await expect(recommended).toContainText("Twee verenigingen aan weerszijden van de grens.");
  await context.close();
});
