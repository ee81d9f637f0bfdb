// Rate limits for every write and for the map's endpoints, per client IP, in tiers: a general one on
// every POST, a strict one on the expensive forms (registering an organisation, uploading a logo:
// sharp is CPU-heavy) and one for the map's many small reads. Counters live in PostgreSQL (the sign-in
// limits' table, ADR 0004), so they hold across app instances and restarts. A limited request gets a
// translated 429 with Retry-After, before the session lookup.
import type { NextFunction, Request, Response } from "express";
import { countAttempt, type RateLimitRule } from "../app/modules/auth/rate-limit.server.ts";
import { isDatabaseUnavailable } from "../app/utils/database-errors.ts";
import { sendRefusal } from "./answers.ts";
import { unavailable } from "./remix.ts";

export type Tier = RateLimitRule & { applies: (req: Request) => boolean };

const upload = /^\/(nl|de|en)\/organisations\/(new|[^/]+\/edit)(?:\.data)?$/;

/** `scale` multiplies every limit: the browser tests send everything from one address. */
export function defaultTiers(scale = 1): Tier[] {
  return [
    {
      name: "edge:expensive",
      limit: 30 * scale,
      windowSeconds: 60 * 60,
      applies: (req) => req.method === "POST" && upload.test(req.path),
    },
    {
      name: "edge:writes",
      limit: 300 * scale,
      windowSeconds: 10 * 60,
      applies: (req) => req.method === "POST",
    },
    {
      name: "edge:map",
      limit: 3_000 * scale,
      windowSeconds: 10 * 60,
      applies: (req) => req.method === "GET" && (req.path === "/map/points" || req.path === "/map/items"),
    },
  ];
}

export function rateLimits(tiers: Tier[]) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const client = req.ip ?? req.socket.remoteAddress ?? "unknown";
      for (const tier of tiers) {
        if (!tier.applies(req)) continue;
        const { allowed, retryAfterSeconds } = await countAttempt(tier, [client]);
        if (!allowed) {
          const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
          return sendRefusal(req, res, {
            status: 429,
            reason: minutes === 1 ? "rateLimitedMinute" : "rateLimitedMinutes",
            params: { minutes: String(minutes) },
            headers: { "Retry-After": String(retryAfterSeconds) },
          });
        }
      }
      next();
    } catch (error) {
      if (isDatabaseUnavailable(error)) return sendRefusal(req, res, unavailable);
      next(error);
    }
  };
}
