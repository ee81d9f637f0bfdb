// Express → Remix: what @remix-run/express does, with two differences. The body is the one the gate
// has read and checked (not the socket again), and the URL's host is the Host header, never a
// forwarded header the gate did not keep. A request that fails because the database is unreachable
// gets the translated 503 instead of a 500, and an AppError a loader let through (one that forgot
// orErrorPage) its own status and translated message instead of a 500.
import {
  createRequestHandler as createRemixHandler,
  writeReadableStreamToWritable,
  type AppLoadContext,
  type ServerBuild,
} from "@remix-run/node";
import type { NextFunction, Request, Response } from "express";
import { isDatabaseUnavailable } from "../app/utils/database-errors.ts";
import type { AppError } from "../app/utils/errors.ts";
import { sendRefusal, type EdgeRefusal } from "./answers.ts";
import { installRouteMatching } from "./route-matching.ts";

function remixRequest(req: Request, res: Response): globalThis.Request {
  const host = req.headers["x-forwarded-host"]?.toString().split(",")[0]?.trim() || req.headers.host;
  const url = new URL(`${req.protocol}://${host}${req.originalUrl}`);
  const controller = new AbortController();
  let done = false;
  res.on("finish", () => (done = true));
  res.on("close", () => {
    if (!done) controller.abort();
  });
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item);
  }
  const body = req.method !== "GET" && req.method !== "HEAD" ? (req.rawBody ?? Buffer.alloc(0)) : undefined;
  return new Request(url, {
    method: req.method,
    headers,
    signal: controller.signal,
    body: body && new Uint8Array(body),
  });
}

async function sendResponse(res: Response, response: globalThis.Response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [name, value] of response.headers) {
    if (name === "set-cookie") continue;
    res.setHeader(name, value);
  }
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) res.append("Set-Cookie", cookies);
  if (!response.body) return void res.end();
  // An event stream goes out as it comes. Every other answer is read whole and written once:
  // React renders a document in many small chunks, and compression handled each of them on its
  // own (a tenth of a page's CPU in the profile of ADR 0018); no page streams deferred data.
  if (response.headers.get("content-type")?.startsWith("text/event-stream"))
    return writeReadableStreamToWritable(response.body, res);
  res.end(Buffer.from(await response.arrayBuffer()));
}

export function remixHandler(options: {
  build: ServerBuild | (() => Promise<ServerBuild>);
  mode: string;
  getLoadContext: (req: Request, res: Response) => Promise<AppLoadContext>;
}) {
  installRouteMatching();
  const handle = createRemixHandler(options.build, options.mode);
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      const failure: { error?: unknown } = {};
      const context: AppLoadContext = { ...(await options.getLoadContext(req, res)), failure };
      const response = await handle(remixRequest(req, res), context);
      // Remix has rendered its 500 page for an error it could not know was an outage.
      if (response.status >= 500 && isDatabaseUnavailable(failure.error)) {
        await response.body?.cancel();
        return sendRefusal(req, res, unavailable);
      }
      const refused = response.status >= 500 ? appErrorRefusal(failure.error) : null;
      if (refused) {
        await response.body?.cancel();
        return sendRefusal(req, res, refused);
      }
      await sendResponse(res, response);
    } catch (error) {
      if (isDatabaseUnavailable(error)) return sendRefusal(req, res, unavailable);
      next(error);
    }
  };
}

/**
 * An AppError as the edge answers it. Told by its shape, not `instanceof`: the production build
 * bundles its own copy of the class.
 */
export function appErrorRefusal(error: unknown): EdgeRefusal | null {
  const candidate = error as Partial<AppError> | null;
  if (
    !candidate ||
    candidate.name !== "AppError" ||
    typeof candidate.status !== "number" ||
    candidate.status < 400 ||
    candidate.status > 599 ||
    typeof candidate.messageKey !== "string"
  )
    return null;
  const values = Object.entries(candidate.values ?? {}).map(([name, value]) => [name, String(value)]);
  return {
    status: candidate.status,
    reason: candidate.messageKey,
    params: Object.fromEntries(values),
    headers: candidate.retryAfterSeconds ? { "Retry-After": String(candidate.retryAfterSeconds) } : undefined,
  };
}

export const unavailable = { status: 503, reason: "unavailableText", headers: { "Retry-After": "10" } };
