// How guessable a new password is: zxcvbn-ts with its common, English, German and Dutch word lists
// and keyboard patterns, and the user's own name, e-mail address and the site's name as words an
// attacker would try first. Server-only: the dictionaries are megabytes (ADR 0021).
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as german from "@zxcvbn-ts/language-de";
import * as english from "@zxcvbn-ts/language-en";
import * as dutch from "@zxcvbn-ts/language-nl-be";

/** A password needs an estimated 10⁹ guesses: `Passwort123!` and `Sommer2025!` are near 10⁸. */
export const MIN_GUESSES_LOG10 = 9;

/** zxcvbn's matching grows with the length; what follows the first 100 characters only adds. */
const CHECKED_LENGTH = 100;

/** The site's own name and region: the first words tried against its accounts. */
const siteWords = ["euregio", "partners", "euregio partners", "euregiopartners", "rijn-waal", "rhein-waal"];

let factory: ZxcvbnFactory | undefined;

/** Built once per process, on the first check (≈ 0.3 s for the dictionaries). */
function zxcvbn(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: {
      ...common.dictionary,
      ...english.dictionary,
      ...german.dictionary,
      ...dutch.dictionary,
      site: siteWords,
    },
    graphs: common.adjacencyGraphs,
  });
  return factory;
}

/** "Lena Schmitz", "lena.schmitz@example.de" → the whole values and each of their words. */
export function personalWords(values: readonly string[]): string[] {
  const words = new Set<string>();
  for (const value of values) {
    const lower = value.trim().toLowerCase();
    if (!lower) continue;
    words.add(lower);
    const [local = "", domain = ""] = lower.split("@");
    if (domain) words.add(local);
    for (const word of lower.split(/[^\p{L}\p{N}]+/u)) if (word.length >= 3) words.add(word);
  }
  return [...words];
}

/** True when the password is too easy to guess, also given who chooses it (name, e-mail). */
export function isGuessablePassword(password: string, owner: readonly string[] = []): boolean {
  const result = zxcvbn().check(password.slice(0, CHECKED_LENGTH), personalWords(owner));
  return result.guessesLog10 < MIN_GUESSES_LOG10;
}
