// Test users and their sessions straight in the database, each with a unique address.
import { randomBytes } from "node:crypto";
import { hashPassword } from "~/modules/auth/password.server.ts";
import { generateToken, hashToken } from "~/modules/auth/tokens.ts";
import { recordNothing, type Database, type Recorder } from "./record.ts";

export const TEST_PASSWORD = "correct horse battery";

const DAY = 24 * 60 * 60 * 1000;

export function uniqueEmail(prefix = "user") {
  return `${prefix}-${randomBytes(5).toString("hex")}@test.euregio-partners.example`;
}

export type UserOptions = Partial<{
  email: string;
  name: string;
  password: string;
  locale: "nl" | "de" | "en";
  role: "member" | "staff" | "admin";
  verified: boolean;
  notificationMail: "per_event" | "daily" | "weekly";
}>;

export function userFactories(db: Database, record: Recorder = recordNothing) {
  /** A user whose password is `password` (TEST_PASSWORD unless given), returned with the row. */
  async function createUser(options: UserOptions = {}) {
    const { password = TEST_PASSWORD, verified = true } = options;
    const user = await db.user.create({
      data: {
        email: options.email ?? uniqueEmail(),
        name: options.name ?? "Test User",
        locale: options.locale ?? "en",
        role: options.role ?? "member",
        passwordHash: await hashPassword(password),
        emailVerifiedAt: verified ? new Date() : null,
        ...(options.notificationMail ? { notificationMail: options.notificationMail } : {}),
      },
    });
    record({ table: "users", id: user.id });
    return { ...user, password };
  }

  /** A 30-day session as sign-in makes one; `token` is what the ep_session cookie holds. */
  async function createSession(userId: string) {
    const token = generateToken();
    const expiresAt = new Date(Date.now() + 30 * DAY);
    await db.session.create({ data: { id: hashToken(token), userId, expiresAt } });
    return { token, expiresAt };
  }

  return { createUser, createSession };
}
