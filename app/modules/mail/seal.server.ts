// Mail content at rest (queue jobs, outbox) sealed with AES-256-GCM under a key derived from
// SESSION_SECRET, so a database dump holds no link that works (docs/decisions/0011-no-secrets-at-rest.md).
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import type { Mail } from "./templates.server.ts";

/** What the database keeps of a mail: the address in clear, so privacy deletion finds it; the rest sealed. */
export type SealedMail = { to: string; sealed: string };

const FORMAT = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

// A key of its own, so the HMACs that SESSION_SECRET also keys never share key material with it.
function mailKey(secret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "euregio-partners", "mail at rest v1", 32));
}

export function sealMail(secret: string, mail: Mail): SealedMail {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", mailKey(secret), iv, { authTagLength: TAG_BYTES });
  // The address is authenticated too: content moved to another recipient's row does not open.
  cipher.setAAD(Buffer.from(mail.to, "utf8"));
  const content = JSON.stringify({ subject: mail.subject, text: mail.text, html: mail.html });
  const ciphertext = Buffer.concat([cipher.update(content, "utf8"), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString("base64url"));
  return { to: mail.to, sealed: [FORMAT, ...parts].join(".") };
}

/** Throws when the content was changed, names another address or was sealed under another secret. */
export function openMail(secret: string, mail: SealedMail): Mail {
  const [format, iv, tag, ciphertext, ...rest] = mail.sealed.split(".");
  if (format !== FORMAT || iv === undefined || tag === undefined || ciphertext === undefined || rest.length) {
    throw new Error("not a sealed mail");
  }
  const decipher = createDecipheriv("aes-256-gcm", mailKey(secret), Buffer.from(iv, "base64url"), {
    authTagLength: TAG_BYTES,
  });
  decipher.setAAD(Buffer.from(mail.to, "utf8"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  const content = Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]);
  const { subject, text, html } = JSON.parse(content.toString("utf8")) as Omit<Mail, "to">;
  return { to: mail.to, subject, text, html };
}
