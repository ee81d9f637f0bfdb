// Mail content at rest (queue jobs, outbox), and other jobs' data, sealed with AES-256-GCM under keys
// derived from SESSION_SECRET, so a database dump holds no link that works (docs/decisions/0011-no-secrets-at-rest.md).
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import type { Mail } from "./templates.server.ts";

/** What the database keeps of a mail: the address in clear, so privacy deletion finds it; the rest sealed. */
export type SealedMail = { to: string; sealed: string };

const FORMAT = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
// What is sealed, and the HKDF info its key is derived with.
const purposes = { mail: "mail at rest v1", "account job": "account jobs v1" } as const;
export type SealPurpose = keyof typeof purposes;

// A key of its own per purpose, so the HMACs that SESSION_SECRET also keys never share key material
// with it, and text sealed for one purpose does not open as another.
function keyFor(secret: string, purpose: SealPurpose): Buffer {
  return Buffer.from(hkdfSync("sha256", secret, "euregio-partners", purposes[purpose], 32));
}

/** Seals text for one purpose; `boundTo` stays outside but is authenticated: opening needs the same. */
export function sealText(secret: string, purpose: SealPurpose, text: string, boundTo = ""): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", keyFor(secret, purpose), iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(boundTo, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(text, "utf8"), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString("base64url"));
  return [FORMAT, ...parts].join(".");
}

/** Throws when the text was changed, is bound to something else or was sealed under another secret. */
export function openText(secret: string, purpose: SealPurpose, sealed: string, boundTo = ""): string {
  const [format, iv, tag, ciphertext, ...rest] = sealed.split(".");
  if (format !== FORMAT || iv === undefined || tag === undefined || ciphertext === undefined || rest.length) {
    throw new Error(`not a sealed ${purpose}`);
  }
  const decipher = createDecipheriv("aes-256-gcm", keyFor(secret, purpose), Buffer.from(iv, "base64url"), {
    authTagLength: TAG_BYTES,
  });
  decipher.setAAD(Buffer.from(boundTo, "utf8"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString(
    "utf8",
  );
}

export function sealMail(secret: string, mail: Mail): SealedMail {
  const content = JSON.stringify({ subject: mail.subject, text: mail.text, html: mail.html });
  // The address is authenticated too: content moved to another recipient's row does not open.
  return { to: mail.to, sealed: sealText(secret, "mail", content, mail.to) };
}

/** Throws when the content was changed, names another address or was sealed under another secret. */
export function openMail(secret: string, mail: SealedMail): Mail {
  const content = openText(secret, "mail", mail.sealed, mail.to);
  const { subject, text, html } = JSON.parse(content) as Omit<Mail, "to">;
  return { to: mail.to, subject, text, html };
}
