// The Express app: the input gate first, then compression (not for event streams), helmet with a per-request CSP nonce,
// /healthz, static files, the session lookup, and Remix for everything else.
import { randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express, { type Request, type Response } from "express";
import helmet from "helmet";
import {
  blankSessionCookie,
  readSessionToken,
  sessionCookie,
  validateSessionToken,
  type Auth,
} from "../app/modules/auth/session.server.ts";
import { prisma } from "../app/utils/db.server.ts";
import type { Env } from "../app/utils/env.server.ts";
import { inputGate } from "./gate.ts";
import { defaultTiers, rateLimits } from "./rate-limits.ts";
import { remixHandler } from "./remix.ts";

const root = join(import.meta.dirname, "..");

async function resolveAuth(req: Request, res: Response): Promise<Auth | null> {
  const token = readSessionToken(req.headers.cookie);
  if (!token) return null;
  const result = await validateSessionToken(token);
  if (!result) {
    res.append("Set-Cookie", blankSessionCookie());
    return null;
  }
  if (result.renewed) res.append("Set-Cookie", sessionCookie(token, result.auth.expiresAt));
  return result.auth;
}

/** Asked when the headers go out, so it sees the Content-Type the route has set. */
function isEventStream(res: Response): boolean {
  return String(res.getHeader("Content-Type") ?? "").startsWith("text/event-stream");
}

export async function createApp(env: Env) {
  const isDevelopment = env.NODE_ENV === "development";
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", env.TRUST_PROXY);
  app.use(inputGate({ appOrigin: new URL(env.APP_URL).origin, trustProxy: env.TRUST_PROXY }));
  app.use(rateLimits(defaultTiers(env.RATE_LIMIT_SCALE)));
  // An event stream (GET /events) must go out event by event; compression would hold it back.
  app.use(compression({ filter: (req, res) => !isEventStream(res) && compression.filter(req, res) }));

  app.use((_req, res, next) => {
    res.locals.cspNonce = randomBytes(16).toString("base64");
    next();
  });
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: [
            "'self'",
            "'strict-dynamic'",
            (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`,
          ],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", "data:", "blob:"],
          connectSrc: isDevelopment ? ["'self'", "ws:"] : ["'self'"],
          workerSrc: ["'self'", "blob:"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: env.NODE_ENV === "production" ? [] : null,
        },
      },
      crossOriginEmbedderPolicy: false,
      // With helmet's "no-referrer", Chromium sends `Origin: null` on a plain form post, which Remix
      // refuses as cross-site: every form without JavaScript would fail. Other sites still get nothing.
      referrerPolicy: { policy: "same-origin" },
    }),
  );

  app.get("/healthz", async (_req, res) => {
    try {
      await prisma.$queryRaw`SELECT 1`;
      res.json({ status: "ok", database: "ok" });
    } catch {
      res.status(503).json({ status: "error", database: "unreachable" });
    }
  });

  let build: ServerBuild | (() => Promise<ServerBuild>);
  if (isDevelopment) {
    const vite = await import("vite");
    const viteServer = await vite.createServer({ root, server: { middlewareMode: true } });
    app.use(viteServer.middlewares);
    build = () => viteServer.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
  } else {
    const buildDir = join(root, process.env.BUILD_DIR ?? "build");
    app.use(
      "/assets",
      express.static(join(buildDir, "client/assets"), { immutable: true, maxAge: "1y", index: false }),
    );
    // The other public files (favicon.svg, …) by name: a static handler on every path would look
    // each page's path up on disk first (a stat per request, 3 % of the sign-in page's CPU).
    const publicFiles = new Set(readdirSync(join(buildDir, "client")).filter((name) => name !== "assets"));
    const servePublic = express.static(join(buildDir, "client"), { maxAge: "1h", index: false });
    app.use((req, res, next) => {
      const first = req.path.split("/", 2)[1] ?? "";
      if (publicFiles.has(first)) servePublic(req, res, next);
      else next();
    });
    const serverBuildPath = join(buildDir, "server/index.js");
    build = (await import(serverBuildPath)) as ServerBuild;
  }

  app.all(
    "*",
    remixHandler({
      build,
      mode: env.NODE_ENV === "test" ? "production" : env.NODE_ENV,
      getLoadContext: async (req, res) => ({
        cspNonce: res.locals.cspNonce as string,
        clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
        auth: await resolveAuth(req, res),
        isDevelopment,
      }),
    }),
  );
  return app;
}
