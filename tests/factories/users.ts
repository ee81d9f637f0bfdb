// Test users straight in the database, each with a unique address.
import { randomBytes } from "node:crypto";
import { hashPassword } from "~/modules/auth/password.server.ts";
import { createSession } from "~/modules/auth/session.server.ts";
import { prisma } from "~/utils/db.server.ts";

export const TEST_PASSWORD = "correct horse battery";

export function uniqueEmail(prefix = "user") {
  return `${prefix}-${randomBytes(5).toString("hex")}@test.euregio-partners.example`;
}

export async function createUser(
  overrides: Partial<{
    email: string;
    name: string;
    password: string;
    locale: "nl" | "de" | "en";
    role: "member" | "staff" | "admin";
    verified: boolean;
  }> = {},
) {
  const { password = TEST_PASSWORD, verified = true, ...rest } = overrides;
  return prisma.user.create({
    data: {
      email: rest.email ?? uniqueEmail(),
      name: rest.name ?? "Test User",
      locale: rest.locale ?? "en",
      role: rest.role ?? "member",
      passwordHash: await hashPassword(password),
      emailVerifiedAt: verified ? new Date() : null,
    },
  });
}

export async function createUserWithSession(overrides: Parameters<typeof createUser>[0] = {}) {
  const user = await createUser(overrides);
  const session = await createSession(user.id);
  return { user, ...session };
}
