// One word per language for a partnership request, the formal "u" in Dutch, and each language's
// own quotation marks: checked over every text in locales/.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../../../locales");

/** Every text of a language as "file:key.path → text". */
function textsOf(locale: string): string[] {
  const texts: string[] = [];
  const walk = (value: unknown, path: string) => {
    if (typeof value === "string") texts.push(`${path} → ${value}`);
    else if (value && typeof value === "object")
      for (const [key, child] of Object.entries(value)) walk(child, path ? `${path}.${key}` : key);
  };
  for (const file of readdirSync(join(root, locale)).filter((name) => name.endsWith(".json")))
    walk(JSON.parse(readFileSync(join(root, locale, file), "utf8")), `${file}:`);
  return texts;
}

const offending = (locale: string, pattern: RegExp) => textsOf(locale).filter((text) => pattern.test(text));

describe("terminology", () => {
  it("German says (Partnerschafts-)Anfrage, never Gesuch, and geprüft, never verifiziert", () => {
    expect(offending("de", /\bGesuch(e|s|en)?\b/)).toEqual([]);
    expect(offending("de", /verifiziert/i)).toEqual([]);
    expect(offending("de", /Partnerschaftsanfrage|\bAnfrage/).length).toBeGreaterThan(20);
  });

  it("Dutch says (partnerschaps)verzoek, never oproep or samenwerkingsverzoek", () => {
    expect(offending("nl", /oproep|samenwerkingsverzoek/i)).toEqual([]);
    expect(offending("nl", /verzoek/i).length).toBeGreaterThan(20);
  });

  it("Dutch addresses the reader as u, never je or jij", () => {
    expect(offending("nl", /\b(je|jij|jou|jouw|jezelf)\b/i)).toEqual([]);
    expect(offending("nl", /\b(u|uw)\b/i).length).toBeGreaterThan(20);
  });

  it("Dutch and English use their own quotation marks, not the German „…“", () => {
    expect(offending("nl", /[„‚]/)).toEqual([]);
    expect(offending("en", /[„‚]/)).toEqual([]);
  });
});
