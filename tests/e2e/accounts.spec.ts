// The account journey, in German and in Dutch: sign up, receive the mail in that language, verify,
// sign out and in again, reset the password.
import { linkIn, waitForMail } from "./support/mailbox.ts";
import { expect, test } from "./support/fixtures.ts";

const journeys = {
  de: {
    signUp: "Konto erstellen",
    name: "Ihr Name",
    email: "E-Mail-Adresse",
    password: "Passwort",
    guessablePassword: "Passwort123!",
    guessable: /Dieses Passwort ist zu leicht zu erraten/,
    language: "Bevorzugte Sprache",
    sent: /Fast geschafft! Wir haben eine E-Mail an .* geschickt/,
    verifySubject: "Bestätigen Sie Ihre E-Mail-Adresse für Euregio Partners",
    greeting: "Hallo Lena Schmitz,",
    verified: /Ihre E-Mail-Adresse .* ist bestätigt und Sie sind angemeldet/,
    registerOrganisation: "Ihre Organisation anmelden",
    organisationForm: "Organisation anmelden",
    account: "Mein Konto",
    signOut: "Abmelden",
    signIn: "Anmelden",
    forgot: "Passwort vergessen?",
    sendLink: "Link senden",
    resetSent: /haben wir einen Link dorthin geschickt/,
    resetSubject: "Neues Passwort für Euregio Partners wählen",
    newPassword: "Neues Passwort",
    save: "Neues Passwort speichern",
    resetDone: "Ihr Passwort wurde geändert und Sie sind angemeldet.",
    invalidLink: "Dieser Link ist ungültig oder abgelaufen. Bitte fordern Sie einen neuen an.",
  },
  nl: {
    signUp: "Account aanmaken",
    name: "Uw naam",
    email: "E-mailadres",
    password: "Wachtwoord",
    guessablePassword: "wachtwoord1",
    guessable: /Dit wachtwoord is te makkelijk te raden/,
    language: "Voorkeurstaal",
    sent: /Bijna klaar! We hebben een e-mail gestuurd naar/,
    verifySubject: "Bevestig uw e-mailadres voor Euregio Partners",
    greeting: "Beste Lena Schmitz,",
    verified: /Uw e-mailadres .* is bevestigd en u bent ingelogd/,
    registerOrganisation: "Uw organisatie aanmelden",
    organisationForm: "Organisatie aanmelden",
    account: "Mijn account",
    signOut: "Uitloggen",
    signIn: "Inloggen",
    forgot: "Wachtwoord vergeten?",
    sendLink: "Link versturen",
    resetSent: /hebben we daar een link naartoe gestuurd/,
    resetSubject: "Kies een nieuw wachtwoord voor Euregio Partners",
    newPassword: "Nieuw wachtwoord",
    save: "Nieuw wachtwoord opslaan",
    resetDone: "Uw wachtwoord is gewijzigd en u bent ingelogd.",
    invalidLink: "Deze link is ongeldig of verlopen. Vraag een nieuwe aan.",
  },
} as const;

for (const [locale, words] of Object.entries(journeys)) {
  test(`a new user signs up, verifies, signs out and in, and resets the password (${locale})`, async ({
    page,
    factories,
  }) => {
    const email = factories.uniqueEmail(locale);
    await page.goto(`/${locale}/`);
    await page.getByRole("navigation").getByRole("link", { name: words.signUp }).click();
    await expect(page).toHaveURL(`/${locale}/signup`);
    await page.getByLabel(words.name).fill("Lena Schmitz");
    await page.getByLabel(words.email).fill(email);
    const password = page.getByLabel(words.password, { exact: true });
    // A common password in the reader's language is refused, with the reason at the field.
    await password.fill(words.guessablePassword);
    await page.getByRole("button", { name: words.signUp }).click();
    await expect(password).toHaveAccessibleDescription(words.guessable);
    await expect(page.getByRole("status")).toHaveCount(0);
    await password.fill("Grenzland-Partner-2026");
    await expect(page.getByLabel(words.language)).toHaveValue(locale);
    await page.getByRole("button", { name: words.signUp }).click();
    await expect(page.getByRole("status")).toContainText(words.sent);

    const verification = await waitForMail(email);
    expect(verification.subject).toBe(words.verifySubject);
    expect(verification.text).toContain(words.greeting);
    await page.goto(linkIn(verification));
    await expect(page.getByRole("status")).toContainText(words.verified);
    // Opened in the browser that signed up, the link signs in and leads on to the organisation form.
    await page.getByRole("link", { name: words.registerOrganisation }).click();
    await expect(page.getByRole("heading", { level: 1, name: words.organisationForm })).toBeVisible();
    await page.getByRole("navigation").getByRole("button", { name: words.signOut }).click();

    // Sign in, then out.
    await page.getByRole("navigation").getByRole("link", { name: words.signIn }).click();
    await expect(page).toHaveURL(`/${locale}/signin`);
    await page.getByLabel(words.email, { exact: true }).fill(email);
    await page.getByLabel(words.password).fill("Grenzland-Partner-2026");
    await page.getByRole("button", { name: words.signIn }).click();
    await expect(page.getByRole("heading", { level: 1, name: words.account })).toBeVisible();
    await page.getByRole("navigation").getByRole("button", { name: words.signOut }).click();
    await expect(page.getByRole("navigation").getByRole("link", { name: words.signIn })).toBeVisible();

    // Forgotten password: the link signs the user in with the new password, once.
    await page.goto(`/${locale}/signin`);
    await page.getByRole("link", { name: words.forgot }).click();
    await expect(page).toHaveURL(`/${locale}/forgot-password`);
    await page.getByLabel(words.email, { exact: true }).fill(email);
    await page.getByRole("button", { name: words.sendLink }).click();
    await expect(page.getByRole("status")).toContainText(words.resetSent);
    const reset = await waitForMail(email, 2);
    expect(reset.subject).toBe(words.resetSubject);
    const resetLink = linkIn(reset);
    await page.goto(resetLink);
    await page.getByLabel(words.newPassword, { exact: true }).fill("Nieuw-Neues-Passwort-1");
    await page.getByRole("button", { name: words.save }).click();
    await expect(page.getByRole("status")).toHaveText(words.resetDone);
    await expect(page.getByRole("heading", { level: 1, name: words.account })).toBeVisible();

    const reused = await page.goto(resetLink);
    expect(reused?.status()).toBe(400);
    await expect(page.getByRole("alert")).toHaveText(words.invalidLink);

    // The old password no longer works; the new one does. (Signed out first: going to sign-in
    // before the sign-out has answered would find the user still signed in.)
    await page.getByRole("navigation").getByRole("button", { name: words.signOut }).click();
    await expect(page.getByRole("navigation").getByRole("link", { name: words.signIn })).toBeVisible();
    await page.goto(`/${locale}/signin`);
    await page.getByLabel(words.email).fill(email);
    await page.getByLabel(words.password).fill("Nieuw-Neues-Passwort-1");
    await page.getByRole("button", { name: words.signIn }).click();
    await expect(page.getByRole("heading", { level: 1, name: words.account })).toBeVisible();
  });
}
