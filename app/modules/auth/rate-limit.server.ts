// Fixed-window counters in PostgreSQL: they survive restarts and are shared by all app instances.
import { createHmac } from "node:crypto";
import { prisma } from "~/utils/db.server.ts";
import { AppError } from "~/utils/errors.ts";
import { getEnv } from "~/utils/env.server.ts";

export type RateLimitRule = { name: string; limit: number; windowSeconds: number };

export const rules = {
  signInPerIp: { name: "sign-in:ip", limit: 50, windowSeconds: 15 * 60 },
  // Keyed by address and IP, so a stranger's guesses do not lock the owner out of their own devices.
  signInPerAccountClient: { name: "sign-in:account-client", limit: 5, windowSeconds: 15 * 60 },
  // The ceiling over all clients, against guessing spread over many IPs.
  signInPerAccount: { name: "sign-in:account", limit: 100, windowSeconds: 60 * 60 },
  resetPerIp: { name: "reset:ip", limit: 20, windowSeconds: 60 * 60 },
  resetPerAccount: { name: "reset:account", limit: 5, windowSeconds: 60 * 60 },
  signUpPerIp: { name: "sign-up:ip", limit: 30, windowSeconds: 60 * 60 },
  mailPerUser: { name: "mail:user", limit: 10, windowSeconds: 60 * 60 },
} satisfies Record<string, RateLimitRule>;

/** A refused attempt; the message names the minutes left in the counter's window. */
export class RateLimitError extends AppError {
  declare readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    super(
      429,
      minutes === 1 ? "common:errors.rateLimitedMinute" : "common:errors.rateLimitedMinutes",
      {},
      {
        values: { minutes },
        retryAfterSeconds,
      },
    );
  }
}

/**
 * Keys are HMACs so the table holds no e-mail addresses or IPs. Each subject has its own HMAC, so
 * every key of an account starts with the same prefix and can be cleared without knowing the IPs.
 */
function keyFor(rule: RateLimitRule, subjects: readonly string[]): string {
  const secret = getEnv().SESSION_SECRET;
  const digests = subjects.map((subject) =>
    createHmac("sha256", secret).update(subject.toLowerCase()).digest("hex"),
  );
  return [rule.name, ...digests].join(":");
}

/**
 * Counts one attempt and reads the count back in the same statement, so parallel attempts each get
 * a number of their own and no more than `limit` of them are let through.
 */
export async function countAttempt(rule: RateLimitRule, subjects: readonly string[]) {
  const rows = await prisma.$queryRaw<{ count: number; retryAfter: number }[]>`
    INSERT INTO rate_limits (key, window_start, count) VALUES (${keyFor(rule, subjects)}, now(), 1)
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limits.window_start <= now() - make_interval(secs => ${rule.windowSeconds})
                   THEN 1 ELSE rate_limits.count + 1 END,
      window_start = CASE WHEN rate_limits.window_start <= now() - make_interval(secs => ${rule.windowSeconds})
                   THEN now() ELSE rate_limits.window_start END
    RETURNING count,
      ceil(extract(epoch FROM window_start + make_interval(secs => ${rule.windowSeconds}) - now()))::int
        AS "retryAfter"`;
  const row = rows[0] ?? { count: 1, retryAfter: rule.windowSeconds };
  return { allowed: row.count <= rule.limit, retryAfterSeconds: Math.max(1, row.retryAfter) };
}

/** Counts one attempt; returns false when the limit was already reached in this window. */
export async function consume(rule: RateLimitRule, ...subjects: string[]): Promise<boolean> {
  return (await countAttempt(rule, subjects)).allowed;
}

/** Counts one attempt; throws a RateLimitError when the limit was already reached in this window. */
export async function enforce(rule: RateLimitRule, ...subjects: string[]): Promise<void> {
  const { allowed, retryAfterSeconds } = await countAttempt(rule, subjects);
  if (!allowed) throw new RateLimitError(retryAfterSeconds);
}

export async function reset(rule: RateLimitRule, ...subjects: string[]) {
  await prisma.rateLimit.deleteMany({ where: { key: keyFor(rule, subjects) } });
}

/** No rule counts over a longer window than this (rate-limits.test.ts holds the rules to it). */
export const LONGEST_WINDOW_SECONDS = 24 * 60 * 60;

/**
 * Forgets counters whose window ended: one row per key ever counted would otherwise stay for good
 * (every client address that posted once). A window that ended counts nothing, so no limit changes.
 */
export async function deleteStaleCounters(now = new Date()): Promise<number> {
  const { count } = await prisma.rateLimit.deleteMany({
    where: { windowStart: { lt: new Date(now.getTime() - LONGEST_WINDOW_SECONDS * 1000) } },
  });
  return count;
}

/** Clears every counter of the rule whose first subject is `subject`, whatever the others are. */
export async function resetAllFor(rule: RateLimitRule, subject: string) {
  await prisma.rateLimit.deleteMany({ where: { key: { startsWith: `${keyFor(rule, [subject])}:` } } });
}
