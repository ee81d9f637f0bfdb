// Bad input on every form gets a translated message and a 4xx, never a 5xx; sign-in is rate limited,
// and the limit holds across a restart.
import { uniqueEmail } from "../factories/index.ts";
import { startAppServer } from "./support/app-server.ts";
import { expect, query, signInAs, test } from "./support/fixtures.ts";

type Case = { name: string; path: string; form: Record<string, string>; expect: RegExp };

const long = "x".repeat(300);

const cases: Case[] = [
  { name: "sign-up, empty", path: "/de/signup", form: {}, expect: /Bitte füllen Sie dieses Feld aus/ },
  {
    name: "sign-up, too long",
    path: "/de/signup",
    form: { name: long, email: `${long}@example.org`, password: "y".repeat(201), locale: "de" },
    expect: /zu lang \(höchstens 100 Zeichen\)/,
  },
  {
    name: "sign-up, wrong types",
    path: "/nl/signup",
    form: { name: "Piet", email: "geen-adres", password: "kort", locale: "klingon" },
    expect: /Vul een geldig e-mailadres in/,
  },
  {
    name: "sign-up, common password",
    path: "/de/signup",
    form: { name: "Piet", email: uniqueEmail(), password: "1234567890", locale: "de" },
    expect: /Dieses Passwort ist zu leicht zu erraten/,
  },
  { name: "sign-in, empty", path: "/nl/signin", form: {}, expect: /Vul dit veld in/ },
  {
    name: "forgot, bad address",
    path: "/de/forgot-password",
    form: { email: "@@" },
    expect: /gültige E-Mail-Adresse/,
  },
  {
    name: "reset, forged token",
    path: "/de/reset-password",
    form: { token: "forgedforgedforgedforgedforgedfo", password: "ein-gutes-passwort" },
    expect: /Dieser Link ist ungültig oder abgelaufen/,
  },
  { name: "reset, empty", path: "/nl/reset-password", form: {}, expect: /ongeldig of verlopen/ },
];

for (const item of cases) {
  test(`bad input: ${item.name} → 400 with a translated message`, async ({ request }) => {
    const response = await request.post(item.path, { form: item.form, maxRedirects: 0 });
    expect(response.status()).toBe(400);
    expect(await response.text()).toMatch(item.expect);
  });
}

test("bad input: a file where text belongs is refused with 400", async ({ request }) => {
  const response = await request.post("/de/signup", {
    multipart: {
      name: { name: "name.txt", mimeType: "text/plain", buffer: Buffer.from("Piet") },
      email: "piet@example.org",
      password: "ein-gutes-passwort",
      locale: "de",
    },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(400);
  expect(await response.text()).toMatch(/Bitte korrigieren Sie die markierten Felder/);
});

test("bad input: unknown locale, forged and expired links", async ({ request, page, factories }) => {
  test.setTimeout(150_000);
  expect((await request.post("/xx/signup", { form: { name: "a" }, maxRedirects: 0 })).status()).toBe(404);
  expect((await request.get("/de/verify-email?token=forged", { maxRedirects: 0 })).status()).toBe(400);
  expect((await request.get(`/de/verify-email?token=${"a".repeat(500)}`)).status()).toBe(400);

  const user = await factories.createUser({ locale: "de" });
  await page.goto("/de/forgot-password");
  await page.getByLabel("E-Mail-Adresse").fill(user.email);
  await page.getByRole("button", { name: "Link senden" }).click();
  await expect(page.getByRole("status")).toBeVisible();
  // The link expires once the mail is in: expiring the token as soon as it was stored raced with a
  // send that failed and was retried with a new token (the mail then never came within the wait).
  const { waitForMail, linkIn } = await import("./support/mailbox.ts");
  const link = linkIn(await waitForMail(user.email, 1, 90_000));
  await query("UPDATE email_tokens SET expires_at = now() - interval '1 minute' WHERE user_id = $1", [
    user.id,
  ]);
  const response = await page.goto(link);
  expect(response?.status()).toBe(400);
  await expect(page.getByRole("alert")).toHaveText(
    "Dieser Link ist ungültig oder abgelaufen. Bitte fordern Sie einen neuen an.",
  );
});

test("bad input on the account forms keeps what was saved", async ({ page, factories }) => {
  const user = await factories.createUser({ locale: "nl", name: "Joost" });
  await signInAs(page, user);
  await page.goto("/nl/account");
  await page.locator("#profile-name").fill("");
  await page.getByRole("button", { name: "Profiel opslaan" }).click();
  await expect(page.locator("#profile-name-error")).toHaveText("Vul dit veld in.");
  await expect(page.locator("#profile-name")).toHaveAttribute("aria-invalid", "true");
  expect((await query<{ name: string }>("SELECT name FROM users WHERE id = $1", [user.id]))[0]?.name).toBe(
    "Joost",
  );

  await page.locator("#password-current").fill("niet-het-wachtwoord");
  await page.locator("#password-new").fill("een-ander-wachtwoord");
  await page.getByRole("button", { name: "Wachtwoord wijzigen" }).click();
  await expect(page.locator("#password-current-error")).toHaveText("Het huidige wachtwoord klopt niet.");

  // A body without one of the page's intents is a 400 with the translated message, above the forms.
  const response = await page.request.post("/nl/account", { form: { intent: "unknown" } });
  expect(response.status()).toBe(400);
  expect(await response.text()).toContain("Ga terug en probeer het opnieuw.");
});

test("ten wrong passwords in a row are refused with a rate-limit message, also after a restart", async ({
  request,
  factories,
}) => {
  const user = await factories.createUser({ locale: "de" });
  const bodies: string[] = [];
  let retryAfter: string | undefined;
  for (let attempt = 1; attempt <= 10; attempt++) {
    const response = await request.post("/de/signin", {
      form: { email: user.email, password: `falsch-${attempt}-passwort` },
      maxRedirects: 0,
    });
    expect([400, 429]).toContain(response.status());
    bodies.push(await response.text());
    retryAfter = response.headers()["retry-after"];
  }
  expect(bodies[0]).toContain("E-Mail-Adresse oder Passwort ist nicht korrekt.");
  expect(bodies[9]).toMatch(/Zu viele Versuche\. Bitte versuchen Sie es in \d+ Minuten erneut\./);
  expect(Number(retryAfter)).toBeGreaterThan(0);

  // A freshly started instance on the same database still refuses, even the right password.
  const restarted = await startAppServer({
    port: Number(process.env.E2E_PORT) + 1,
    databaseUrl: process.env.E2E_DATABASE_URL!,
  });
  try {
    const response = await request.post(`${restarted.url}/de/signin`, {
      form: { email: user.email, password: user.password },
      headers: { Origin: restarted.url },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(429);
    expect(await response.text()).toContain("Zu viele Versuche.");
  } finally {
    await restarted.stop();
  }
});
