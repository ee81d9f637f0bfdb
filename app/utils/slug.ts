// URL slugs: readable, ASCII ("Fußballverein Kleve" → "fussballverein-kleve"), with a short suffix so
// they stay unique and never need to change when a name does.
import slugify from "slugify";

/**
 * Letters and digits only: markup (`<b>`) goes whole, and symbols are dropped before slugify,
 * which would spell them out in English (`<` → "less", `&` → "and", `€` → "euro").
 */
function wordsOnly(name: string): string {
  return name
    .replace(/<[^<>]*>/g, " ")
    .replace(/[.'’]/g, "") // "e.V." → "eV", "'s-Heerenberg" → "s-Heerenberg"
    .replace(/[^\p{L}\p{M}\p{N}\s-]+/gu, " ");
}

export function makeSlug(name: string, suffix: string): string {
  const base = slugify(wordsOnly(name), { lower: true, strict: true, locale: "de", trim: true })
    .slice(0, 60)
    .replace(/-+$/, "");
  return `${base || "item"}-${suffix}`;
}

export function randomSuffix(): string {
  const alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
  const bytes = new Uint8Array(6);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (byte) => alphabet[byte % alphabet.length]).join("");
}
