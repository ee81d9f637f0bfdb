// A document carries only the namespaces its routes name in their handle (namespaces.ts). This
// walks each page route with everything it imports, the server modules whose messages it answers
// with included, and fails when a namespace it uses is not named by it or by a route above it.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { appDir as app, importsOf } from "../../../tests/support/source-imports.ts";
import { namespaces, type Namespace } from "./config.ts";

const routes = join(app, "routes");
/** Only the server sends mail; no page needs its texts. */
const pageNamespaceNames = namespaces.filter((ns) => ns !== "mail");

/** The namespaces a text names: `useTranslation("x")`, `useTranslation()` and "x:key" literals. */
export function namespacesIn(text: string): Set<Namespace> {
  const found = new Set<Namespace>();
  const add = (ns: string) => {
    if ((pageNamespaceNames as string[]).includes(ns)) found.add(ns as Namespace);
  };
  for (const [, ns] of text.matchAll(/useTranslation\(\s*"([a-z]+)"/g)) add(ns!);
  for (const [, ns] of text.matchAll(/["'`]([a-z]+):[a-zA-Z]/g)) add(ns!);
  if (/useTranslation\(\s*\)/.test(text)) add("common");
  return found;
}

function usedBy(route: string): Set<Namespace> {
  const used = new Set<Namespace>();
  const seen = new Set<string>();
  const queue = [route];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(file, "utf8");
    for (const ns of namespacesIn(text)) used.add(ns);
    queue.push(...importsOf(file, text));
  }
  return used;
}

/** What `export const handle = { i18n: [...] }` names, "common" always. */
function declaredBy(file: string): Set<string> {
  const match = /export const handle[^=]*=\s*\{\s*i18n:\s*\[([^\]]*)\]/.exec(readFileSync(file, "utf8"));
  const named = match ? [...match[1]!.matchAll(/"([a-z]+)"/g)].map(([, ns]) => ns!) : [];
  return new Set(["common", ...named]);
}

/** The route files above a flat route file: `$lang.requests.new.tsx` → root, `$lang.tsx`. */
function parentsOf(name: string): string[] {
  const segments = name.replace(/\.tsx$/, "").split(".");
  const parents = [join(app, "root.tsx")];
  for (let i = 1; i < segments.length; i += 1) {
    const parent = join(routes, `${segments.slice(0, i).join(".")}.tsx`);
    if (existsSync(parent)) parents.push(parent);
  }
  return parents;
}

const pageRoutes = readdirSync(routes).filter(
  (name) => name.endsWith(".tsx") && /export default function/.test(readFileSync(join(routes, name), "utf8")),
);

describe("the namespaces a page route names", () => {
  it("cover every namespace the route and what it imports use", () => {
    expect(pageRoutes.length).toBeGreaterThan(15);
    const missing = pageRoutes.flatMap((name) => {
      const declared = new Set(
        [name, ...parentsOf(name)].flatMap((file) => [...declaredBy(resolve(routes, file))]),
      );
      return [...usedBy(join(routes, name))]
        .filter((ns) => !declared.has(ns))
        .map((ns) => `${name} uses "${ns}" without naming it in its handle`);
    });
    expect(missing).toEqual([]);
  });

  it("are found in the forms code uses", () => {
    expect(
      [...namespacesIn('const { t } = useTranslation("auth"); t("taxonomy:kinds.school");')].sort(),
    ).toEqual(["auth", "taxonomy"]);
    expect(
      [...namespacesIn('useTranslation(); throw new AppError(400, "requests:renew.invalidLink")')].sort(),
    ).toEqual(["common", "requests"]);
    expect([...namespacesIn('"mail:subject" and "https://example.org"')]).toEqual([]);
  });
});
