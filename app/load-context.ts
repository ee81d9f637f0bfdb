// What the Express server hands to every loader and action.
import type { Auth } from "~/modules/auth/session.server.ts";

declare module "@remix-run/node" {
  interface AppLoadContext {
    cspNonce: string;
    clientIp: string;
    auth: Auth | null;
    isDevelopment: boolean;
    /** Filled by entry.server's handleError, so the server can answer an outage with a 503. */
    failure?: { error?: unknown };
  }
}

export {};
