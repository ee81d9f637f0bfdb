// The load context the server hands a route, for calling loaders and actions directly.
import type { AppLoadContext } from "@remix-run/node";
import type { SessionUser } from "~/modules/auth/session.server.ts";

export function contextFor(user: SessionUser | null, clientIp = "203.0.113.9"): AppLoadContext {
  return {
    cspNonce: "",
    clientIp,
    isDevelopment: false,
    auth: user ? { sessionId: "test", expiresAt: new Date(Date.now() + 60_000), user } : null,
  };
}
