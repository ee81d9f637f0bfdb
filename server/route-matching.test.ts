import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { installRouteMatching, rememberMatches } from "./route-matching.ts";

type Router = { matchRoutes: Parameters<typeof rememberMatches>[0] };
const router = createRequire(import.meta.url)("@remix-run/router") as Router;
const original = router.matchRoutes;

// The shape of the app's route tree: a root, the locale layout, index, static, dynamic and splat routes.
type TestRoute = { id: string; path?: string; index?: boolean; children?: TestRoute[] };
const routes: TestRoute[] = [
  {
    id: "root",
    path: "",
    children: [
      { id: "routes/_index", index: true },
      { id: "routes/healthz", path: "healthz" },
      { id: "routes/sitemaps.$name", path: "sitemaps/:name" },
      {
        id: "routes/$lang",
        path: ":lang",
        children: [
          { id: "routes/$lang._index", index: true },
          { id: "routes/$lang.signin", path: "signin" },
          { id: "routes/$lang.browse", path: "browse" },
          { id: "routes/$lang.organisations.new", path: "organisations/new" },
          { id: "routes/$lang.organisations.$slug._index", path: "organisations/:slug" },
          { id: "routes/$lang.organisations.$slug.members", path: "organisations/:slug/members" },
          { id: "routes/$lang.$", path: "*" },
        ],
      },
    ],
  },
];

const paths = [
  "/",
  "/healthz",
  "/sitemaps/organisations-3.xml",
  "/en",
  "/en/",
  "/en/signin",
  "/de/browse?country=DE&topic=music",
  "/nl/organisations/new",
  "/nl/organisations/sportclub-kleve",
  "/nl/organisations/sportclub-kleve/members#invite",
  "/nl/organisations/caf%C3%A9-nijmegen",
  "/en/nothing/here",
  "/en//signin",
];

describe("remembered route matching", () => {
  it("gives the same matches as @remix-run/router for every path, asked twice", () => {
    const remembered = rememberMatches(original);
    for (const path of paths) {
      const expected = original(routes, path);
      expect(remembered(routes, path), path).toEqual(expected);
      expect(remembered(routes, path), `${path} again`).toEqual(expected);
      const pathname = path.split(/[?#]/)[0];
      expect(remembered(routes, { pathname }), `${path} as a location`).toEqual(
        original(routes, { pathname }),
      );
    }
    expect(remembered(routes, "/en/signin", "/base")).toEqual(original(routes, "/en/signin", "/base"));
  });

  it("answers a new list of the same routes with that list's own route objects", () => {
    const remembered = rememberMatches(original);
    const copy = structuredClone(routes);
    remembered(routes, "/nl/organisations/sportclub-kleve");
    const matches = remembered(copy, "/nl/organisations/sportclub-kleve");
    expect(matches).toEqual(original(copy, "/nl/organisations/sportclub-kleve"));
    expect(matches![0]!.route).toBe(copy[0]);
    expect(matches!.at(-1)!.route).toBe(copy[0]!.children![3]!.children![4]);
  });

  it("does not mix up route lists that differ", () => {
    const remembered = rememberMatches(original);
    const other = structuredClone(routes);
    other[0]!.children![3]!.children![1]!.path = "anmelden";
    expect(remembered(routes, "/de/signin")!.at(-1)!.route).toMatchObject({ id: "routes/$lang.signin" });
    expect(remembered(other, "/de/signin")!.at(-1)!.route).toMatchObject({ id: "routes/$lang.$" });
    expect(remembered(other, "/de/anmelden")).toEqual(original(other, "/de/anmelden"));
  });

  it("gives every caller its own matches, so changing one changes nothing for the next", () => {
    const remembered = rememberMatches(original);
    const first = remembered(routes, "/nl/organisations/sportclub-kleve");
    first![0]!.params.slug = "changed";
    first!.pop();
    const second = remembered(routes, "/nl/organisations/sportclub-kleve");
    expect(second).toEqual(original(routes, "/nl/organisations/sportclub-kleve"));
    expect(second!.at(-1)!.params.slug).toBe("sportclub-kleve");
  });

  it("keeps at most `limit` paths per route list and still answers the others", () => {
    let calls = 0;
    const counting: typeof original = (...args) => {
      calls += 1;
      return original(...args);
    };
    const remembered = rememberMatches(counting, 2);
    remembered(routes, "/en/signin");
    remembered(routes, "/en/browse");
    remembered(routes, "/en/signin");
    expect(calls).toBe(2);
    remembered(routes, "/de/signin"); // drops /en/signin, the oldest
    remembered(routes, "/en/signin");
    expect(calls).toBe(4);
    // Another list of the same routes shares what was kept; a different table does not.
    remembered(structuredClone(routes), "/en/signin");
    expect(calls).toBe(4);
    remembered([routes[0]!.children![0]!], "/en/signin");
    expect(calls).toBe(5);
  });

  it("is what Remix's server runtime reads once installed", () => {
    installRouteMatching();
    expect(router.matchRoutes).not.toBe(original);
    const { matchServerRoutes } = createRequire(import.meta.url)(
      "@remix-run/server-runtime/dist/routeMatching.js",
    ) as { matchServerRoutes: (routes: unknown, pathname: string) => { route: { id: string } }[] | null };
    expect(matchServerRoutes(routes, "/de/organisations/new")?.map((match) => match.route.id)).toEqual([
      "root",
      "routes/$lang",
      "routes/$lang.organisations.new",
    ]);
    installRouteMatching();
    expect(router.matchRoutes(routes, "/en/signin")).toEqual(original(routes, "/en/signin"));
  });
});
