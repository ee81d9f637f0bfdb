// Messages in two browsers: a Dutch member (in Dutch) and a German member (in German) of a
// connected pair open their conversation from the match, write and answer with reloads, see the
// unread count in the header, and axe finds nothing on the inbox and thread pages. Hostile text
// (a script tag, a javascript: link, an onerror attribute, an SVG) is shown as text, never run.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, query, signInAs, test, type TestFactories } from "./support/fixtures.ts";

async function noAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((violation) => `${violation.id}: ${violation.help}`)).toEqual([]);
}

async function connectedPair(factories: TestFactories) {
  const teacher = await factories.createUser({ locale: "nl", name: "Lotte Bakker" });
  const lehrer = await factories.createUser({ locale: "de", name: "Stefan Krüger" });
  const dutch = await factories.createOrganisation({
    municipalityCode: "GM0296",
    kind: "school",
    name: "Maaswaal College Wijchen",
    ownerId: teacher.id,
  });
  const german = await factories.createOrganisation({
    municipalityCode: "05154036",
    kind: "school",
    name: "Realschule am Klever Berg",
    ownerId: lehrer.id,
  });
  const [match] = await query<{ id: string }>(
    `INSERT INTO matches (id, from_organisation_id, to_organisation_id, status, score, connected_at, updated_at)
     VALUES (gen_random_uuid(), $1, $2, 'connected', 80, now(), now()) RETURNING id`,
    [dutch.id, german.id],
  );
  return { teacher, lehrer, dutch, german, matchId: match!.id };
}

test("a Dutch and a German member exchange messages, with the unread count in the header", async ({
  browser,
  factories,
}) => {
  const { teacher, lehrer, dutch, german, matchId } = await connectedPair(factories);
  const dutchContext = await browser.newContext();
  const germanContext = await browser.newContext();
  const nl = await dutchContext.newPage();
  const de = await germanContext.newPage();
  await signInAs(nl, teacher);
  await signInAs(de, lehrer);

  await nl.goto(`/nl/matches/${matchId}`);
  await nl.getByRole("link", { name: "Berichten", exact: true }).click();
  await expect(nl).toHaveURL(/\/nl\/messages\/[0-9a-f-]{36}$/);
  await expect(nl.getByRole("heading", { level: 1, name: `Gesprek met ${german.name}` })).toBeVisible();
  await noAxeViolations(nl);
  await nl
    .getByRole("textbox", { name: "Uw bericht" })
    .fill("Beste collega's,\nzullen we in mei een uitwisseling plannen?");
  await nl.getByRole("button", { name: "Versturen" }).click();
  await expect(nl.getByText("zullen we in mei een uitwisseling plannen?")).toBeVisible();
  await expect(nl.getByRole("textbox", { name: "Uw bericht" })).toHaveValue("");
  await expect(nl.getByText(`Lotte Bakker voor ${dutch.name}`)).toBeVisible();

  // The Dutch teacher leaves the thread (an open thread page shows, and so reads, what arrives).
  await nl.goto("/nl/");
  await de.goto("/de/messages");
  await expect(de.getByRole("link", { name: "Nachrichten, 1 ungelesen" })).toBeVisible();
  const thread = de.getByRole("link", { name: new RegExp(`^${dutch.name}, mit ${german.name}`) });
  await expect(thread).toContainText(dutch.name);
  await noAxeViolations(de);
  await thread.click();
  await expect(de.getByText("zullen we in mei een uitwisseling plannen?")).toBeVisible();
  await expect(de.getByText("Niederländisch", { exact: false }).first()).toBeVisible();
  const translate = de.getByRole("link", { name: /Übersetzen/ });
  await expect(translate).toHaveAttribute("href", /^https:\/\/translate\.google\.com\/\?.*tl=de/);
  await expect(translate).toHaveAttribute("rel", "noopener noreferrer");
  await expect(de.getByRole("link", { name: "Nachrichten, keine ungelesen" })).toBeVisible();
  await noAxeViolations(de);
  await de
    .getByRole("textbox", { name: "Ihre Nachricht" })
    .fill("Gern! Der 23. Mai passt uns gut. Programm: https://www.kleve.de");
  await de.getByRole("button", { name: "Senden" }).click();
  await expect(de.getByText("Der 23. Mai passt uns gut.")).toBeVisible();
  await expect(de.getByRole("link", { name: "https://www.kleve.de" })).toHaveAttribute(
    "href",
    "https://www.kleve.de",
  );

  // The answer raises the Dutch teacher's count without a reload (the event stream).
  await expect(nl.getByRole("link", { name: "Berichten, 1 ongelezen" })).toBeVisible();
  await nl.goto("/nl/messages");
  await expect(nl.getByRole("link", { name: "Berichten, 1 ongelezen" })).toBeVisible();
  await nl.getByRole("link", { name: new RegExp(`^${german.name}, met ${dutch.name}`) }).click();
  await expect(nl.getByText("Der 23. Mai passt uns gut.")).toBeVisible();
  await expect(nl.getByText(`Stefan Krüger voor ${german.name}`)).toBeVisible();
  await nl.getByRole("textbox", { name: "Uw bericht" }).fill("Top, tot dan!");
  await nl.getByRole("button", { name: "Versturen" }).click();
  await expect(nl.getByText("Top, tot dan!")).toBeVisible();

  await de.reload();
  await expect(de.getByText("Top, tot dan!")).toBeVisible();
  await dutchContext.close();
  await germanContext.close();
});

test("without JavaScript the thread is a plain form; a failed send keeps the text", async ({
  browser,
  factories,
}) => {
  const { teacher, matchId } = await connectedPair(factories);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await signInAs(page, teacher);
  await page.goto(`/nl/messages?match=${matchId}`);
  await page.getByRole("textbox", { name: "Uw bericht" }).fill("Zonder JavaScript werkt het ook.");
  await page.getByRole("button", { name: "Versturen" }).click();
  await expect(page.getByText("Zonder JavaScript werkt het ook.")).toBeVisible();
  // A message of only spaces is refused with a translated error; what was typed stays.
  await page.getByRole("textbox", { name: "Uw bericht" }).fill("   ");
  await page.getByRole("button", { name: "Versturen" }).click();
  await expect(page.getByRole("alert")).toContainText("Schrijf eerst een bericht.");
  await context.close();
});

test("hostile text is shown as text and never runs", async ({ browser, factories }) => {
  const { teacher, lehrer, matchId } = await connectedPair(factories);
  const payloads = [
    "<script>window.__xss = 1</script>",
    "javascript:window.__xss=2",
    '<img src=x onerror="window.__xss = 3">',
    '<svg xmlns="http://www.w3.org/2000/svg" onload="window.__xss = 4"><script>window.__xss = 5</script></svg>',
  ];
  const writerContext = await browser.newContext();
  const writer = await writerContext.newPage();
  await signInAs(writer, teacher);
  await writer.goto(`/nl/messages?match=${matchId}`);
  for (const payload of payloads) {
    await writer.getByRole("textbox", { name: "Uw bericht" }).fill(payload);
    await writer.getByRole("button", { name: "Versturen" }).click();
    await expect(writer.locator(".message-body").last()).toHaveText(payload);
  }
  const readerContext = await browser.newContext();
  const reader = await readerContext.newPage();
  const dialogs: string[] = [];
  reader.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await signInAs(reader, lehrer);
  await reader.goto("/de/messages");
  await reader.getByRole("link", { name: /Maaswaal College Wijchen/ }).click();
  for (const payload of payloads) await expect(reader.getByText(payload, { exact: true })).toBeVisible();
  const bodies = reader.locator(".message-body");
  await expect(bodies.locator("script, img, svg")).toHaveCount(0);
  await expect(reader.locator('a[href^="javascript"]')).toHaveCount(0);
  expect(await reader.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  expect(dialogs).toEqual([]);
  await writerContext.close();
  await readerContext.close();
});
