// Route matching, remembered. @remix-run/router's matchRoutes flattens, ranks and compiles a regular
// expression for every route on each call, and one document calls it about five times (the request
// handler, the static handler, React Router's <Routes>, and lazy route discovery's manifest for each
// parent path): a fifth of the sign-in page's server CPU in ADR 0018's profile. Remix builds some
// of these route lists anew for every request, but from the same route table, so what is kept is
// per table (the routes' ids, paths and nesting) and path: which route ids matched with which
// params. Each call gets matches made of its own route objects. The CommonJS exports object is what
// Remix's server runtime and React Router read `matchRoutes` from on each call, so replacing it
// there covers them; the static handler's own internal call stays as it is. See ADR 0018.
import { createRequire } from "node:module";

type Route = { id?: string; path?: string; index?: boolean; caseSensitive?: boolean; children?: Route[] };
type Match = {
  params: Record<string, string | undefined>;
  pathname: string;
  pathnameBase: string;
  route: Route;
};
type MatchRoutes = (
  routes: Route[],
  location: string | { pathname?: string },
  basename?: string,
) => Match[] | null;
type Kept = { id: string; params: Match["params"]; pathname: string; pathnameBase: string };
type Table = { byId: Map<string, Route>; signature: string };

/** A route list's routes by id and a text that is the same for every list with the same routes. */
function describe(routes: Route[]): Table | undefined {
  const byId = new Map<string, Route>();
  const parts: string[] = [];
  const walk = (list: Route[]): boolean => {
    for (const route of list) {
      if (route.id === undefined || byId.has(route.id)) return false;
      byId.set(route.id, route);
      parts.push(
        route.id,
        "\u0001",
        route.path ?? "",
        route.index ? "\u0002" : "",
        route.caseSensitive ? "\u0003" : "",
      );
      if (route.children?.length) {
        parts.push("(");
        if (!walk(route.children)) return false;
        parts.push(")");
      }
      parts.push(",");
    }
    return true;
  };
  return walk(routes) ? { byId, signature: parts.join("") } : undefined;
}

export function rememberMatches(matchRoutes: MatchRoutes, limit = 2_000): MatchRoutes {
  const tables = new WeakMap<Route[], Table | null>();
  const byTable = new Map<string, Map<string, Kept[] | null>>();
  return function rememberedMatchRoutes(routes, location, basename = "/") {
    let table = tables.get(routes);
    if (table === undefined) tables.set(routes, (table = describe(routes) ?? null));
    // Only the pathname counts; a search or hash does not change the matches.
    const pathname = typeof location === "string" ? location.split(/[?#]/, 1)[0] : location.pathname;
    if (!table || pathname === undefined) return matchRoutes(routes, location, basename);
    let known = byTable.get(table.signature);
    if (!known) byTable.set(table.signature, (known = new Map()));
    const key = `${basename}\u0000${pathname}`;
    let kept = known.get(key);
    if (kept === undefined) {
      kept =
        matchRoutes(routes, location, basename)?.map(({ route, params, pathname, pathnameBase }) => ({
          id: route.id as string,
          params,
          pathname,
          pathnameBase,
        })) ?? null;
      if (known.size >= limit) known.delete(known.keys().next().value as string);
      known.set(key, kept);
    }
    const { byId } = table;
    return (
      kept &&
      kept.map(({ id, params, pathname, pathnameBase }) => ({
        params: { ...params },
        pathname,
        pathnameBase,
        route: byId.get(id) as Route,
      }))
    );
  };
}

let installed = false;

/** Replaces @remix-run/router's exported matchRoutes with the remembered one, once per process. */
export function installRouteMatching(): void {
  if (installed) return;
  const router = createRequire(import.meta.url)("@remix-run/router") as { matchRoutes: MatchRoutes };
  router.matchRoutes = rememberMatches(router.matchRoutes);
  installed = true;
}
