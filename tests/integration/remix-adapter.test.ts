// The Express → Remix adapter on a real HTTP server with a small Remix build of its own: an AppError
// that a loader lets through (one that forgot orErrorPage) is answered with its status and its
// translated message, never the 500 Remix would render; other errors stay 500s.
import type { AddressInfo } from "node:net";
import type { ServerBuild } from "@remix-run/node";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "~/utils/errors.ts";
import { appErrorRefusal, remixHandler } from "../../server/remix.ts";

let origin = "";
let server: ReturnType<ReturnType<typeof express>["listen"]>;

function loader({ request }: { request: Request }) {
  const what = new URL(request.url).searchParams.get("what");
  if (what === "missing") throw new AppError(404, "common:errors.notFoundText");
  if (what === "limited")
    throw new AppError(
      429,
      "common:errors.rateLimitedMinutes",
      {},
      { values: { minutes: 7 }, retryAfterSeconds: 400 },
    );
  if (what === "bug") throw new Error("a bug");
  return { fine: true };
}

const build = {
  mode: "production",
  future: {},
  isSpaMode: false,
  publicPath: "/",
  assetsBuildDirectory: "public",
  basename: undefined,
  entry: {
    module: {
      default: () => new Response("<!doctype html><p>page</p>", { headers: { "Content-Type": "text/html" } }),
      handleError: (error: unknown, { context }: { context: { failure?: { error?: unknown } } }) => {
        if (context.failure) context.failure.error = error;
      },
    },
  },
  routes: { root: { id: "root", path: "", module: { loader, default: () => null } } },
  assets: { url: "/manifest.js", version: "1", entry: { module: "/entry.js", imports: [] }, routes: {} },
} as unknown as ServerBuild;

beforeAll(async () => {
  const app = express();
  app.use(
    remixHandler({
      build,
      mode: "production",
      getLoadContext: async () => ({ cspNonce: "", clientIp: "127.0.0.1", isDevelopment: false, auth: null }),
    }),
  );
  await new Promise<void>((resolve) => {
    server = app.listen(0, "127.0.0.1", () => resolve());
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("the Remix adapter", () => {
  it("answers an AppError a loader let through with its status and message, in the reader's language", async () => {
    const missing = await fetch(`${origin}/?_data=root&what=missing`, {
      headers: { "Accept-Language": "de" },
    });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      error:
        "Wir konnten diese Seite nicht finden. Vielleicht wurde sie verschoben, oder der Link enthält einen Tippfehler.",
    });

    const limited = await fetch(`${origin}/?_data=root&what=limited`, {
      headers: { "Accept-Language": "en" },
    });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("Retry-After")).toBe("400");
    expect((await limited.json()) as unknown).toEqual({
      error: "Too many attempts. Please try again in 7 minutes.",
    });
  });

  it("leaves the answer alone when the loader succeeds, and a bug stays a 500", async () => {
    const fine = await fetch(`${origin}/?_data=root`);
    expect(fine.status).toBe(200);
    expect(await fine.json()).toEqual({ fine: true });
    const bug = await fetch(`${origin}/?_data=root&what=bug`);
    expect(bug.status).toBe(500);
  });

  it("tells an AppError by its shape, and nothing else", () => {
    expect(appErrorRefusal(new AppError(403, "common:errors.forbiddenText"))).toMatchObject({
      status: 403,
      reason: "common:errors.forbiddenText",
    });
    expect(appErrorRefusal(new Error("x"))).toBeNull();
    expect(appErrorRefusal({ name: "AppError", status: 200, messageKey: "x" })).toBeNull();
    expect(appErrorRefusal(null)).toBeNull();
  });
});
