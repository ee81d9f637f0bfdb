// Accounts: sign-up, e-mail verification, sign-in with rate limits, password reset and change,
// e-mail change. Neither messages nor answer times reveal whether an address is registered.
import type { Locale } from "~/modules/i18n/config.ts";
import { localePath } from "~/modules/i18n/config.ts";
import { enqueueMail } from "~/modules/mail/queue.server.ts";
import { renderMail, type MailKind } from "~/modules/mail/templates.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { AppError } from "~/utils/errors.ts";
import {
  enqueueAccountMail,
  openAccountMailJob,
  type AccountMailJob,
  type SealedAccountMailJob,
} from "./account-mail.server.ts";
import { isGuessablePassword } from "./password-strength.server.ts";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "./password.server.ts";
import { consume, enforce, reset, resetAllFor, rules } from "./rate-limit.server.ts";
import { createSession, invalidateUserSessions } from "./session.server.ts";
import { generateToken, hashToken } from "./tokens.ts";

const HOUR = 60 * 60 * 1000;
const VERIFY_TOKEN_LIFETIME = 48 * HOUR;
const RESET_TOKEN_LIFETIME = 1 * HOUR;

/** Refuses a new password that is easy to guess, also from its owner's name and e-mail address. */
function assertStrongPassword(password: string, owner: { name: string; email: string }) {
  if (isGuessablePassword(password, [owner.name, owner.email])) {
    throw new AppError(400, "common:validation.formHasErrors", { password: "auth:errors.passwordGuessable" });
  }
}

async function sendLinkMail(
  kind: MailKind,
  user: { name: string; locale: Locale },
  to: string,
  path: string,
) {
  const link = `${getEnv().APP_URL}${localePath(user.locale, path)}`;
  await enqueueMail(renderMail(kind, { to, name: user.name, locale: user.locale, link }));
}

async function issueEmailToken(
  userId: string,
  purpose: "verify_email" | "reset_password",
  email: string,
  browserHash: string | null = null,
): Promise<string> {
  const token = generateToken();
  const lifetime = purpose === "verify_email" ? VERIFY_TOKEN_LIFETIME : RESET_TOKEN_LIFETIME;
  await prisma.$transaction([
    // A new link replaces the older ones of the same purpose.
    prisma.emailToken.deleteMany({ where: { userId, purpose, usedAt: null } }),
    prisma.emailToken.create({
      data: {
        id: hashToken(token),
        userId,
        purpose,
        email,
        browserHash,
        expiresAt: new Date(Date.now() + lifetime),
      },
    }),
  ]);
  return token;
}

/** Marks a link token used, exactly once; null when unknown, expired or already used. */
async function consumeEmailToken(token: string, purpose: "verify_email" | "reset_password") {
  const id = hashToken(token);
  const { count } = await prisma.emailToken.updateMany({
    where: { id, purpose, usedAt: null, expiresAt: { gt: new Date() } },
    data: { usedAt: new Date() },
  });
  if (count !== 1) return null;
  return prisma.emailToken.findUnique({ where: { id } });
}

/**
 * Takes a sign-up: checks and hashes the password and leaves the rest to the account-mail job, so
 * a known address costs the request exactly what a new one does. `browserToken` is the random
 * value the sign-up page leaves in this browser's cookie: the verification link signs in there.
 */
export async function signUp(
  input: { name: string; email: string; password: string; locale: Locale },
  clientIp: string,
  browserToken: string | null = null,
) {
  await enforce(rules.signUpPerIp, clientIp);
  assertStrongPassword(input.password, input);
  const passwordHash = await hashPassword(input.password);
  const { name, email, locale } = input;
  const browserHash = browserToken ? hashToken(browserToken) : null;
  await enqueueAccountMail({ kind: "signUp", name, email, locale, passwordHash, browserHash });
}

/** The account-mail job: finishes a sign-up or a reset request taken by signUp or requestPasswordReset. */
export async function runAccountMailJob(sealed: SealedAccountMailJob): Promise<void> {
  const job = openAccountMailJob(sealed);
  if (job.kind === "signUp") await completeSignUp(job);
  else await sendPasswordReset(job.email);
}

async function completeSignUp(job: Extract<AccountMailJob, { kind: "signUp" }>) {
  const existing = await prisma.user.findUnique({ where: { email: job.email } });
  // The salted hash is this job's own, so a match is this job run again after it made the user.
  const madeByThisJob = existing?.passwordHash === job.passwordHash && !existing.emailVerifiedAt;
  if (existing && !madeByThisJob) {
    // Same answer as for a new address; the owner is told by mail instead.
    if (await consume(rules.mailPerUser, existing.id)) {
      await sendLinkMail("alreadyRegistered", existing, existing.email, "/signin");
    }
    return;
  }
  // Two jobs for one new address at once: the second fails on the unique address, and its retry
  // finds the account and sends the "already registered" mail.
  const user =
    existing ??
    (await prisma.user.create({
      data: { name: job.name, email: job.email, locale: job.locale, passwordHash: job.passwordHash },
    }));
  const token = await issueEmailToken(user.id, "verify_email", user.email, job.browserHash ?? null);
  await sendLinkMail("verify", user, user.email, `/verify-email?token=${token}`);
}

export async function resendVerification(userId: string) {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId } });
  if (user.emailVerifiedAt) return;
  await enforce(rules.mailPerUser, user.id);
  const token = await issueEmailToken(user.id, "verify_email", user.email);
  await sendLinkMail("verify", user, user.email, `/verify-email?token=${token}`);
}

/**
 * Confirms the address a verification (or e-mail change) link was sent to. Opened in the browser
 * that signed up (its cookie matches the link's), it also signs the newcomer in; anywhere else the
 * link proves only the address, so the page asks for the password.
 */
export async function verifyEmail(
  token: string,
  browserToken: string | null = null,
): Promise<{ email: string; userId: string; session: { token: string; expiresAt: Date } | null }> {
  const used = await consumeEmailToken(token, "verify_email");
  if (!used) throw new AppError(400, "auth:verify.invalidToken");
  const taken = await prisma.user.findFirst({ where: { email: used.email, id: { not: used.userId } } });
  if (taken) throw new AppError(409, "auth:errors.emailTaken");
  await prisma.user.update({
    where: { id: used.userId },
    data: { email: used.email, emailVerifiedAt: new Date() },
  });
  const sameBrowser = !!used.browserHash && !!browserToken && hashToken(browserToken) === used.browserHash;
  return {
    email: used.email,
    userId: used.userId,
    session: sameBrowser ? await createSession(used.userId) : null,
  };
}

export async function signIn(input: { email: string; password: string }, clientIp: string) {
  // Every attempt is counted before the password is checked, each by one statement that also reads
  // the count, so parallel guesses get no more checks than the limit. The strict limit is per
  // address and client: a stranger's guesses use up only the stranger's attempts.
  await enforce(rules.signInPerIp, clientIp);
  await enforce(rules.signInPerAccountClient, input.email, clientIp);
  await enforce(rules.signInPerAccount, input.email);

  const user = await prisma.user.findUnique({ where: { email: input.email } });
  const valid = user ? await verifyPassword(user.passwordHash, input.password) : false;
  if (!user) await verifyAgainstDummy(input.password);
  if (!user || !valid) throw new AppError(400, "auth:signIn.invalid");
  await reset(rules.signInPerAccountClient, input.email, clientIp);
  return { user, session: await createSession(user.id) };
}

/** Takes a reset request; the account-mail job looks the address up, so the request cannot tell. */
export async function requestPasswordReset(email: string, clientIp: string) {
  await enforce(rules.resetPerIp, clientIp);
  await enforce(rules.resetPerAccount, email);
  await enqueueAccountMail({ kind: "passwordReset", email });
}

async function sendPasswordReset(email: string) {
  const user = await prisma.user.findUnique({ where: { email } });
  if (!user) return;
  const token = await issueEmailToken(user.id, "reset_password", user.email);
  await sendLinkMail("reset", user, user.email, `/reset-password?token=${token}`);
}

export async function isResetTokenUsable(token: string): Promise<boolean> {
  const found = await prisma.emailToken.findUnique({ where: { id: hashToken(token) } });
  return !!found && found.purpose === "reset_password" && !found.usedAt && found.expiresAt > new Date();
}

/** Sets a new password from a reset link, ends every session, and signs in on this device. */
export async function resetPassword(input: { token: string; password: string }) {
  const pending = await prisma.emailToken.findUnique({
    where: { id: hashToken(input.token) },
    select: { purpose: true, user: { select: { name: true, email: true } } },
  });
  // A guessable password leaves the link usable for a second try.
  if (pending?.purpose === "reset_password") assertStrongPassword(input.password, pending.user);
  const used = await consumeEmailToken(input.token, "reset_password");
  if (!used) throw new AppError(400, "auth:reset.invalidToken");
  const passwordHash = await hashPassword(input.password);
  const current = await prisma.user.findUniqueOrThrow({ where: { id: used.userId } });
  // The link proves control of the address, so it also confirms it.
  const confirmsEmail = used.email === current.email && !current.emailVerifiedAt;
  const user = await prisma.user.update({
    where: { id: used.userId },
    data: { passwordHash, ...(confirmsEmail ? { emailVerifiedAt: new Date() } : {}) },
  });
  await invalidateUserSessions(user.id);
  // The link proves the owner, so it lifts every sign-in limit on the account, from any client.
  await reset(rules.signInPerAccount, user.email);
  await resetAllFor(rules.signInPerAccountClient, user.email);
  return { user, session: await createSession(user.id) };
}

/** Changes the password; every session ends and a new one is made for this device. */
export async function changePassword(userId: string, input: { currentPassword: string; password: string }) {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId } });
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError(400, "common:validation.formHasErrors", {
      currentPassword: "auth:account.wrongPassword",
    });
  }
  assertStrongPassword(input.password, user);
  await prisma.user.update({
    where: { id: userId },
    data: { passwordHash: await hashPassword(input.password) },
  });
  await invalidateUserSessions(userId);
  return createSession(userId);
}

/** Sends a confirmation link to the new address; the address changes when it is followed. */
export async function requestEmailChange(userId: string, input: { email: string; currentPassword: string }) {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId } });
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError(400, "common:validation.formHasErrors", {
      currentPassword: "auth:account.wrongPassword",
    });
  }
  if (input.email === user.email) {
    throw new AppError(400, "common:validation.formHasErrors", { email: "auth:errors.sameEmail" });
  }
  await enforce(rules.mailPerUser, user.id);
  const taken = await prisma.user.findUnique({ where: { email: input.email } });
  // A taken address gets no link, but the answer is the same, so registrations stay hidden.
  if (taken) return;
  const token = await issueEmailToken(user.id, "verify_email", input.email);
  await sendLinkMail("changeEmail", user, input.email, `/verify-email?token=${token}`);
}

export async function updateProfile(userId: string, input: { name: string; locale: Locale }) {
  await prisma.user.update({ where: { id: userId }, data: input });
}
