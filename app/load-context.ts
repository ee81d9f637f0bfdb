// What the Express server hands to every loader and action.
import type { Auth } from "~/modules/auth/session.server.ts";

declare module "@remix-run/node" {
  interface AppLoadContext {
    cspNonce: string;
    clientIp: string;
    auth: Auth | null;
    isDevelopment: boolean;
  }
}

export {};
