// The modules' dependencies point one way: a unit (a folder under app/modules, such as `places` or
// `map/points`) never imports, directly or through others, a unit that imports it. And code the
// browser may load (anything but `*.server.ts`) takes nothing from a server module, not even types.
import { readdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { appDir as app, importsOf } from "../../tests/support/source-imports.ts";

const modules = join(app, "modules");

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const unitOf = (file: string) => relative(modules, dirname(file));
const insideModules = (file: string) => !relative(modules, file).startsWith("..");

const files = sourceFiles(modules);

function unitGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of files) {
    const unit = unitOf(file);
    const uses = graph.get(unit) ?? new Set<string>();
    graph.set(unit, uses);
    for (const target of importsOf(file))
      if (insideModules(target) && unitOf(target) !== unit) uses.add(unitOf(target));
  }
  return graph;
}

/** One path that leads from a unit back to itself, if there is any. */
function findCycle(graph: Map<string, Set<string>>): string[] | null {
  const done = new Set<string>();
  const walk = (unit: string, path: string[]): string[] | null => {
    const seen = path.indexOf(unit);
    if (seen >= 0) return [...path.slice(seen), unit];
    if (done.has(unit)) return null;
    for (const next of graph.get(unit) ?? []) {
      const cycle = walk(next, [...path, unit]);
      if (cycle) return cycle;
    }
    done.add(unit);
    return null;
  };
  for (const unit of graph.keys()) {
    const cycle = walk(unit, []);
    if (cycle) return cycle;
  }
  return null;
}

describe("module dependencies", () => {
  it("have no cycle between the units of app/modules", () => {
    const graph = unitGraph();
    const listing = [...graph]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([unit, uses]) => `${unit} -> ${[...uses].sort().join(" ") || "(nothing)"}`)
      .join("\n");
    expect(graph.size).toBeGreaterThan(8);
    expect(findCycle(graph), listing).toBeNull();
  });

  it("finds a cycle when there is one", () => {
    const graph = new Map([
      ["a", new Set(["b"])],
      ["b", new Set(["c"])],
      ["c", new Set(["a"])],
    ]);
    expect(findCycle(graph)).toEqual(["a", "b", "c", "a"]);
    expect(findCycle(new Map([["a", new Set(["b"])]]))).toBeNull();
  });

  it("keep server modules out of code the browser loads, types included", () => {
    const offenders = files
      .filter((file) => !file.endsWith(".server.ts"))
      .flatMap((file) =>
        importsOf(file)
          .filter((target) => /\.server\.tsx?$/.test(target))
          .map((target) => `${relative(app, file)} imports ${relative(app, target)}`),
      );
    expect(offenders).toEqual([]);
  });
});
