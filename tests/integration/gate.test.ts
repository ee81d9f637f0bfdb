// The input gate on a real HTTP server: what it refuses, how fast, in which language, and that what
// it lets through reaches the handler unchanged.
import { request as httpRequest, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inputGate } from "../../server/gate.ts";

type Answer = { status: number; headers: IncomingHttpHeaders; body: string; ms: number };

let origin = "";
let server: ReturnType<ReturnType<typeof express>["listen"]>;
let reached = 0;

beforeAll(async () => {
  const app = express();
  app.set("trust proxy", false);
  app.use(inputGate({ appOrigin: "https://euregio-partners.example", trustProxy: false }));
  app.all("*", (req, res) => {
    reached++;
    res.json({
      method: req.method,
      body: req.rawBody?.toString("utf8") ?? null,
      forwardedHost: req.headers["x-forwarded-host"] ?? null,
    });
  });
  await new Promise<void>((resolve) => {
    server = app.listen(0, "127.0.0.1", () => resolve());
  });
  origin = `http://localhost:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function send(
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const call = httpRequest(
      `${origin}${path}`,
      { method, headers: { Host: new URL(origin).host, ...options.headers } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString("utf8"),
            ms: performance.now() - started,
          }),
        );
      },
    );
    // The gate may answer before it has read a large body, and close the connection.
    call.on("error", (error) =>
      (error as NodeJS.ErrnoException).code === "EPIPE" ? undefined : reject(error),
    );
    if (options.body !== undefined) call.end(options.body);
    else call.end();
  });
}

const form = (body: string, headers: Record<string, string> = {}) => ({
  headers: {
    "Content-Type": "application/x-www-form-urlencoded",
    "Content-Length": String(Buffer.byteLength(body)),
    Origin: origin,
    ...headers,
  },
  body,
});

function multipart(parts: [string, string][], boundary = "gateboundary") {
  const body = Buffer.from(
    parts
      .map(
        ([name, value]) =>
          `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
      )
      .join("") + `--${boundary}--\r\n`,
    "latin1",
  );
  return {
    headers: {
      "Content-Type": `multipart/form-data; boundary=${boundary}`,
      "Content-Length": String(body.length),
      Origin: origin,
    },
    body,
  };
}

describe("input gate", () => {
  it("answers methods we do not serve with 405 and Allow", async () => {
    for (const method of ["TRACE", "PUT", "DELETE", "PATCH", "OPTIONS"]) {
      const answer = await send(method, "/en/browse", { headers: { Origin: origin } });
      expect(answer.status, method).toBe(405);
      expect(answer.headers.allow).toBe("GET, HEAD, POST");
    }
  });

  it("refuses NUL and invalid UTF-8 in paths and query strings with a translated 400", async () => {
    for (const path of [
      "/en/browse?q=a%00b",
      "/en/organisations/%00",
      "/en/browse?q=%ff",
      "/en/browse?q=%c0%ae",
      "/en/%E0%A4%A",
      "/en/browse?q%00=x",
      "/en/a%0Ab",
    ]) {
      const answer = await send("GET", path);
      expect(answer.status, path).toBe(400);
    }
    const german = await send("GET", "/de/browse?q=a%00b");
    expect(german.body).toContain("Zeichen, die nicht verarbeitet werden können");
    expect(german.headers["content-language"]).toBe("de");
    const dutch = await send("GET", "/browse?q=%ff", { headers: { "Accept-Language": "nl-NL,nl;q=0.9" } });
    expect(dutch.body).toContain("tekens die niet verwerkt kunnen worden");
    const map = await send("GET", "/map/points?bbox=5.5,51.5,6.8,52.0&zoom=9&q=a%00b");
    expect(map.status).toBe(400);
    expect(JSON.parse(map.body)).toEqual({ error: expect.stringContaining("characters") });
  });

  it("lets text with accents, tabs and line breaks through unchanged", async () => {
    const text = "name=J%C3%BCrgen+M%C3%BCller&description=Zeile+1%0D%0AZeile%092";
    const answer = await send("POST", "/de/signup", form(text));
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body).body).toBe(text);
    expect((await send("GET", "/de/browse?q=M%C3%BCnster+%C3%9F")).status).toBe(200);
  });

  it("refuses NUL and invalid UTF-8 in form bodies, urlencoded and multipart", async () => {
    expect((await send("POST", "/en/signup", form("name=a%00b"))).status).toBe(400);
    expect((await send("POST", "/en/signup", form("name=%ff"))).status).toBe(400);
    const raw = Buffer.concat([Buffer.from("name="), Buffer.from([0xff, 0xfe])]);
    expect(
      (
        await send("POST", "/en/signup", {
          ...form(""),
          body: raw,
          headers: { ...form("").headers, "Content-Length": String(raw.length) },
        })
      ).status,
    ).toBe(400);
    expect((await send("POST", "/en/signup", multipart([["name", "a\u0000b"]]))).status).toBe(400);
    expect((await send("POST", "/en/signup", multipart([["name", "\xc0\xae"]]))).status).toBe(400);
    const fine = await send(
      "POST",
      "/en/signup",
      multipart([["name", Buffer.from("Jürgen", "utf8").toString("latin1")]]),
    );
    expect(fine.status).toBe(200);
  });

  it("answers a flood of repeated keys with 400/413 in linear time, before the handler", async () => {
    const before = reached;
    expect((await send("GET", `/en/browse?${"q=a&".repeat(1_500)}`)).status).toBe(400);
    expect((await send("GET", `/en/browse?${"q=a&".repeat(3_000)}`)).status).toBe(414);
    // Beyond 16 KB of headers Node itself answers 431.
    expect((await send("GET", `/en/browse?${"q=a&".repeat(5_000)}`)).status).toBe(431);
    const repeated = "email=a".padEnd(10, "a");
    const body = await send("POST", "/en/signin", form(Array(35_000).fill(repeated).join("&")));
    expect(body.status).toBe(413);
    expect(body.ms).toBeLessThan(1_000);
    const fields = await send("POST", "/en/signin", form(Array(201).fill("a=1").join("&")));
    expect(fields.status).toBe(413);
    const parts = await send("POST", "/en/organisations/new", multipart(Array(20_000).fill(["name", "x"])));
    expect(parts.status).toBe(413);
    expect(reached).toBe(before);
  });

  it("limits bodies per route: a large text form is refused, an upload form may carry a logo", async () => {
    const big = "x".repeat(300 * 1024);
    expect((await send("POST", "/en/signin", multipart([["logo", big]]))).status).toBe(413);
    expect((await send("POST", "/en/organisations/new", multipart([["description", big]]))).status).toBe(200);
    // With JavaScript the same form posts to its single-fetch data URL.
    expect((await send("POST", "/en/organisations/new.data", multipart([["description", big]]))).status).toBe(
      200,
    );
    expect(
      (await send("POST", "/de/organisations/a-club/edit.data", multipart([["description", big]]))).status,
    ).toBe(200);
    expect((await send("POST", "/en/signin", form(`a=${big}`))).status).toBe(413);
  });

  it("refuses content types that no form sends with 415", async () => {
    const answer = await send("POST", "/en/signin", {
      headers: { "Content-Type": "application/json", "Content-Length": "2", Origin: origin },
      body: "{}",
    });
    expect(answer.status).toBe(415);
  });

  it("refuses writes from other sites with a translated 403, before reading them", async () => {
    const before = reached;
    const cases: Record<string, string>[] = [
      { Origin: "http://evil.example" },
      { Origin: "null" },
      { Origin: "http://evil.example", "X-Forwarded-Host": "evil.example" },
      { Origin: `http://localhost:1` },
      { Referer: "http://evil.example/page" },
      {},
      { "Sec-Fetch-Site": "cross-site" },
      { "Sec-Fetch-Site": "same-site" },
      { Origin: origin, "Sec-Fetch-Site": "cross-site" },
    ];
    for (const headers of cases) {
      const { Origin: _dropped, ...rest } = form("name=x").headers;
      const answer = await send("POST", "/de/account", { body: "name=x", headers: { ...rest, ...headers } });
      expect(answer.status, JSON.stringify(headers)).toBe(403);
      expect(answer.body).toContain("nicht von Euregio Partners selbst gesendet");
    }
    const data = await send("POST", "/en/account?_data=routes%2F%24lang.account", {
      body: "name=x",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://evil.example" },
    });
    expect(data.status).toBe(403);
    expect(JSON.parse(data.body).error).toContain("not sent from Euregio Partners");
    expect(reached).toBe(before);
  });

  it("accepts writes from this site: its own origin, APP_URL's, or Sec-Fetch-Site same-origin", async () => {
    expect((await send("POST", "/en/signout", form("scope=this"))).status).toBe(200);
    const appUrl = await send(
      "POST",
      "/en/signout",
      form("scope=this", { Origin: "https://euregio-partners.example" }),
    );
    expect(appUrl.status).toBe(200);
    const { Origin: _dropped, ...rest } = form("scope=this").headers;
    const fetchSite = await send("POST", "/en/signout", {
      body: "scope=this",
      headers: { ...rest, "Sec-Fetch-Site": "same-origin" },
    });
    expect(fetchSite.status).toBe(200);
  });

  it("does not pass forwarded headers on when no proxy is trusted", async () => {
    const answer = await send("GET", "/en/", { headers: { "X-Forwarded-Host": "evil.example" } });
    expect(JSON.parse(answer.body).forwardedHost).toBeNull();
  });

  it("refuses a malformed Host header and an overlong URL", async () => {
    expect((await send("GET", "/en/", { headers: { Host: "evil.example/x" } })).status).toBe(400);
    expect((await send("GET", `/en/browse?q=${"a".repeat(9_000)}`)).status).toBe(414);
  });
});
