// The hardening fuzz: every route × GET/POST/PUT/DELETE/TRACE × hostile values (NUL, bad UTF-8,
// CR/LF, 100,000 characters, repeated keys, unknown enums, wrong content types, ../) in every field
// and parameter, signed out and signed in, against an app server and database of its own. No answer
// may be a 5xx or take a second, and /healthz must never stall. The 200 ms target for /healthz is a
// speed target, so it is checked by `npm run bench:edge` (this sweep, alone, with the limit at 200 ms):
// in the suite, on a busy two-core machine, a scheduling hiccup of a few ms over 200 is noise, and the
// stalls this guards against (5 s, a minute) are far above the suite's limit of 1 s.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import http from "node:http";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { generateToken, hashToken } from "../../app/modules/auth/tokens.ts";
import { locales, type Locale } from "../../app/modules/i18n/config.ts";
import { listParamsSchema, pointsParamsSchema } from "../../app/modules/map/points/params.ts";
import { sorts } from "../../app/modules/search/results.ts";
import { browseParamsSchema, encodeCursor } from "../../app/modules/search/schemas.ts";
import { createDatabaseFrom, databaseUrl, dropDatabase } from "../setup/test-database.ts";
import { startAppServer, type AppServer } from "./support/app-server.ts";

const root = join(import.meta.dirname, "..", "..");
const port = Number(process.env.E2E_PORT ?? "3197") + 2;
const origin = `http://localhost:${port}`;
const sanneEmail = "sanne@demo.euregio-partners.example";

const concurrency = 2;
const answerLimitMs = 1000;
/** /healthz slower than this is a stall (FUZZ_HEALTH_LIMIT_MS; `npm run bench:edge` sets the 200 ms target). */
const healthLimitMs = Number(process.env.FUZZ_HEALTH_LIMIT_MS ?? 1000);
const healthEveryMs = 50;
/** A request still unanswered after this is given up (and counted as a failure). */
const giveUpMs = 3000;
/** Node's default --max-http-header-size: the request line and headers together. */
const nodeHeaderLimit = 16 * 1024;
/** Probes not sent by then are reported, so a hanging server cannot stretch the run (FUZZ_BUDGET_MS on a busy machine). */
const budgetMs = Number(process.env.FUZZ_BUDGET_MS ?? 120_000);

// ---------------------------------------------------------------------------------------------
// The route table, from the file names in app/routes (Remix flat routes).

type Segment = { literal: string } | { param: string; key: string };
type Route = { file: string; segments: Segment[]; source: string; hasAction: boolean };
type Seeded = {
  userId: string;
  organisationSlug: string;
  requestSlug: string;
  logoId: string;
  matchId: string;
  threadId: string;
};

/** A real value for each dynamic segment, by "<segment before>/$<name>"; "$" is a splat. */
const paramValues: Record<string, (seeded: Seeded) => string> = {
  "organisations/$slug": (seeded) => seeded.organisationSlug,
  "requests/$slug": (seeded) => seeded.requestSlug,
  "logos/$id": (seeded) => seeded.logoId,
  "layers/$name": () => "countries.geojson",
  "sitemaps/$name": () => "organisations-1.xml",
  "language/$locale": () => "de",
  "matches/$id": (seeded) => seeded.matchId,
  "messages/$id": (seeded) => seeded.threadId,
  $: () => "fuzz/no-such-page",
};

/** Query strings some pages need to show their form at all. */
const pageQueries: Record<string, (seeded: Seeded) => string> = {
  "$lang.requests.new.tsx": (seeded) => `org=${seeded.organisationSlug}`,
};

function readRoutes(): { routes: Route[]; uncovered: string[] } {
  const dir = join(root, "app", "routes");
  const routes: Route[] = [];
  const uncovered: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    if (/\.test\.tsx?$/.test(entry)) continue;
    const isFolder = statSync(join(dir, entry)).isDirectory();
    const routeFile = isFolder
      ? ["route.tsx", "route.ts"].map((name) => join(dir, entry, name)).find((file) => existsSync(file))
      : join(dir, entry);
    if (!routeFile) {
      uncovered.push(`${entry}: a folder without route.tsx`);
      continue;
    }
    const name = isFolder ? entry : entry.replace(/\.(tsx|ts|jsx|js)$/, "");
    const segments: Segment[] = [];
    let previous = "";
    for (const token of name.split(/\.(?![^[]*\])/)) {
      if (token === "_index" || (token.startsWith("_") && !token.startsWith("_["))) continue;
      if (token.includes("(")) {
        uncovered.push(`${entry}: optional segments are not in the fuzz table`);
        break;
      }
      if (token === "$") {
        segments.push({ param: "*", key: "$" });
      } else if (token.startsWith("$")) {
        const param = token.slice(1).replace(/_$/, "");
        const key = param === "lang" ? "$lang" : `${previous}/$${param}`;
        if (param !== "lang" && !paramValues[key])
          uncovered.push(`${entry}: no value for $${param} (add "${key}" to paramValues in fuzz.spec.ts)`);
        segments.push({ param, key });
      } else {
        const literal = token.replace(/_$/, "").replace(/\[([^\]]*)\]/g, "$1");
        segments.push({ literal });
        previous = literal;
      }
    }
    const source = readFileSync(routeFile, "utf8");
    routes.push({
      file: entry,
      segments,
      source,
      hasAction: /export (async )?function action\b|export const action\b/.test(source),
    });
  }
  return { routes, uncovered };
}

/** The route's URL path; `raw` puts an already percent-encoded value into one dynamic segment. */
function routePath(route: Route, lang: Locale, seeded: Seeded, raw?: { index: number; value: string }) {
  const parts = route.segments.map((segment, index) => {
    if (raw && raw.index === index) return raw.value;
    if ("literal" in segment) return segment.literal;
    if (segment.key === "$lang") return lang;
    return paramValues[segment.key]!(seeded)
      .split("/")
      .map((part) => encodeURIComponent(part))
      .join("/");
  });
  return `/${parts.join("/")}`;
}

function pageUrl(route: Route, lang: Locale, seeded: Seeded) {
  const query = pageQueries[route.file]?.(seeded);
  return routePath(route, lang, seeded) + (query ? `?${query}` : "");
}

/** Query parameters a route reads: from its source, and from the search and map schemas it uses. */
function queryFieldsOf(route: Route): string[] {
  const names = new Set<string>();
  for (const match of route.source.matchAll(/searchParams\.(?:get|getAll|has)\("([^"]+)"\)/g))
    names.add(match[1]!);
  const schemas: Record<string, string[]> = {
    parseBrowseParams: Object.keys(browseParamsSchema.in.shape),
    browseParamsSchema: Object.keys(browseParamsSchema.in.shape),
    listParamsSchema: Object.keys(listParamsSchema.in.shape),
    pointsParamsSchema: Object.keys(pointsParamsSchema.in.shape),
  };
  for (const [identifier, keys] of Object.entries(schemas))
    if (new RegExp(`\\b${identifier}\\b`).test(route.source)) for (const key of keys) names.add(key);
  return [...names];
}

// ---------------------------------------------------------------------------------------------
// Forms, read from the pages' HTML.

type Control = { name: string; type: string; value: string; checked: boolean; options: string[] };
type Form = {
  method: string;
  action: string;
  multipart: boolean;
  controls: Control[];
  /** Signed in (true) or out (false): where the page showed the form. */
  seen: Set<boolean>;
};

function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, decimal: string) => String.fromCodePoint(Number(decimal)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

function attributes(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const match of text.matchAll(/([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g))
    result[match[1]!.toLowerCase()] = decodeEntities(match[2] ?? match[3] ?? match[4] ?? "");
  return result;
}

function formsIn(html: string, page: string): Form[] {
  const forms: Form[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const attrs = attributes(match[1]!);
    const body = match[2]!;
    const controls: Control[] = [];
    for (const input of body.matchAll(/<input\b([^>]*)>/g)) {
      const a = attributes(input[1]!);
      if (!a.name) continue;
      controls.push({
        name: a.name,
        type: (a.type ?? "text").toLowerCase(),
        value: a.value ?? "",
        checked: "checked" in a,
        options: [],
      });
    }
    for (const button of body.matchAll(/<button\b([^>]*)>/g)) {
      const a = attributes(button[1]!);
      if (a.name)
        controls.push({ name: a.name, type: "submit", value: a.value ?? "", checked: false, options: [] });
    }
    for (const select of body.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
      const a = attributes(select[1]!);
      if (!a.name) continue;
      const options = [...select[2]!.matchAll(/<option\b([^>]*)>/g)].map((option) => attributes(option[1]!));
      const selected = options.find((option) => "selected" in option)?.value;
      controls.push({
        name: a.name,
        type: "select",
        value: selected ?? "",
        checked: false,
        options: options.map((option) => option.value ?? "").filter(Boolean),
      });
    }
    for (const textarea of body.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
      const a = attributes(textarea[1]!);
      if (a.name)
        controls.push({
          name: a.name,
          type: "textarea",
          value: decodeEntities(textarea[2]!),
          checked: false,
          options: [],
        });
    }
    const action = new URL(attrs.action || page, origin);
    forms.push({
      method: (attrs.method ?? "get").toLowerCase(),
      action: action.pathname + action.search,
      multipart: (attrs.enctype ?? "").toLowerCase() === "multipart/form-data",
      controls,
      seen: new Set(),
    });
  }
  return forms;
}

/** Actions that change what later probes see (delete the request, leave the organisation …). */
const destructiveIntents = new Set(["delete", "leave", "remove", "transfer", "close", "match"]);

/** A value that passes the field's own check, so a probe reaches the code behind the form. */
function plausible(control: Control, serial: number): string | undefined {
  if (control.value && !["checkbox", "radio"].includes(control.type)) return control.value;
  switch (control.type) {
    case "email":
      return `fuzz-${serial}@example.org`;
    case "password":
      return "grenzeloos-fuzz-wachtwoord";
    case "date":
      return "2030-06-01";
    case "number":
      return "10";
    case "url":
      return "https://example.org";
    case "select":
      return control.value || control.options[0];
    case "checkbox":
    case "radio":
      return control.checked ? control.value || "on" : undefined;
    case "submit":
      return destructiveIntents.has(control.value) ? undefined : control.value;
    case "file":
      return undefined;
    default:
      return "Fuzz";
  }
}

// ---------------------------------------------------------------------------------------------
// Hostile values, written as they travel: percent-encoded in a query string or urlencoded body.

type Hostile = { kind: string; encoded: (key: string) => string; raw?: string };
const key = (name: string) => encodeURIComponent(name);
const single = (kind: string, raw: string): Hostile => ({
  kind,
  raw,
  encoded: (name) => `${key(name)}=${raw}`,
});

const hostiles: Hostile[] = [
  single("NUL", "a%00b"),
  single("%ff", "%ff%fe"),
  single("%c0%ae", "%c0%ae%c0%ae%2f"),
  single("CR/LF", "a%0d%0aSet-Cookie:%20fuzz%3d1"),
  single("100,000 characters", "x".repeat(100_000)),
  single("../", "..%2f..%2f..%2fetc%2fpasswd"),
  single("unknown enum", "klingon"),
  single("1e309", "1e309"),
  { kind: "array (key twice)", encoded: (name) => `${key(name)}=a&${key(name)}=b` },
  {
    kind: "5,000 repeated keys",
    encoded: (name) =>
      Array(5000)
        .fill(`${key(name)}=x`)
        .join("&"),
  },
];

/** Percent-decoding to bytes, so a multipart body carries exactly what the urlencoded one does. */
function bytesOf(encoded: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < encoded.length; i++) {
    if (encoded[i] === "%" && /^[0-9a-f]{2}$/i.test(encoded.slice(i + 1, i + 3))) {
      bytes.push(parseInt(encoded.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(encoded[i] === "+" ? " " : encoded[i]!));
  }
  return Buffer.from(bytes);
}

const boundary = "----euregio-fuzz-boundary";
function multipartBody(pairs: string): Buffer {
  const chunks: Buffer[] = [];
  for (const pair of pairs ? pairs.split("&") : []) {
    const at = pair.indexOf("=");
    const name = at < 0 ? pair : pair.slice(0, at);
    const value = at < 0 ? "" : pair.slice(at + 1);
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${bytesOf(name).toString()}"\r\n\r\n`,
      ),
      bytesOf(value),
      Buffer.from("\r\n"),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}

// ---------------------------------------------------------------------------------------------
// Probes and the client that sends them.

type Probe = {
  route: string;
  method: string;
  path: string;
  field: string;
  kind: string;
  signedIn?: boolean;
  body?: Buffer | string;
  contentType?: string;
  /** Non-GET probes carry a same-origin Origin unless this is false. */
  origin?: boolean;
  /** The statuses this probe may get (the cross-site check); any below 500 unless given. */
  expectStatus?: number[];
  /** Signed out (false) and/or in (true); both unless given. */
  states?: boolean[];
};

type Failure = { probe: Probe; problem: string; status?: number; ms: number };
type Answer = { status: number; ms: number; setCookie: string[] } | { error: string; ms: number };

const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const healthAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });
const recoveryAgent = new http.Agent({ keepAlive: true, maxSockets: 1 });

const isEventStream = (response: http.IncomingMessage) =>
  String(response.headers["content-type"] ?? "").startsWith("text/event-stream");

function send(
  options: { method: string; path: string; headers: http.OutgoingHttpHeaders; body?: Buffer | string },
  using: http.Agent | false = agent,
): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve) => {
    let settled = false;
    const done = (answer: Answer) => {
      if (!settled) {
        settled = true;
        resolve(answer);
      }
    };
    const request = http.request(
      {
        host: "127.0.0.1",
        port,
        agent: using,
        method: options.method,
        path: options.path,
        headers: options.headers,
      },
      (response) => {
        // An event stream (GET /events, signed in) never ends: it has answered once its headers are here.
        if (isEventStream(response)) {
          done({
            status: response.statusCode ?? 0,
            ms: performance.now() - started,
            setCookie: response.headers["set-cookie"] ?? [],
          });
          return void request.destroy();
        }
        response.on("data", () => {});
        response.on("end", () =>
          done({
            status: response.statusCode ?? 0,
            ms: performance.now() - started,
            setCookie: response.headers["set-cookie"] ?? [],
          }),
        );
        response.on("error", (error) => done({ error: error.message, ms: performance.now() - started }));
      },
    );
    request.setTimeout(giveUpMs, () => {
      done({ error: `no answer within ${giveUpMs} ms`, ms: performance.now() - started });
      request.destroy();
    });
    request.on("error", (error: NodeJS.ErrnoException) =>
      done({ error: error.code ?? error.message, ms: performance.now() - started }),
    );
    request.end(options.body);
  });
}

// ---------------------------------------------------------------------------------------------

let app: AppServer;
let database: pg.Client;
let databaseName: string;
let seeded: Seeded;
const serverErrors: string[] = [];

test.describe.configure({ mode: "serial" });
test.setTimeout(Math.max(300_000, budgetMs + 180_000));

test.beforeAll(async () => {
  const adminUrl = process.env.E2E_ADMIN_DATABASE_URL;
  const template = process.env.E2E_TEMPLATE_DATABASE;
  if (!adminUrl || !template) throw new Error("run the fuzz through playwright.config.ts (global setup)");
  databaseName = await createDatabaseFrom(adminUrl, template, "euregio_fuzz");
  const url = databaseUrl(adminUrl, databaseName);
  execFileSync(process.execPath, ["--import", "tsx", join(root, "scripts", "db-seed.ts")], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: "ignore",
  });
  database = new pg.Client({ connectionString: url });
  await database.connect();
  const [owner] = (
    await database.query<{ user_id: string; organisation_id: string; slug: string }>(
      `SELECT m.user_id, o.id AS organisation_id, o.slug FROM memberships m
         JOIN users u ON u.id = m.user_id JOIN organisations o ON o.id = m.organisation_id
        WHERE u.email = $1 AND m.role = 'owner' ORDER BY o.created_at LIMIT 1`,
      [sanneEmail],
    )
  ).rows;
  if (!owner) throw new Error("the demo data has no organisation of Sanne's");
  const [request] = (
    await database.query<{ slug: string }>(
      `SELECT slug FROM partnership_requests WHERE organisation_id = $1 ORDER BY status = 'open' DESC, slug LIMIT 1`,
      [owner.organisation_id],
    )
  ).rows;
  if (!request) throw new Error("Sanne's organisation has no request in the demo data");
  const [logo] = (await database.query<{ id: string }>("SELECT id FROM organisation_logos LIMIT 1")).rows;
  const [match] = (
    await database.query<{ id: string }>(
      "SELECT id FROM matches WHERE from_organisation_id = $1 OR to_organisation_id = $1 ORDER BY created_at LIMIT 1",
      [owner.organisation_id],
    )
  ).rows;
  if (!match) throw new Error("Sanne's organisation has no match in the demo data");
  const [thread] = (
    await database.query<{ id: string }>(
      `SELECT t.id FROM threads t JOIN matches m ON m.id = t.match_id
        WHERE m.from_organisation_id = $1 OR m.to_organisation_id = $1 ORDER BY t.created_at LIMIT 1`,
      [owner.organisation_id],
    )
  ).rows;
  if (!thread) throw new Error("Sanne's organisation has no conversation in the demo data");
  seeded = {
    userId: owner.user_id,
    organisationSlug: owner.slug,
    requestSlug: request.slug,
    logoId: logo?.id ?? "00000000-0000-4000-8000-000000000000",
    matchId: match.id,
    threadId: thread.id,
  };
  app = await startAppServer({
    port,
    databaseUrl: url,
    onStderr: (text) => serverErrors.push(text),
  });
});

test.afterAll(async () => {
  agent.destroy();
  healthAgent.destroy();
  recoveryAgent.destroy();
  await app?.stop();
  await database?.end();
  if (databaseName) await dropDatabase(process.env.E2E_ADMIN_DATABASE_URL!, databaseName);
});

function percentile(samples: number[], fraction: number): number {
  if (samples.length === 0) return 0;
  const sorted = [...samples].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))]!);
}

/** A fresh session of Sanne's, inserted the way the fixtures sign in. */
async function newSession(): Promise<string> {
  const token = generateToken();
  await database.query(
    "INSERT INTO sessions (id, user_id, expires_at) VALUES ($1, $2, now() + interval '30 days')",
    [hashToken(token), seeded.userId],
  );
  return token;
}

test("hostile input on every route: no 5xx, every answer within 1 s, /healthz never stalls", async () => {
  const { routes, uncovered } = readRoutes();
  expect(uncovered, "route files the fuzz table does not cover").toEqual([]);
  expect(routes.length).toBeGreaterThan(10);

  const site = await readSite(routes);
  const batches: Batch[] = [
    ...routes.map((route) => routeBatch(route, site)),
    ...cursorBatches(routes),
    noOriginBatch(),
    bigBodyBatch(site),
  ];
  const run = await runBatches(batches);

  const summary =
    `fuzz: ${run.sent} requests in ${run.seconds.toFixed(1)} s (${batches.length} batches, ` +
    `${routes.length} route files, ${site.targets.size} form targets), slowest ${Math.round(run.maxMs)} ms; ` +
    `/healthz polled ${run.healthPolls} times, median ${percentile(run.healthSamples, 0.5)} ms, ` +
    `p99 ${percentile(run.healthSamples, 0.99)} ms, slowest ${Math.round(run.healthMaxMs)} ms ` +
    `(limit ${healthLimitMs} ms); ` +
    `${run.refusedByHeaderLimit} refused by Node's header limit, ${run.retried} resent on a new connection, ` +
    `${run.renewedSessions} sessions renewed after a sign-out`;
  console.info(summary);
  writeFileSync(test.info().outputPath("batches.txt"), `${summary}\n${run.stats.join("\n")}\n`);
  writeFileSync(test.info().outputPath("server-stderr.log"), serverErrors.join(""));
  test.info().annotations.push({ type: "requests", description: String(run.sent) });
  test.info().annotations.push({ type: "fuzz", description: summary });
  expect(run.failures.length, report(run.failures)).toBe(0);
});

// ---------------------------------------------------------------------------------------------
// What the site shows: each page's forms (signed out and signed in) and the query parameters read.

type Site = {
  /** POST forms by action (path and query, in English). */
  targets: Map<string, Form>;
  /** Query parameters by route file. */
  queryFields: Map<string, Set<string>>;
  routeOf: (path: string) => Route | undefined;
};

async function readSite(routes: Route[]): Promise<Site> {
  const session = await newSession();
  const targets = new Map<string, Form>();
  const queryFields = new Map<string, Set<string>>();
  const routeOf = (path: string) =>
    routes.find((route) => routePath(route, "en", seeded) === path.split("?")[0]);
  for (const route of routes) queryFields.set(route.file, new Set(queryFieldsOf(route)));
  for (const route of routes) {
    const page = pageUrl(route, "en", seeded);
    for (const signedIn of [false, true]) {
      const html = await getText(page, signedIn ? `ep_session=${session}` : undefined);
      for (const form of formsIn(html, page)) {
        if (form.method === "get") {
          const target = routeOf(form.action);
          if (target) for (const control of form.controls) queryFields.get(target.file)!.add(control.name);
          continue;
        }
        const known = targets.get(form.action) ?? { ...form, controls: [] };
        known.seen.add(signedIn);
        for (const control of form.controls)
          if (!known.controls.some((other) => other.name === control.name)) known.controls.push(control);
        targets.set(form.action, known);
      }
    }
    // Fields a page shows only in some states (a reset form needs a valid link) come from the source.
    if (route.hasAction) {
      const form = targets.get(page) ?? {
        method: "post",
        action: page,
        multipart: false,
        controls: [],
        seen: new Set([false, true]),
      };
      for (const match of route.source.matchAll(/\bname="([^"]+)"(?:\s+value="([^"]*)")?/g))
        if (!form.controls.some((control) => control.name === match[1]))
          form.controls.push({
            name: match[1]!,
            type: "text",
            value: match[2] ?? "",
            checked: false,
            options: [],
          });
      targets.set(page, form);
    }
  }
  for (const action of targets.keys()) {
    const route = routeOf(action);
    if (route)
      for (const name of new URL(action, origin).searchParams.keys()) queryFields.get(route.file)!.add(name);
  }
  return { targets, queryFields, routeOf };
}

// ---------------------------------------------------------------------------------------------
// The probes, in batches that each start with a fresh session.

type Batch = { name: string; probes: Probe[] };
const methods = ["GET", "POST", "PUT", "DELETE", "TRACE"];
const urlencoded = "application/x-www-form-urlencoded";
const multipart = `multipart/form-data; boundary=${boundary}`;
let serial = 0;
const langOf = (index: number): Locale => locales[index % locales.length]!;
const inLang = (path: string, lang: Locale) => path.replace(/^\/en(?=\/|\?|$)/, `/${lang}`);
const withQuery = (path: string, query: string) =>
  query ? `${path}${path.includes("?") ? "&" : "?"}${query}` : path;
const encodedPair = (name: string, value: string) => `${key(name)}=${encodeURIComponent(value)}`;

function routeBatch(route: Route, site: Site): Batch {
  const probes: Probe[] = [];
  const name = route.file;
  const fields = [...site.queryFields.get(name)!];
  const forms = [...site.targets.values()].filter((form) => site.routeOf(form.action) === route);
  const formFields = [...new Set(forms.flatMap((form) => form.controls.map((control) => control.name)))];

  // Every method, in every language, with no input; then with every field at once.
  for (const lang of locales)
    for (const method of methods)
      probes.push({ route: name, method, path: pageUrl(route, lang, seeded), field: "-", kind: "none" });
  hostiles.forEach((hostile, index) => {
    const query = fields.map((field) => hostile.encoded(field)).join("&");
    const body = formFields.map((field) => hostile.encoded(field)).join("&");
    for (const method of methods)
      probes.push({
        route: name,
        method,
        path: withQuery(routePath(route, langOf(index), seeded), query),
        field: "all fields",
        kind: hostile.kind,
        ...(method === "GET" ? {} : { body, contentType: urlencoded }),
      });
  });

  // Each query parameter alone.
  for (const field of fields)
    hostiles.forEach((hostile, index) => {
      const path = withQuery(pageUrl(route, langOf(index), seeded), hostile.encoded(field));
      probes.push({ route: name, method: "GET", path, field, kind: hostile.kind });
      if (route.hasAction)
        probes.push({
          route: name,
          method: "POST",
          path,
          field,
          kind: hostile.kind,
          body: "",
          contentType: urlencoded,
        });
    });

  // Each dynamic path segment.
  route.segments.forEach((segment, segmentIndex) => {
    if ("literal" in segment) return;
    hostiles.forEach((hostile, index) => {
      if (!hostile.raw) return;
      const path = routePath(route, langOf(index), seeded, { index: segmentIndex, value: hostile.raw });
      for (const method of ["GET", "POST"])
        probes.push({ route: name, method, path, field: `$${segment.param}`, kind: hostile.kind });
    });
  });

  for (const form of forms) probes.push(...formProbes(name, form));
  return { name, probes };
}

/** Each field of a form alone (the others empty, and the others plausible), wrong content types, dates. */
function formProbes(name: string, form: Form): Probe[] {
  const probes: Probe[] = [];
  const names = [...new Set(form.controls.map((control) => control.name))];
  const encode = (body: string) =>
    form.multipart
      ? { body: multipartBody(body), contentType: multipart }
      : { body, contentType: urlencoded };
  const destructive = form.controls.some(
    (control) => control.name === "intent" && destructiveIntents.has(control.value),
  );
  const plausibleExcept = (skip: string) =>
    form.controls
      .filter((control) => control.name !== skip)
      .flatMap((control) => {
        const value = plausible(control, serial++);
        return value === undefined ? [] : [encodedPair(control.name, value)];
      })
      .join("&");

  for (const field of names)
    hostiles.forEach((hostile, index) => {
      const path = inLang(form.action, langOf(index));
      const empty = names
        .filter((other) => other !== field)
        .map((other) => `${key(other)}=`)
        .concat(hostile.encoded(field))
        .join("&");
      probes.push({
        route: name,
        method: "POST",
        path,
        field,
        kind: `${hostile.kind}, others empty`,
        ...encode(empty),
      });
      // Values no field accepts (too long, repeated) fail the same way whatever the others hold; and the
      // others plausible only where the page shows the form, elsewhere a guard answers first.
      const refusedAnyway = ["100,000 characters", "5,000 repeated keys"].includes(hostile.kind);
      if (destructive || refusedAnyway || path.includes("/signout")) return;
      const body = `${plausibleExcept(field)}&${hostile.encoded(field)}`;
      const states = [...form.seen];
      probes.push({
        route: name,
        method: "POST",
        path,
        field,
        kind: `${hostile.kind}, others plausible`,
        states,
        ...encode(body),
      });
      if (!form.multipart && ["NUL", "%ff", "array (key twice)"].includes(hostile.kind))
        probes.push({
          route: name,
          method: "POST",
          path,
          field,
          kind: `${hostile.kind}, others plausible, multipart`,
          states,
          body: multipartBody(body),
          contentType: multipart,
        });
    });

  // The form filled in as a reader would; for the sign-out form this signs the session out, so the
  // next probes run on a fresh one.
  if (!destructive)
    probes.push({
      route: name,
      method: "POST",
      path: form.action,
      field: "-",
      kind: "valid form",
      states: [...form.seen],
      ...encode(plausibleExcept("")),
    });

  const first = names[0] ?? "x";
  const wrongBodies: { kind: string; contentType?: string; body: Buffer | string }[] = [
    { kind: "JSON", contentType: "application/json", body: JSON.stringify({ [first]: ["x"] }) },
    { kind: "text/plain", contentType: "text/plain", body: "a=b" },
    {
      kind: "XML",
      contentType: "application/xml",
      body: "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><x>&e;</x>",
    },
    { kind: "multipart without boundary", contentType: "multipart/form-data", body: "x" },
    {
      kind: "multipart, unterminated",
      contentType: multipart,
      body: `--${boundary}\r\nContent-Disposition: form-data; name="${first}"\r\n\r\nx`,
    },
    {
      kind: "urlencoded, charset=utf-16",
      contentType: `${urlencoded}; charset=utf-16`,
      body: Buffer.from("a=b", "utf16le"),
    },
    {
      kind: "urlencoded, binary bytes",
      contentType: urlencoded,
      body: Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
    },
    { kind: "no content type", body: "a=b" },
    { kind: "unknown content type", contentType: "application/x-fuzz", body: "a=b" },
  ];
  for (const wrong of wrongBodies)
    probes.push({ route: name, method: "POST", path: form.action, field: "content type", ...wrong });

  // 0000-01-01 in each date field and in all at once, the rest of the form valid. A ticked lone
  // checkbox (a flexible timeframe) would make the dates irrelevant, so those stay unticked.
  const dates = form.controls.filter((control) => control.type === "date").map((control) => control.name);
  const lone = (control: Control) =>
    control.type === "checkbox" && form.controls.filter((other) => other.name === control.name).length === 1;
  const dateBody = (zeroed: string[]) =>
    form.controls
      .filter((control) => !lone(control))
      .flatMap((control) => {
        const value = zeroed.includes(control.name) ? "0000-01-01" : plausible(control, serial++);
        return value === undefined ? [] : [encodedPair(control.name, value)];
      })
      .join("&");
  for (const zeroed of [...dates.map((date) => [date]), ...(dates.length > 1 ? [dates] : [])])
    probes.push({
      route: name,
      method: "POST",
      path: form.action,
      field: zeroed.join("+"),
      kind: "date 0000-01-01",
      ...encode(dateBody(zeroed)),
    });
  return probes;
}

/** Hand-made browse cursors, each with the query that makes its sort the one in use. */
function cursorBatches(routes: Route[]): Batch[] {
  const browse = routes.find((route) => /\bparseBrowseParams\b/.test(route.source));
  if (!browse) return [];
  const uuid = "5f0c6b8e-2a1d-4c3e-9b7a-0d1e2f3a4b5c";
  const b64 = (text: string) => Buffer.from(text).toString("base64url");
  const contexts: Record<string, string> = { newest: "", relevance: "q=school", distance: "near=GM0268" };
  const cursors: { sort?: string; kind: string; value: string }[] = [];
  for (const s of sorts) {
    for (const k of ["x", "2020-01-01", "", "9999-99-99T99:99", "y".repeat(200), 0, -1, 1e308, 2 ** 63])
      cursors.push({
        sort: s,
        kind: `${s}, k=${JSON.stringify(k).slice(0, 20)}`,
        value: encodeCursor({ s, k, i: uuid }),
      });
    for (const raw of ["NaN", "1e309", "-1e309", "true", "null", "[]", "{}", '["x"]'])
      cursors.push({ sort: s, kind: `${s}, k=${raw}`, value: b64(`{"s":"${s}","k":${raw},"i":"${uuid}"}`) });
    cursors.push({ sort: s, kind: `${s}, i not a uuid`, value: b64(`{"s":"${s}","k":"x","i":"../x"}`) });
    cursors.push({ sort: s, kind: `${s}, i a number`, value: b64(`{"s":"${s}","k":1,"i":1}`) });
  }
  cursors.push(
    { kind: "s a number", value: b64(`{"s":1,"k":1,"i":"${uuid}"}`) },
    { kind: "unknown s", value: b64(`{"s":"klingon","k":1,"i":"${uuid}"}`) },
    {
      kind: "extra keys",
      value: b64(`{"s":"newest","k":"2020-01-01T00:00:00Z","i":"${uuid}","__proto__":{"x":1}}`),
    },
    { kind: "invalid JSON", value: b64(`{"s":"newest",`) },
    { kind: "JSON string", value: b64(`"newest"`) },
    { kind: "not UTF-8", value: Buffer.from([0xff, 0xfe, 0xc0, 0xae]).toString("base64url") },
    { kind: "not base64", value: "!!!***" },
    { kind: "percent bytes", value: "%ff%00" },
    { kind: "300 characters", value: "A".repeat(300) },
  );
  const probes = cursors.flatMap((cursor, index) =>
    ["requests", "organisations"].map((show) => ({
      route: browse.file,
      method: "GET",
      path: withQuery(
        routePath(browse, langOf(index), seeded),
        [`show=${show}`, contexts[cursor.sort ?? "newest"], `cursor=${cursor.value}`]
          .filter(Boolean)
          .join("&"),
      ),
      field: "cursor",
      kind: cursor.kind,
    })),
  );
  return [{ name: `${browse.file} cursors`, probes }];
}

/** Non-GET requests without an Origin are refused (the cross-site check). */
function noOriginBatch(): Batch {
  const paths = [
    "/en/signin",
    "/de/signup",
    "/nl/forgot-password",
    "/en/account?intent=profile",
    "/en/signout",
  ];
  const probes = paths.flatMap((path) =>
    ["POST", "DELETE"].map((method) => ({
      route: path,
      method,
      path,
      field: "Origin",
      kind: "no Origin",
      body: "name=x",
      contentType: urlencoded,
      origin: false,
      // The method limit may answer a DELETE before the cross-site check does.
      expectStatus: method === "POST" ? [403] : [403, 405],
    })),
  );
  return { name: "no Origin", probes };
}

/** Big bodies, last: one key repeated to 350 KB, and multipart bodies of 20,000 parts. */
function bigBodyBatch(site: Site): Batch {
  const repeated = Array(87_500).fill("a=x").join("&");
  const paths = [
    "/en/signin",
    "/de/signup",
    "/nl/forgot-password",
    "/en/reset-password",
    "/en/account?intent=profile",
  ];
  const probes: Probe[] = paths.map((path) => ({
    route: path,
    method: "POST",
    path,
    field: "a",
    kind: "350 KB, one key repeated",
    body: repeated,
    contentType: urlencoded,
  }));
  const sameName = multipartBody(Array(20_000).fill("name=x").join("&"));
  const distinctNames = multipartBody(Array.from({ length: 20_000 }, (_, i) => `f${i}=x`).join("&"));
  for (const form of site.targets.values())
    if (form.multipart)
      for (const [kind, body] of [
        ["20,000 parts, one name", sameName],
        ["20,000 parts, distinct names", distinctNames],
      ] as const)
        probes.push({
          route: form.action,
          method: "POST",
          path: form.action,
          field: "-",
          kind,
          body,
          contentType: multipart,
        });
  return { name: "big bodies", probes };
}

// ---------------------------------------------------------------------------------------------
// Sending: signed out, then signed in, batch by batch, while /healthz is polled.

type Run = {
  failures: Failure[];
  sent: number;
  seconds: number;
  maxMs: number;
  healthPolls: number;
  healthMaxMs: number;
  healthSamples: number[];
  refusedByHeaderLimit: number;
  retried: number;
  renewedSessions: number;
  stats: string[];
};

async function runBatches(batches: Batch[]): Promise<Run> {
  const run: Run = {
    failures: [],
    sent: 0,
    seconds: 0,
    maxMs: 0,
    healthPolls: 0,
    healthMaxMs: 0,
    healthSamples: [],
    refusedByHeaderLimit: 0,
    retried: 0,
    renewedSessions: 0,
    stats: [],
  };
  const inFlight = new Set<Probe>();
  const healthz = { method: "GET", path: "/healthz", headers: { host: `localhost:${port}` } };
  let polling = true;
  const poller = (async () => {
    while (polling) {
      const started = performance.now();
      const answer = await send(healthz, healthAgent);
      run.healthPolls++;
      run.healthMaxMs = Math.max(run.healthMaxMs, answer.ms);
      run.healthSamples.push(answer.ms);
      const problem =
        "error" in answer
          ? answer.error
          : answer.status !== 200
            ? `status ${answer.status}`
            : answer.ms >= healthLimitMs
              ? "slow"
              : "";
      if (problem) {
        const during = [...inFlight].map(
          (probe) => `${probe.method} ${probe.path.slice(0, 80)} [${probe.field}: ${probe.kind}]`,
        );
        run.failures.push({
          probe: {
            route: "/healthz",
            method: "GET",
            path: "/healthz",
            field: "-",
            kind: `during ${during.join(" | ") || "nothing"}`,
          },
          problem: `/healthz ${problem}`,
          ms: answer.ms,
        });
      }
      await sleep(Math.max(0, healthEveryMs - (performance.now() - started)));
    }
  })();

  // After a hang, wait until the server answers again, so one slow probe does not fail the next ones.
  let recovering: Promise<void> | undefined;
  const waitUntilHealthy = async () => {
    for (let tries = 0; tries < 600; tries++) {
      const answer = await send(healthz, recoveryAgent);
      if (!("error" in answer) && answer.status === 200 && answer.ms < healthLimitMs) return;
      await sleep(100);
    }
  };

  const started = performance.now();
  let unsent = 0;
  for (const batch of batches) {
    for (const signedIn of [false, true]) {
      const session = {
        token: signedIn ? await newSession() : undefined,
        renewing: undefined as Promise<void> | undefined,
      };
      const batchStats = {
        started: performance.now(),
        sent: run.sent,
        maxMs: 0,
        statuses: new Map<string, number>(),
      };
      const queue = batch.probes
        .filter((probe) => !probe.states || probe.states.includes(signedIn))
        .map((probe) => ({ ...probe, signedIn }));
      const worker = async () => {
        for (let probe = queue.shift(); probe; probe = queue.shift()) {
          if (performance.now() - started > budgetMs) {
            unsent++;
            continue;
          }
          if (recovering) await recovering;
          if (session.renewing) await session.renewing;
          const headers: http.OutgoingHttpHeaders = { host: `localhost:${port}`, accept: "text/html,*/*" };
          if (session.token) headers.cookie = `ep_session=${session.token}`;
          if (probe.method !== "GET" && probe.origin !== false) headers.origin = origin;
          if (probe.contentType) headers["content-type"] = probe.contentType;
          if (probe.body !== undefined) headers["content-length"] = Buffer.byteLength(probe.body);
          const options = { method: probe.method, path: probe.path, headers, body: probe.body };
          inFlight.add(probe);
          let answer = await send(options);
          run.sent++;
          if ("error" in answer && headSize(options) > nodeHeaderLimit) {
            // Node refuses a request head over its limit with 431 and closes the connection, which may
            // reset it before the client reads the 431: either way the request was answered.
            run.refusedByHeaderLimit++;
            answer = { status: 431, ms: answer.ms, setCookie: [] };
          } else if ("error" in answer && !answer.error.startsWith("no answer")) {
            // A kept-alive connection the server had just closed: once more on a new one.
            answer = await send(options, false);
            run.sent++;
            run.retried++;
          }
          inFlight.delete(probe);
          const { ms } = answer;
          batchStats.maxMs = Math.max(batchStats.maxMs, ms);
          run.maxMs = Math.max(run.maxMs, ms);
          const status = "error" in answer ? "error" : String(answer.status);
          batchStats.statuses.set(status, (batchStats.statuses.get(status) ?? 0) + 1);
          const fail = (problem: string, code?: number) =>
            run.failures.push({ probe, problem, ms, ...(code ? { status: code } : {}) });
          if ("error" in answer) fail(`no answer: ${answer.error}`);
          else {
            if (answer.status >= 500) fail(`status ${answer.status}`, answer.status);
            else if (probe.expectStatus && !probe.expectStatus.includes(answer.status))
              fail(`status ${answer.status}, expected ${probe.expectStatus.join(" or ")}`, answer.status);
            if (ms >= answerLimitMs) fail(`slow: ${Math.round(ms)} ms`, answer.status);
            // A probe that signed the session out (a valid sign-out) gets the next probes a new one.
            if (signedIn && answer.setCookie.some((cookie) => /^ep_session=;.*Max-Age=0/i.test(cookie)))
              session.renewing ??= newSession()
                .then((token) => {
                  session.token = token;
                  run.renewedSessions++;
                })
                .finally(() => (session.renewing = undefined));
          }
          if ("error" in answer || ms >= answerLimitMs)
            recovering ??= waitUntilHealthy().finally(() => (recovering = undefined));
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      run.stats.push(
        `${batch.name} (${signedIn ? "signed in" : "signed out"}): ${run.sent - batchStats.sent} requests, ` +
          `${Math.round(performance.now() - batchStats.started)} ms, slowest ${Math.round(batchStats.maxMs)} ms; ` +
          [...batchStats.statuses]
            .sort()
            .map(([code, count]) => `${code}×${count}`)
            .join(" "),
      );
    }
  }
  polling = false;
  await poller;
  run.seconds = (performance.now() - started) / 1000;
  if (unsent)
    run.failures.push({
      probe: { route: "-", method: "-", path: "-", field: "-", kind: "-" },
      problem: `time budget of ${budgetMs / 1000} s spent: ${unsent} probes not sent`,
      ms: 0,
    });
  return run;
}

/** The request line and headers, as Node's header limit counts them. */
function headSize(options: { method: string; path: string; headers: http.OutgoingHttpHeaders }): number {
  return Object.entries(options.headers).reduce(
    (sum, [name, value]) => sum + name.length + String(value).length + 4,
    options.method.length + options.path.length + 12,
  );
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function getText(path: string, cookie: string | undefined): Promise<string> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: "127.0.0.1",
        port,
        agent,
        path,
        headers: { host: `localhost:${port}`, ...(cookie ? { cookie } : {}) },
      },
      (response) => {
        if (isEventStream(response)) {
          request.destroy();
          return resolve("");
        }
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk) => (text += chunk));
        response.on("end", () => resolve(text));
      },
    );
    request.on("error", reject);
    request.end();
  });
}

/** Failures grouped by route, method, field and problem, with the value kinds that caused each. */
function report(failures: Failure[]): string {
  const groups = new Map<string, { kinds: Set<string>; count: number; maxMs: number; auth: Set<string> }>();
  for (const failure of failures) {
    const { probe } = failure;
    const path = probe.path.length > 90 ? `${probe.path.slice(0, 90)}…` : probe.path;
    const where =
      probe.route === "/healthz"
        ? "/healthz"
        : `${probe.route} ${probe.method} ${path.split("?")[0]} [${probe.field}]`;
    const problem = failure.problem.startsWith("slow") ? "slow (≥ 1 s)" : failure.problem;
    const groupKey = `${problem} — ${where}`;
    const group = groups.get(groupKey) ?? { kinds: new Set(), count: 0, maxMs: 0, auth: new Set() };
    group.kinds.add(probe.kind);
    group.count++;
    group.maxMs = Math.max(group.maxMs, failure.ms);
    group.auth.add(probe.signedIn ? "signed in" : "signed out");
    groups.set(groupKey, group);
  }
  const lines = [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([groupKey, group]) =>
        `${groupKey} ×${group.count} (${[...group.auth].join(", ")}; max ${Math.round(group.maxMs)} ms): ` +
        [...group.kinds].slice(0, 12).join("; ") +
        (group.kinds.size > 12 ? `; … ${group.kinds.size - 12} more` : ""),
    );
  const errors = [...serverErrorSummary().entries()].map(([headline, count]) => `×${count} ${headline}`);
  return (
    `${failures.length} failures in ${groups.size} groups:\n${lines.join("\n")}` +
    (errors.length ? `\n\nerrors the server logged (405s left out):\n${errors.join("\n")}` : "")
  );
}

/** The server's logged errors, one headline each (first lines without the stack), with counts. */
function serverErrorSummary(): Map<string, number> {
  const text = serverErrors.join("").replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g"), "");
  const counts = new Map<string, number>();
  for (const block of text.split(/\n(?=\S)/)) {
    const lines = block
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith("at ") && line !== "}");
    if (lines.some((line) => /status: 405|Method Not Allowed/.test(line)) || !lines.length) continue;
    const headline = lines.slice(0, 4).join(" / ").slice(0, 300);
    counts.set(headline, (counts.get(headline) ?? 0) + 1);
  }
  return counts;
}
