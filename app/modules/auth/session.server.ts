// Lucia-style sessions: a random token in an httpOnly cookie, its SHA-256 in the database,
// 30-day sliding expiry (see docs/decisions/0003-lucia-style-sessions.md).
import type { Role } from "~/generated/prisma/enums.ts";
import { prisma } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";
import { generateToken, hashToken } from "./tokens.ts";

export const SESSION_COOKIE = "ep_session";
const DAY = 24 * 60 * 60 * 1000;
const SESSION_LIFETIME = 30 * DAY;
const RENEW_BEFORE = 15 * DAY;

export type SessionUser = {
  id: string;
  email: string;
  name: string;
  locale: "nl" | "de" | "en";
  role: Role;
  emailVerifiedAt: Date | null;
};

export type Auth = { sessionId: string; expiresAt: Date; user: SessionUser };

export async function createSession(userId: string): Promise<{ token: string; expiresAt: Date }> {
  const token = generateToken();
  const expiresAt = new Date(Date.now() + SESSION_LIFETIME);
  await prisma.session.create({ data: { id: hashToken(token), userId, expiresAt } });
  return { token, expiresAt };
}

/** The session for a cookie token, extended when past half its life; null when unknown or expired. */
export async function validateSessionToken(token: string): Promise<{ auth: Auth; renewed: boolean } | null> {
  const sessionId = hashToken(token);
  const session = await prisma.session.findUnique({
    where: { id: sessionId },
    include: {
      user: {
        select: { id: true, email: true, name: true, locale: true, role: true, emailVerifiedAt: true },
      },
    },
  });
  if (!session) return null;
  const now = Date.now();
  if (session.expiresAt.getTime() <= now) {
    await prisma.session.deleteMany({ where: { id: sessionId } });
    return null;
  }
  let expiresAt = session.expiresAt;
  let renewed = false;
  if (expiresAt.getTime() - now < RENEW_BEFORE) {
    expiresAt = new Date(now + SESSION_LIFETIME);
    await prisma.session.update({ where: { id: sessionId }, data: { expiresAt } });
    renewed = true;
  }
  return { auth: { sessionId, expiresAt, user: session.user }, renewed };
}

export async function invalidateSession(sessionId: string) {
  await prisma.session.deleteMany({ where: { id: sessionId } });
}

export async function invalidateUserSessions(userId: string, options: { except?: string } = {}) {
  await prisma.session.deleteMany({
    where: { userId, ...(options.except ? { id: { not: options.except } } : {}) },
  });
}

/** The browser a sign-up came from, so its verification link signs in there (48 h, like the link). */
export const SIGNUP_COOKIE = "ep_signup";
const SIGNUP_COOKIE_SECONDS = 48 * 60 * 60;

function cookie(name: string, value: string, lifetime: string): string {
  const parts = [`${name}=${value}`, "Path=/", "HttpOnly", "SameSite=Lax", lifetime];
  if (getEnv().NODE_ENV === "production") parts.push("Secure");
  return parts.join("; ");
}

export function sessionCookie(token: string, expiresAt: Date): string {
  return cookie(SESSION_COOKIE, token, `Expires=${expiresAt.toUTCString()}`);
}

export function blankSessionCookie(): string {
  return cookie(SESSION_COOKIE, "", "Max-Age=0");
}

export function signUpBrowserCookie(token: string): string {
  return cookie(SIGNUP_COOKIE, token, `Max-Age=${SIGNUP_COOKIE_SECONDS}`);
}

export function blankSignUpBrowserCookie(): string {
  return cookie(SIGNUP_COOKIE, "", "Max-Age=0");
}

/** A token cookie's value, when it has the shape generateToken gives; null otherwise. */
function readToken(cookieHeader: string | null | undefined, cookieName: string): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === cookieName) {
      const token = value.join("=");
      return /^[a-z2-7]{32}$/.test(token) ? token : null;
    }
  }
  return null;
}

export function readSessionToken(cookieHeader: string | null | undefined): string | null {
  return readToken(cookieHeader, SESSION_COOKIE);
}

export function readSignUpBrowserToken(cookieHeader: string | null | undefined): string | null {
  return readToken(cookieHeader, SIGNUP_COOKIE);
}
