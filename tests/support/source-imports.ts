// For tests that read the source: the files under app/ a source file imports (`~/…` and relative
// imports, resolved to the file; packages, JSON and CSS are left out).
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

export const appDir = resolve(import.meta.dirname, "..", "..", "app");

const importPattern = /(?:^|\n)\s*(?:import|export)\s[^;]*?from\s+"([^"]+)"/g;

function resolveSource(path: string): string | null {
  for (const candidate of [path, `${path}.ts`, `${path}.tsx`])
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  return null;
}

export function importsOf(file: string, text = readFileSync(file, "utf8")): string[] {
  return [...text.matchAll(importPattern)].flatMap(([, target]) => {
    const path = target!.startsWith("~/")
      ? join(appDir, target!.slice(2))
      : target!.startsWith(".")
        ? resolve(dirname(file), target!)
        : null;
    if (!path || /\.(json|css)(\?.*)?$/.test(path)) return [];
    const source = resolveSource(path);
    return source ? [source] : [];
  });
}
