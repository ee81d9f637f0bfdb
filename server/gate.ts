// The input gate: the first thing every request meets, before the session lookup, rate limits and
// Remix. It refuses, in linear time and with a translated answer, what PostgreSQL and the parsers
// cannot take or should never see: methods we do not serve (405), malformed or oversized URLs and
// query strings (400/414), NUL bytes and invalid UTF-8 (400), too many fields or too large bodies
// (413), content types no form sends (415), and writes from other sites (403). A body that passes
// is kept in memory (`req.rawBody`) and handed to Remix as it came. See docs/decisions/0012-edge-gate.md.
import Busboy from "busboy";
import type { NextFunction, Request, Response } from "express";
import getRawBody from "raw-body";
import { sendRefusal, type EdgeRefusal } from "./answers.ts";

export const gateLimits = {
  urlBytes: 8 * 1024,
  queryParameters: 64,
  formFields: 200,
  /** A form with its longest texts in three languages, percent-encoded, stays far below this. */
  formBytes: 256 * 1024,
  /** The organisation form carries a logo of up to 1 MB: the route itself answers a larger one. */
  uploadBytes: 2 * 1024 * 1024,
  files: 2,
};

/** Paths whose forms take a file, as a page post or (with JavaScript) a single-fetch `.data` post. */
const uploadPaths = [
  /^\/(nl|de|en)\/organisations\/new(?:\.data)?$/,
  /^\/(nl|de|en)\/organisations\/[^/]+\/edit(?:\.data)?$/,
];

const allowedMethods = new Set(["GET", "HEAD", "POST"]);
const forwardedHeaders = [
  "forwarded",
  "x-forwarded-host",
  "x-forwarded-proto",
  "x-forwarded-for",
  "x-forwarded-port",
];
const validHost =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/;
/** C0 controls and DEL have no place in a path. */
function hasControl(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
const utf8 = new TextDecoder("utf-8", { fatal: true });

declare module "express-serve-static-core" {
  interface Request {
    /** The request body, read and checked by the gate; absent for GET and HEAD. */
    rawBody?: Buffer;
  }
}

class Refusal extends Error {
  constructor(readonly refusal: EdgeRefusal) {
    super(refusal.reason);
  }
}

const refuse = (status: number, reason: string, headers?: Record<string, string>) =>
  new Refusal({ status, reason, headers });

/** Strict percent-decoding: invalid UTF-8 (`%ff`, the overlong `%c0%ae`) is an error, not U+FFFD. */
function decodeComponent(text: string, plusIsSpace: boolean): string {
  const spaced = plusIsSpace && text.includes("+") ? text.replaceAll("+", " ") : text;
  if (!spaced.includes("%")) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    throw refuse(400, "invalidInput");
  }
}

/** Checks `a=1&b=2` pair by pair without building anything quadratic; returns the number of pairs. */
function checkUrlEncoded(text: string, maxPairs: number, tooMany: () => Refusal): number {
  if (text === "") return 0;
  let pairs = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf("&", start);
    if (end === -1) end = text.length;
    if (end > start) {
      if (++pairs > maxPairs) throw tooMany();
      const pair = text.slice(start, end);
      const equals = pair.indexOf("=");
      const key = decodeComponent(equals === -1 ? pair : pair.slice(0, equals), true);
      const value = equals === -1 ? "" : decodeComponent(pair.slice(equals + 1), true);
      // PostgreSQL refuses NUL in text; no form can type one.
      if (key.includes("\u0000") || value.includes("\u0000")) throw refuse(400, "invalidInput");
    }
    start = end + 1;
  }
  return pairs;
}

function checkUrl(req: Request) {
  const url = req.originalUrl ?? req.url;
  if (Buffer.byteLength(url) > gateLimits.urlBytes) throw refuse(414, "tooLarge");
  const queryStart = url.indexOf("?");
  const path = queryStart === -1 ? url : url.slice(0, queryStart);
  const query = queryStart === -1 ? "" : url.slice(queryStart + 1);
  if (!path.startsWith("/")) throw refuse(400, "invalidInput");
  for (const segment of path.split("/")) {
    if (hasControl(decodeComponent(segment, false))) throw refuse(400, "invalidInput");
  }
  checkUrlEncoded(query, gateLimits.queryParameters, () => refuse(400, "tooManyParameters"));
}

/** Same-origin `Origin`, or with no Origin a `Sec-Fetch-Site: same-origin`; nothing else writes. */
function checkSameOrigin(req: Request, appOrigin: string) {
  const origin = req.headers.origin;
  const fetchSite = req.headers["sec-fetch-site"];
  if (fetchSite !== undefined && fetchSite !== "same-origin") throw refuse(403, "crossSite");
  if (origin === undefined) {
    if (fetchSite === "same-origin") return;
    throw refuse(403, "crossSite");
  }
  // The origin the browser used to reach us: the Host it sent (forwarded headers are gone unless
  // TRUST_PROXY is set), or the public APP_URL when a proxy in front rewrites the Host.
  const ownOrigin = `${req.protocol}://${req.headers.host}`;
  if (origin !== appOrigin && origin !== ownOrigin) throw refuse(403, "crossSite");
}

function checkMultipart(req: Request, body: Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    let parser: Busboy.Busboy;
    try {
      parser = Busboy({
        headers: req.headers,
        // latin1 keeps every byte as it came, so the strict UTF-8 check below sees the real bytes.
        defCharset: "latin1",
        defParamCharset: "latin1",
        limits: {
          fields: gateLimits.formFields,
          parts: gateLimits.formFields + gateLimits.files,
          files: gateLimits.files,
          fieldSize: body.length,
        },
      });
    } catch {
      reject(refuse(400, "invalidInput"));
      return;
    }
    let failure: Refusal | undefined;
    const fail = (refusal: Refusal) => {
      failure ??= refusal;
    };
    const checkText = (text: string) => {
      try {
        if (utf8.decode(Buffer.from(text, "latin1")).includes("\u0000")) fail(refuse(400, "invalidInput"));
      } catch {
        fail(refuse(400, "invalidInput"));
      }
    };
    parser.on("field", (name, value) => {
      checkText(name);
      checkText(value);
    });
    parser.on("file", (name, stream) => {
      checkText(name);
      stream.resume();
    });
    parser.on("partsLimit", () => fail(refuse(413, "tooManyFields")));
    parser.on("fieldsLimit", () => fail(refuse(413, "tooManyFields")));
    parser.on("filesLimit", () => fail(refuse(413, "tooManyFields")));
    parser.on("error", () => fail(refuse(400, "invalidInput")));
    parser.on("close", () => (failure ? reject(failure) : resolve()));
    parser.end(body);
  });
}

async function readBody(req: Request): Promise<Buffer | undefined> {
  const length = req.headers["content-length"];
  if (length === undefined && req.headers["transfer-encoding"] === undefined) return undefined;
  const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  const upload = uploadPaths.some((pattern) => pattern.test(req.path));
  const limit = type === "multipart/form-data" && upload ? gateLimits.uploadBytes : gateLimits.formBytes;
  let body: Buffer;
  try {
    body = await getRawBody(req, { length, limit });
  } catch (error) {
    const status = (error as { status?: number }).status;
    throw status === 413 ? refuse(413, "tooLarge") : refuse(400, "invalidInput");
  }
  if (body.length === 0) return body;
  if (type === "application/x-www-form-urlencoded") {
    let text: string;
    try {
      text = utf8.decode(body);
    } catch {
      throw refuse(400, "invalidInput");
    }
    checkUrlEncoded(text, gateLimits.formFields, () => refuse(413, "tooManyFields"));
  } else if (type === "multipart/form-data") {
    await checkMultipart(req, body);
  } else {
    throw refuse(415, "unsupportedType");
  }
  return body;
}

export function inputGate(options: { appOrigin: string; trustProxy: boolean }) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      if (!allowedMethods.has(req.method))
        throw refuse(405, "methodNotAllowed", { Allow: "GET, HEAD, POST" });
      // Without a proxy we trust, these headers are whatever the client wrote: nobody may read them.
      if (!options.trustProxy) for (const name of forwardedHeaders) delete req.headers[name];
      if (!validHost.test(req.headers.host ?? "")) throw refuse(400, "invalidInput");
      checkUrl(req);
      if (req.method === "POST") {
        checkSameOrigin(req, options.appOrigin);
        req.rawBody = (await readBody(req)) ?? Buffer.alloc(0);
      }
      next();
    } catch (error) {
      if (!(error instanceof Refusal)) return next(error);
      sendRefusal(req, res, error.refusal);
    }
  };
}
