// Typos in topic, sport and kind words, corrected to the taxonomy's label words.
import { describe, expect, it } from "vitest";
import { buildVocabulary, correctSpelling, correctWord, normaliseWord } from "./spelling.ts";

const vocabulary = buildVocabulary([
  "Voetbal",
  "Fußball",
  "Football",
  "Hockey",
  "Muziek",
  "Musik",
  "Music",
  "Geschichte und Kulturerbe",
  "Handball",
]);

describe("normaliseWord", () => {
  it("lowers case, drops accents and writes ß as ss, as search_normalise does", () => {
    expect(normaliseWord("Fußball")).toBe("fussball");
    expect(normaliseWord("Kanoën")).toBe("kanoen");
    expect(normaliseWord("ÉCOLE")).toBe("ecole");
  });
});

describe("correctWord", () => {
  it("corrects the typos users made to the label's own spelling", () => {
    expect(correctWord("Fusball", vocabulary)).toBe("Fußball");
    expect(correctWord("voetbl", vocabulary)).toBe("Voetbal");
    expect(correctWord("Hocky", vocabulary)).toBe("Hockey");
    expect(correctWord("Geschihte", vocabulary)).toBe("Geschichte");
  });

  it("leaves label words, short words and words too far from any label alone", () => {
    expect(correctWord("fussball", vocabulary)).toBeNull();
    expect(correctWord("Muziek", vocabulary)).toBeNull();
    expect(correctWord("und", vocabulary)).toBeNull();
    expect(correctWord("Kleve", vocabulary)).toBeNull();
    expect(correctWord("Nijmegen", vocabulary)).toBeNull();
  });

  it("allows one edit in a word of four or five letters, two from six", () => {
    expect(correctWord("Hokey", vocabulary)).toBe("Hockey");
    expect(correctWord("Hokky", vocabulary)).toBeNull();
    expect(correctWord("Hky", vocabulary)).toBeNull();
    expect(correctWord("Fssbal", vocabulary)).toBe("Fußball");
    expect(correctWord("Fsbal", vocabulary)).toBeNull();
  });

  it("keeps only label words of four letters or more", () => {
    expect([...vocabulary.keys()]).not.toContain("und");
    expect(vocabulary.get("kulturerbe")).toBe("Kulturerbe");
  });
});

describe("correctSpelling", () => {
  it("corrects each word that needs it and keeps the others", () => {
    expect(correctSpelling("Fusball Kleve", vocabulary)).toBe("Fußball Kleve");
    expect(correctSpelling("  voetbl   hocky ", vocabulary)).toBe("Voetbal Hockey");
  });

  it("is null when nothing changed", () => {
    expect(correctSpelling("voetbal Kleef", vocabulary)).toBeNull();
    expect(correctSpelling("", vocabulary)).toBeNull();
  });
});
