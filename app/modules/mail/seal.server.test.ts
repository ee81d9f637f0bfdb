// Sealed mail opens only unchanged, for the same address, under the same secret.
import { describe, expect, it } from "vitest";
import { openMail, sealMail, type SealedMail } from "./seal.server.ts";

const secret = "a-session-secret-of-at-least-32-chars";
const mail = {
  to: "sanne@example.org",
  subject: "Kies een nieuw wachtwoord",
  text: "Beste Sanne,\n\nhttp://localhost:3000/nl/reset-password?token=abcdefghijklmnopqrstuvwxyz234567",
  html: '<p><a href="http://localhost:3000/nl/reset-password?token=abcdefghijklmnopqrstuvwxyz234567">Ja</a></p>',
};

/** Flips one bit of the given part (1: iv, 2: tag, 3: ciphertext) of the sealed text. */
function flipBit(sealed: SealedMail, part: number): SealedMail {
  const parts = sealed.sealed.split(".");
  const bytes = Buffer.from(parts[part]!, "base64url");
  bytes[0] = bytes[0]! ^ 1;
  parts[part] = bytes.toString("base64url");
  return { ...sealed, sealed: parts.join(".") };
}

describe("sealed mail", () => {
  it("opens to the same mail, and keeps only the address readable", () => {
    const sealed = sealMail(secret, mail);
    expect(openMail(secret, sealed)).toEqual(mail);
    expect(sealed.to).toBe(mail.to);
    expect(sealed.sealed).not.toContain("token");
    expect(sealed.sealed).not.toContain("abcdefghijklmnopqrstuvwxyz234567");
    expect(sealed.sealed).not.toContain("Sanne");
  });

  it("seals the same mail differently each time", () => {
    expect(sealMail(secret, mail).sealed).not.toBe(sealMail(secret, mail).sealed);
  });

  it("refuses changed content, a changed tag or iv, and a cut-off tag", () => {
    const sealed = sealMail(secret, mail);
    for (const part of [1, 2, 3]) expect(() => openMail(secret, flipBit(sealed, part))).toThrow();
    const [format, iv, tag, ciphertext] = sealed.sealed.split(".");
    const shortTag = Buffer.from(tag!, "base64url").subarray(0, 4).toString("base64url");
    expect(() =>
      openMail(secret, { ...sealed, sealed: [format, iv, shortTag, ciphertext].join(".") }),
    ).toThrow();
    expect(() => openMail(secret, { ...sealed, sealed: "not sealed" })).toThrow("not a sealed mail");
  });

  it("refuses content moved to another address", () => {
    const sealed = sealMail(secret, mail);
    expect(() => openMail(secret, { ...sealed, to: "mallory@example.org" })).toThrow();
  });

  it("does not open under another secret", () => {
    const sealed = sealMail(secret, mail);
    expect(() => openMail("another-session-secret-of-32-chars!", sealed)).toThrow();
  });
});
