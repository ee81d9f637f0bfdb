// Fixed-window counters in PostgreSQL: they survive restarts and are shared by all app instances.
import { createHmac } from "node:crypto";
import { prisma } from "~/utils/db.server.ts";
import { getEnv } from "~/utils/env.server.ts";

export type RateLimitRule = { name: string; limit: number; windowSeconds: number };

export const rules = {
  signInPerIp: { name: "sign-in:ip", limit: 50, windowSeconds: 15 * 60 },
  signInFailuresPerAccount: { name: "sign-in-failures:account", limit: 5, windowSeconds: 15 * 60 },
  resetPerIp: { name: "reset:ip", limit: 20, windowSeconds: 60 * 60 },
  resetPerAccount: { name: "reset:account", limit: 5, windowSeconds: 60 * 60 },
  signUpPerIp: { name: "sign-up:ip", limit: 30, windowSeconds: 60 * 60 },
  mailPerUser: { name: "mail:user", limit: 10, windowSeconds: 60 * 60 },
} satisfies Record<string, RateLimitRule>;

/** Keys are HMACed so the table holds no e-mail addresses or IPs. */
function keyFor(rule: RateLimitRule, subject: string): string {
  const digest = createHmac("sha256", getEnv().SESSION_SECRET).update(subject.toLowerCase()).digest("hex");
  return `${rule.name}:${digest}`;
}

/** Counts one attempt; returns false when the limit was already reached in this window. */
export async function consume(rule: RateLimitRule, subject: string): Promise<boolean> {
  const rows = await prisma.$queryRaw<{ count: number }[]>`
    INSERT INTO rate_limits (key, window_start, count) VALUES (${keyFor(rule, subject)}, now(), 1)
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limits.window_start <= now() - make_interval(secs => ${rule.windowSeconds})
                   THEN 1 ELSE rate_limits.count + 1 END,
      window_start = CASE WHEN rate_limits.window_start <= now() - make_interval(secs => ${rule.windowSeconds})
                   THEN now() ELSE rate_limits.window_start END
    RETURNING count`;
  return (rows[0]?.count ?? 1) <= rule.limit;
}

/** True while the limit is reached, without counting an attempt. */
export async function isLimited(rule: RateLimitRule, subject: string): Promise<boolean> {
  const rows = await prisma.$queryRaw<{ count: number }[]>`
    SELECT count FROM rate_limits
    WHERE key = ${keyFor(rule, subject)}
      AND window_start > now() - make_interval(secs => ${rule.windowSeconds})`;
  return (rows[0]?.count ?? 0) >= rule.limit;
}

export async function reset(rule: RateLimitRule, subject: string) {
  await prisma.rateLimit.deleteMany({ where: { key: keyFor(rule, subject) } });
}
