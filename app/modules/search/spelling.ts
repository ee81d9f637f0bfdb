// Typos in the words of a search ("Fusball", "voetbl", "Hocky") corrected to the words of the
// taxonomy's labels. Names of places and organisations have their own typo matching (trigrams in
// PostgreSQL); a topic or sport word is short, where trigrams fail ("hocky" shares two of its
// trigrams with "hockey"), so it is compared by edit distance against the few hundred label words.
import { distance } from "fastest-levenshtein";

/** Lower case without accents, as search_normalise() does it (unaccent turns ß into ss). */
export function normaliseWord(word: string): string {
  return word.toLowerCase().replaceAll("ß", "ss").normalize("NFD").replace(/\p{M}/gu, "");
}

/** Each label word (normalised) with the first spelling it was written in. */
export type Vocabulary = Map<string, string>;

/** Words shorter than this are neither corrected nor offered: too many short words are one edit apart. */
const shortest = 4;

export function buildVocabulary(labels: Iterable<string>): Vocabulary {
  const vocabulary: Vocabulary = new Map();
  for (const label of labels) {
    for (const word of label.split(/[^\p{L}]+/u)) {
      if (word.length < shortest) continue;
      const key = normaliseWord(word);
      if (!vocabulary.has(key)) vocabulary.set(key, word);
    }
  }
  return vocabulary;
}

/** One wrong, missing or extra letter in a short word, two in a word of six letters or more. */
function allowedEdits(word: string): number {
  return word.length >= 6 ? 2 : 1;
}

/** The label word closest to `word` within the allowed edits, or null (also for a word that is one). */
export function correctWord(word: string, vocabulary: Vocabulary): string | null {
  const key = normaliseWord(word);
  if (key.length < shortest || vocabulary.has(key)) return null;
  let best: { spelling: string; edits: number } | null = null;
  for (const [candidate, spelling] of vocabulary) {
    if (Math.abs(candidate.length - key.length) > allowedEdits(key)) continue;
    const edits = distance(key, candidate);
    // Ties go to the first label word, so a correction does not change from one request to the next.
    if (edits <= allowedEdits(key) && (!best || edits < best.edits)) best = { spelling, edits };
  }
  return best?.spelling ?? null;
}

/** The search text with each correctable word corrected, or null when no word changed. */
export function correctSpelling(q: string, vocabulary: Vocabulary): string | null {
  let changed = false;
  const words = q
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => {
      const corrected = correctWord(word, vocabulary);
      if (!corrected) return word;
      changed = true;
      return corrected;
    });
  return changed ? words.join(" ") : null;
}
