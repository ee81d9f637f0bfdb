// The one-click renewal link's token, signed with SESSION_SECRET (HMAC-SHA256).
import { createHmac, timingSafeEqual } from "node:crypto";

// The renewal link carries the request id and an HMAC over the id and the current expiry. Renewing
// moves the expiry, so a used link no longer verifies: single use without a token table.
// The page a renewal answers with carries a second token, signed for another purpose over the new
// expiry: it can show the renewed request, never renew it again.
type Purpose = "renew-request" | "renewed-request";

function renewalSignature(secret: string, purpose: Purpose, requestId: string, expiresAt: Date): string {
  return createHmac("sha256", secret)
    .update(`${purpose}:${requestId}:${expiresAt.toISOString()}`)
    .digest("base64url");
}

function sign(secret: string, purpose: Purpose, requestId: string, expiresAt: Date): string {
  return `${requestId}.${renewalSignature(secret, purpose, requestId, expiresAt)}`;
}

export function signRenewalToken(secret: string, requestId: string, expiresAt: Date): string {
  return sign(secret, "renew-request", requestId, expiresAt);
}

export function signRenewedToken(secret: string, requestId: string, expiresAt: Date): string {
  return sign(secret, "renewed-request", requestId, expiresAt);
}

/** The request id a token names, before its signature is checked against the stored expiry. */
export function renewalTokenRequestId(token: string): string | null {
  const match = /^([0-9a-f-]{36})\.[A-Za-z0-9_-]{43}$/.exec(token);
  return match?.[1] ?? null;
}

export function verifyRenewalToken(
  secret: string,
  token: string,
  request: { id: string; expiresAt: Date },
  purpose: Purpose = "renew-request",
): boolean {
  if (renewalTokenRequestId(token) !== request.id) return false;
  const expected = Buffer.from(sign(secret, purpose, request.id, request.expiresAt));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
