import { describe, expect, it } from "vitest";
import { isGuessablePassword, personalWords } from "./password-strength.server.ts";

const owner = ["Lena Schmitz", "lena.schmitz@beispiel.de"];

describe("new passwords", () => {
  it.each([
    "passwort12",
    "wachtwoord1",
    "qwertzuiop",
    "aaaaaaaaaa",
    "Passwort123!",
    "Kleve12345",
    "euregio2025",
    "Wachtwoord2024",
    "Sommer2025!",
    "voetbal123",
    "Nijmegen2024",
    "1q2w3e4r5t",
    "1234567890",
    "PASSWORD12",
    "EuregioPartners1",
  ])("refuses %s: a common password or word, a keyboard row, a place or the site's name", (password) => {
    expect(isGuessablePassword(password, owner)).toBe(true);
  });

  it.each(["Schmitz2026!", "lenaschmitz12", "LenaBeispiel1"])(
    "refuses %s, built from the owner's name or e-mail address",
    (password) => {
      expect(isGuessablePassword(password, owner)).toBe(true);
      // Someone else may still choose words that happen to be a name.
      expect(isGuessablePassword(`${password}-Deich-Spargel`, owner)).toBe(false);
    },
  );

  it.each([
    "grenzeloos-samenwerken",
    "Fahrrad-Deich-Spargel",
    "korfbal veld zomer 42",
    "een-nieuw-wachtwoord",
    "Tr0ub4dor&3x",
    "kx7#pq2mzr",
    "correct horse battery",
  ])("accepts %s", (password) => {
    expect(isGuessablePassword(password, owner)).toBe(false);
  });

  it("reads names and addresses as whole values and their words", () => {
    expect(personalWords(["Lena Schmitz", " Lena.Schmitz@Beispiel.de "])).toEqual([
      "lena schmitz",
      "lena",
      "schmitz",
      "lena.schmitz@beispiel.de",
      "lena.schmitz",
      "beispiel",
    ]);
  });
});
