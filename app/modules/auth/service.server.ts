// Accounts: sign-up, e-mail verification, sign-in with rate limits, password reset and change,
// e-mail change. Messages never reveal whether an address is registered.
import type { Locale } from "~/modules/i18n/config.ts";
import { localePath } from "~/modules/i18n/config.ts";
import { enqueueMail } from "~/modules/mail/queue.server.ts";
import { renderMail, type MailKind } from "~/modules/mail/templates.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { AppError } from "~/utils/errors.ts";
import { hashPassword, isCommonPassword, verifyAgainstDummy, verifyPassword } from "./password.server.ts";
import { consume, isLimited, reset, rules } from "./rate-limit.server.ts";
import { createSession, invalidateUserSessions } from "./session.server.ts";
import { generateToken, hashToken } from "./tokens.ts";

const HOUR = 60 * 60 * 1000;
const VERIFY_TOKEN_LIFETIME = 48 * HOUR;
const RESET_TOKEN_LIFETIME = 1 * HOUR;

function rateLimited(): AppError {
  return new AppError(429, "common:errors.rateLimited");
}

function assertStrongPassword(password: string, field = "password") {
  if (isCommonPassword(password)) {
    throw new AppError(400, "common:validation.formHasErrors", { [field]: "auth:errors.passwordCommon" });
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
): Promise<string> {
  const token = generateToken();
  const lifetime = purpose === "verify_email" ? VERIFY_TOKEN_LIFETIME : RESET_TOKEN_LIFETIME;
  await prisma.$transaction([
    // A new link replaces the older ones of the same purpose.
    prisma.emailToken.deleteMany({ where: { userId, purpose, usedAt: null } }),
    prisma.emailToken.create({
      data: { id: hashToken(token), userId, purpose, email, expiresAt: new Date(Date.now() + lifetime) },
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

export async function signUp(
  input: { name: string; email: string; password: string; locale: Locale },
  clientIp: string,
) {
  if (!(await consume(rules.signUpPerIp, clientIp))) throw rateLimited();
  assertStrongPassword(input.password);
  const existing = await prisma.user.findUnique({ where: { email: input.email } });
  if (existing) {
    // Same answer as for a new address; the owner is told by mail instead.
    if (await consume(rules.mailPerUser, existing.id)) {
      await sendLinkMail("alreadyRegistered", existing, existing.email, "/signin");
    }
    return;
  }
  const user = await prisma.user.create({
    data: {
      name: input.name,
      email: input.email,
      locale: input.locale,
      passwordHash: await hashPassword(input.password),
    },
  });
  const token = await issueEmailToken(user.id, "verify_email", user.email);
  await sendLinkMail("verify", user, user.email, `/verify-email?token=${token}`);
}

export async function resendVerification(userId: string) {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId } });
  if (user.emailVerifiedAt) return;
  if (!(await consume(rules.mailPerUser, user.id))) throw rateLimited();
  const token = await issueEmailToken(user.id, "verify_email", user.email);
  await sendLinkMail("verify", user, user.email, `/verify-email?token=${token}`);
}

/** Confirms the address a verification (or e-mail change) link was sent to. */
export async function verifyEmail(token: string): Promise<{ email: string; userId: string }> {
  const used = await consumeEmailToken(token, "verify_email");
  if (!used) throw new AppError(400, "auth:verify.invalidToken");
  const taken = await prisma.user.findFirst({ where: { email: used.email, id: { not: used.userId } } });
  if (taken) throw new AppError(409, "auth:errors.emailTaken");
  await prisma.user.update({
    where: { id: used.userId },
    data: { email: used.email, emailVerifiedAt: new Date() },
  });
  return { email: used.email, userId: used.userId };
}

export async function signIn(input: { email: string; password: string }, clientIp: string) {
  if (!(await consume(rules.signInPerIp, clientIp))) throw rateLimited();
  if (await isLimited(rules.signInFailuresPerAccount, input.email)) throw rateLimited();

  const user = await prisma.user.findUnique({ where: { email: input.email } });
  const valid = user ? await verifyPassword(user.passwordHash, input.password) : false;
  if (!user) await verifyAgainstDummy(input.password);
  if (!user || !valid) {
    await consume(rules.signInFailuresPerAccount, input.email);
    throw new AppError(400, "auth:signIn.invalid");
  }
  await reset(rules.signInFailuresPerAccount, input.email);
  return { user, session: await createSession(user.id) };
}

export async function requestPasswordReset(email: string, clientIp: string) {
  if (!(await consume(rules.resetPerIp, clientIp))) throw rateLimited();
  if (!(await consume(rules.resetPerAccount, email))) throw rateLimited();
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
  assertStrongPassword(input.password);
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
  await reset(rules.signInFailuresPerAccount, user.email);
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
  assertStrongPassword(input.password);
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
  if (!(await consume(rules.mailPerUser, user.id))) throw rateLimited();
  const taken = await prisma.user.findUnique({ where: { email: input.email } });
  // A taken address gets no link, but the answer is the same, so registrations stay hidden.
  if (taken) return;
  const token = await issueEmailToken(user.id, "verify_email", input.email);
  await sendLinkMail("changeEmail", user, input.email, `/verify-email?token=${token}`);
}

export async function updateProfile(userId: string, input: { name: string; locale: Locale }) {
  await prisma.user.update({ where: { id: userId }, data: input });
}
