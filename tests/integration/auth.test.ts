// Accounts against real PostgreSQL: sign-up, verification, sign-in limits, reset, changes, sessions.
import { describe, expect, it } from "vitest";
import {
  changePassword,
  requestEmailChange,
  requestPasswordReset,
  resetPassword,
  signIn,
  signUp,
  verifyEmail,
} from "~/modules/auth/service.server.ts";
import { validateSessionToken } from "~/modules/auth/session.server.ts";
import type { Mail } from "~/modules/mail/templates.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { AppError } from "~/utils/errors.ts";
import { createUser, TEST_PASSWORD, uniqueEmail } from "../factories/index.ts";
import { expectAppError } from "../support/app-error.ts";
import { mailsTo } from "../support/outbox.ts";

const ip = "203.0.113.7";

function linkToken(mail: Mail | undefined): string {
  const match = mail?.text.match(/token=([a-z2-7]+)/);
  if (!match?.[1]) throw new Error(`no link in mail: ${mail?.text}`);
  return match[1];
}

describe("sign-up and e-mail verification", () => {
  it("creates an unverified account and mails a German verification link to a German user", async () => {
    const email = uniqueEmail("de");
    await signUp({ name: "Lena Schmitz", email, password: "Grenzland-2026!", locale: "de" }, ip);
    // The account is made by the account-mail job, which mailsTo runs first.
    const [mail] = await mailsTo(email);
    const user = await prisma.user.findUniqueOrThrow({ where: { email } });
    expect(user.emailVerifiedAt).toBeNull();
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);

    expect(mail?.subject).toBe("Bestätigen Sie Ihre E-Mail-Adresse für Euregio Partners");
    expect(mail?.text).toContain("Hallo Lena Schmitz,");
    expect(mail?.text).toMatch(/http:\/\/localhost:3000\/de\/verify-email\?token=/);
    expect(mail?.html).toContain('lang="de"');

    const token = linkToken(mail);
    await verifyEmail(token);
    expect((await prisma.user.findUniqueOrThrow({ where: { email } })).emailVerifiedAt).not.toBeNull();
    await expectAppError(verifyEmail(token), 400, "auth:verify.invalidToken");
  });

  it("answers a sign-up with a known address the same way, and tells the owner by mail", async () => {
    const existing = await createUser({ locale: "nl" });
    await expect(
      signUp({ name: "Someone", email: existing.email, password: "Another-Password-1", locale: "en" }, ip),
    ).resolves.toBeUndefined();
    expect(await prisma.user.count({ where: { email: existing.email } })).toBe(1);
    const [mail] = await mailsTo(existing.email);
    expect(mail?.subject).toBe("Uw account bij Euregio Partners");
  });

  it.each(["1234567890", "passwort12", "wachtwoord1", "euregio2025"])(
    "refuses the guessable password %s and makes no account",
    async (password) => {
      const email = uniqueEmail();
      await expectAppError(
        signUp({ name: "X", email, password, locale: "en" }, ip),
        400,
        "auth:errors.passwordGuessable",
      );
      expect(await prisma.user.count({ where: { email } })).toBe(0);
    },
  );

  it("refuses a password made of the newcomer's own name or e-mail address", async () => {
    const name = "Henrike Vossenkuhl";
    const error = await expectAppError(
      signUp({ name, email: uniqueEmail("henrike"), password: "Vossenkuhl2026", locale: "de" }, ip),
      400,
    );
    expect(error.fieldErrors).toEqual({ password: "auth:errors.passwordGuessable" });
    // The same password from someone else is not built from their name.
    await expect(
      signUp({ name: "Jan", email: uniqueEmail(), password: "Vossenkuhl2026", locale: "de" }, ip),
    ).resolves.toBeUndefined();
  });

  it("refuses a forged verification token", async () => {
    await expectAppError(verifyEmail("a".repeat(32)), 400, "auth:verify.invalidToken");
  });
});

describe("sign-in", () => {
  it("signs in with the right password and stores only the token's hash", async () => {
    const user = await createUser();
    const { session } = await signIn({ email: user.email, password: TEST_PASSWORD }, ip);
    const rows = await prisma.session.findMany({ where: { userId: user.id } });
    expect(rows).toHaveLength(1);
    expect(rows[0]?.id).not.toBe(session.token);
    expect(rows[0]?.id).toMatch(/^[0-9a-f]{64}$/);
    // The stored value cannot be used as a cookie token.
    expect(await validateSessionToken(rows[0]!.id)).toBeNull();
    expect((await validateSessionToken(session.token))?.auth.user.id).toBe(user.id);
  });

  it("gives the same message for an unknown address and a wrong password", async () => {
    const user = await createUser();
    await expectAppError(
      signIn({ email: user.email, password: "wrong password!" }, ip),
      400,
      "auth:signIn.invalid",
    );
    await expectAppError(
      signIn({ email: uniqueEmail(), password: "wrong password!" }, ip),
      400,
      "auth:signIn.invalid",
    );
  });

  it("refuses further attempts from the same client after repeated wrong passwords, even with the right one, across a restart", async () => {
    const user = await createUser();
    const outcomes: number[] = [];
    for (let attempt = 0; attempt < 10; attempt++) {
      const error = await signIn({ email: user.email, password: `wrong-${attempt}-password` }, ip).catch(
        (e: AppError) => e,
      );
      outcomes.push((error as AppError).status);
    }
    expect(outcomes.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(outcomes.slice(5)).toEqual([429, 429, 429, 429, 429]);

    // A new connection pool, as after a restart: the counter lives in PostgreSQL.
    const { disconnectPrisma } = await import("~/utils/db.server.ts");
    await disconnectPrisma();
    await expectAppError(
      signIn({ email: user.email, password: TEST_PASSWORD }, ip),
      429,
      "common:errors.rateLimitedMinutes",
    );
  });

  it("expires sessions after 30 days and slides the expiry when half is used", async () => {
    const user = await createUser();
    const { session } = await signIn({ email: user.email, password: TEST_PASSWORD }, ip);
    const row = await prisma.session.findFirstOrThrow({ where: { userId: user.id } });
    expect(row.expiresAt.getTime() - Date.now()).toBeGreaterThan(29.9 * 24 * 3600 * 1000);

    await prisma.session.update({
      where: { id: row.id },
      data: { expiresAt: new Date(Date.now() + 5 * 24 * 3600 * 1000) },
    });
    const renewed = await validateSessionToken(session.token);
    expect(renewed?.renewed).toBe(true);
    expect(renewed!.auth.expiresAt.getTime() - Date.now()).toBeGreaterThan(29.9 * 24 * 3600 * 1000);

    await prisma.session.update({ where: { id: row.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await validateSessionToken(session.token)).toBeNull();
    expect(await prisma.session.count({ where: { id: row.id } })).toBe(0);
  });
});

describe("password reset", () => {
  it("mails a single-use link that sets a new password and ends other sessions", async () => {
    const user = await createUser({ locale: "nl" });
    const old = await signIn({ email: user.email, password: TEST_PASSWORD }, ip);
    await requestPasswordReset(user.email, ip);
    const [mail] = await mailsTo(user.email);
    expect(mail?.subject).toBe("Kies een nieuw wachtwoord voor Euregio Partners");
    const token = linkToken(mail);

    const { session } = await resetPassword({ token, password: "een-nieuw-wachtwoord" });
    expect(await validateSessionToken(old.session.token)).toBeNull();
    expect(await validateSessionToken(session.token)).not.toBeNull();
    await expect(signIn({ email: user.email, password: "een-nieuw-wachtwoord" }, ip)).resolves.toBeTruthy();
    await expectAppError(
      resetPassword({ token, password: "nog-een-wachtwoord" }),
      400,
      "auth:reset.invalidToken",
    );
  });

  it("refuses a guessable new password and leaves the link usable", async () => {
    const user = await createUser({ name: "Wouter Brinkhorst" });
    await requestPasswordReset(user.email, ip);
    const token = linkToken((await mailsTo(user.email))[0]);
    for (const password of ["wachtwoord123", "Brinkhorst2026!"]) {
      await expectAppError(resetPassword({ token, password }), 400, "auth:errors.passwordGuessable");
    }
    await expect(resetPassword({ token, password: "een-nieuw-wachtwoord" })).resolves.toBeTruthy();
  });

  it("refuses a link older than one hour", async () => {
    const user = await createUser();
    await requestPasswordReset(user.email, ip);
    const token = linkToken((await mailsTo(user.email))[0]);
    await prisma.emailToken.updateMany({
      where: { userId: user.id },
      data: { expiresAt: new Date(Date.now() - 1) },
    });
    await expectAppError(
      resetPassword({ token, password: "a-fresh-password" }),
      400,
      "auth:reset.invalidToken",
    );
  });

  it("answers the same for an unknown address and sends nothing", async () => {
    const email = uniqueEmail();
    await expect(requestPasswordReset(email, ip)).resolves.toBeUndefined();
    expect(await mailsTo(email)).toHaveLength(0);
  });
});

describe("changing password and e-mail", () => {
  it("rotates every session when the password changes", async () => {
    const user = await createUser();
    const a = await signIn({ email: user.email, password: TEST_PASSWORD }, ip);
    const b = await signIn({ email: user.email, password: TEST_PASSWORD }, ip);
    await expectAppError(
      changePassword(user.id, { currentPassword: "not-the-password", password: "a-brand-new-password" }),
      400,
      "auth:account.wrongPassword",
    );
    const fresh = await changePassword(user.id, {
      currentPassword: TEST_PASSWORD,
      password: "a-brand-new-password",
    });
    expect(await validateSessionToken(a.session.token)).toBeNull();
    expect(await validateSessionToken(b.session.token)).toBeNull();
    expect(await validateSessionToken(fresh.token)).not.toBeNull();
  });

  it("refuses a guessable new password and keeps the old one", async () => {
    const user = await createUser();
    await expectAppError(
      changePassword(user.id, { currentPassword: TEST_PASSWORD, password: "Passwort123!" }),
      400,
      "auth:errors.passwordGuessable",
    );
    await expect(signIn({ email: user.email, password: TEST_PASSWORD }, ip)).resolves.toBeTruthy();
  });

  it("changes the e-mail address only after the new address is confirmed", async () => {
    const user = await createUser({ locale: "de" });
    const next = uniqueEmail("new");
    await requestEmailChange(user.id, { email: next, currentPassword: TEST_PASSWORD });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(user.email);
    const [mail] = await mailsTo(next);
    expect(mail?.subject).toBe("Bestätigen Sie Ihre neue E-Mail-Adresse für Euregio Partners");
    await verifyEmail(linkToken(mail));
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).email).toBe(next);
  });

  it("does not reveal that the new address belongs to someone else", async () => {
    const user = await createUser();
    const other = await createUser();
    await expect(
      requestEmailChange(user.id, { email: other.email, currentPassword: TEST_PASSWORD }),
    ).resolves.toBeUndefined();
    expect(await mailsTo(other.email)).toHaveLength(0);
  });
});
