// Writes from other sites are refused before they do anything, whatever form they take: a page,
// a Remix data request, sign-out, another port, a forwarded host; and sign-in only ever sends the
// browser on to a page of this site.
import { expect, query, test } from "./support/fixtures.ts";

const base = `http://localhost:${process.env.E2E_PORT}`;

/** A POST through Node's fetch, which adds no Origin of its own, so each case sends exactly its headers. */
function post(path: string, token: string, headers: Record<string, string>, body = "") {
  return fetch(`${base}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      Cookie: `ep_session=${token}`,
      "Content-Type": "application/x-www-form-urlencoded",
      ...headers,
    },
    body,
  });
}

const foreign: [string, Record<string, string>][] = [
  ["another site", { Origin: "http://evil.example" }],
  ["an opaque origin", { Origin: "null" }],
  ["another port of the same host", { Origin: "http://localhost:1" }],
  ["a subdomain", { Origin: `http://app.localhost:${process.env.E2E_PORT}` }],
  [
    "a forwarded host naming the attacker",
    { Origin: "http://evil.example", "X-Forwarded-Host": "evil.example" },
  ],
  ["no Origin but a foreign Referer", { Referer: "http://evil.example/form.html" }],
  ["no Origin and no fetch metadata", {}],
  ["fetch metadata saying cross-site", { "Sec-Fetch-Site": "cross-site" }],
];

test("a cross-site profile change, as a page and as a Remix data request, is refused and changes nothing", async ({
  factories,
}) => {
  const user = await factories.createUser({ locale: "en", name: "Ada Original" });
  const { token } = await factories.createSession(user.id);
  for (const [name, headers] of foreign) {
    for (const path of ["/en/account", "/en/account?_data=routes%2F%24lang.account", "/en/account.data"]) {
      const response = await post(path, token, headers, "intent=profile&name=Mallory&locale=en");
      expect(response.status, `${name}: ${path}`).toBe(403);
      const body = await response.text();
      expect(body, name).toContain("This form was not sent from Euregio Partners itself");
    }
  }
  const [row] = await query<{ name: string }>("SELECT name FROM users WHERE id = $1", [user.id]);
  expect(row?.name).toBe("Ada Original");

  // The same request from the site itself goes through.
  const own = await post("/en/account", token, { Origin: base }, "intent=profile&name=Ada+Renamed&locale=en");
  expect(own.status).toBe(200);
  const [renamed] = await query<{ name: string }>("SELECT name FROM users WHERE id = $1", [user.id]);
  expect(renamed?.name).toBe("Ada Renamed");
});

test("a cross-site sign-out, here or everywhere, is refused and every session stays", async ({
  factories,
}) => {
  const user = await factories.createUser();
  const { token } = await factories.createSession(user.id);
  await factories.createSession(user.id);
  for (const [name, headers] of foreign) {
    for (const scope of ["this", "all"]) {
      const response = await post("/de/signout", token, headers, `scope=${scope}`);
      expect(response.status, name).toBe(403);
      expect(await response.text()).toContain("nicht von Euregio Partners selbst gesendet");
    }
  }
  const sessions = await query("SELECT 1 FROM sessions WHERE user_id = $1", [user.id]);
  expect(sessions).toHaveLength(2);
  const account = await fetch(`${base}/en/account`, {
    headers: { Cookie: `ep_session=${token}` },
    redirect: "manual",
  });
  expect(account.status).toBe(200);
});

test("sign-in sends the browser on to a page of this site only", async ({ request, factories }) => {
  const user = await factories.createUser({ locale: "en" });
  const cases: [string, string][] = [
    ["/en/browse?q=school", "/en/browse?q=school"],
    ["/\t/evil.example", "/en/account"],
    ["/\n/evil.example", "/en/account"],
    ["/\u3000/evil.example", "/en/account"],
    ["/\u000b/evil.example", "/en/account"],
    ["//evil.example", "/en/account"],
    ["https://evil.example/", "/en/account"],
    ["/%2F/evil.example", "/%2F/evil.example"],
  ];
  for (const [redirectTo, location] of cases) {
    const response = await request.post("/en/signin", {
      form: { email: user.email, password: user.password, redirectTo },
      maxRedirects: 0,
    });
    expect(response.status(), JSON.stringify(redirectTo)).toBe(302);
    expect(response.headers().location, JSON.stringify(redirectTo)).toBe(location);
  }
});

test("methods the site does not serve get 405, not 500", async ({ request }) => {
  for (const method of ["TRACE", "PUT", "DELETE", "PATCH"]) {
    const response = await request.fetch("/en/browse", { method });
    expect(response.status(), method).toBe(405);
    expect(response.headers().allow).toBe("GET, HEAD, POST");
  }
});
