// The rate limits against mass messaging, read from the environment (MESSAGES_PER_USER_PER_MINUTE,
// THREADS_PER_ORGANISATION_PER_DAY); counted in PostgreSQL like the sign-in limits, so every app
// instance shares them.
import type { RateLimitRule } from "~/modules/auth/rate-limit.server.ts";
import { getEnv } from "~/utils/env.server.ts";

export function messagingRules() {
  const env = getEnv();
  return {
    messagesPerUser: {
      name: "messages:user",
      limit: env.MESSAGES_PER_USER_PER_MINUTE,
      windowSeconds: 60,
    },
    threadsPerOrganisation: {
      name: "threads:organisation",
      limit: env.THREADS_PER_ORGANISATION_PER_DAY,
      windowSeconds: 24 * 60 * 60,
    },
  } satisfies Record<string, RateLimitRule>;
}
