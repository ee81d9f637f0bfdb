import { describe, expect, it } from "vitest";
import {
  addMonths,
  availableActions,
  canPerform,
  expiryFrom,
  formatDate,
  isPublic,
  isRenewable,
  renewableFrom,
} from "./lifecycle.ts";
import { signRenewalToken, verifyRenewalToken } from "./renewal-token.server.ts";

const verified = { status: "verified", archivedAt: null };

describe("request lifecycle", () => {
  it("publishes only drafts and matches, closes or renews only open requests", () => {
    expect(canPerform("publish", "draft")).toBe(true);
    expect(canPerform("publish", "open")).toBe(false);
    for (const action of ["match", "close", "renew"] as const) {
      expect(canPerform(action, "open")).toBe(true);
      expect(canPerform(action, "draft")).toBe(false);
    }
  });

  it("treats matched, closed and expired requests as final", () => {
    for (const status of ["matched", "closed", "expired"] as const) {
      expect(availableActions(status, new Date())).toEqual([]);
    }
    expect(availableActions("draft", null)).toEqual(["edit", "publish", "delete"]);
  });

  it("offers renewal only in an open request's last four weeks, not just after publishing", () => {
    const now = new Date("2027-03-01T12:00:00Z");
    const justPublished = expiryFrom(now);
    expect(availableActions("open", justPublished, now)).toEqual(["edit", "match", "close"]);
    expect(isRenewable("open", justPublished, now)).toBe(false);

    const inThreeWeeks = new Date("2027-03-22T12:00:00Z");
    expect(availableActions("open", inThreeWeeks, now)).toEqual(["edit", "match", "close", "renew"]);
    // The window opens 28 days before expiry, to the millisecond.
    expect(renewableFrom(inThreeWeeks).toISOString()).toBe("2027-02-22T12:00:00.000Z");
    const inFourWeeks = new Date("2027-03-29T12:00:00Z");
    expect(isRenewable("open", inFourWeeks, now)).toBe(true);
    expect(isRenewable("open", new Date(inFourWeeks.getTime() + 1), now)).toBe(false);
    expect(isRenewable("open", null, now)).toBe(false);
    expect(isRenewable("expired", inThreeWeeks, now)).toBe(false);
  });

  it("shows open and matched requests of verified, active organisations to everyone, nothing else", () => {
    expect(isPublic("open", verified)).toBe(true);
    expect(isPublic("matched", verified)).toBe(true);
    for (const status of ["draft", "closed", "expired"] as const)
      expect(isPublic(status, verified)).toBe(false);
    expect(isPublic("open", { status: "pending", archivedAt: null })).toBe(false);
    expect(isPublic("open", { status: "suspended", archivedAt: null })).toBe(false);
    expect(isPublic("open", { status: "verified", archivedAt: new Date() })).toBe(false);
  });

  it("expires three calendar months later, clamping to the end of a shorter month", () => {
    expect(expiryFrom(new Date("2027-01-15T10:00:00Z")).toISOString()).toBe("2027-04-15T10:00:00.000Z");
    expect(addMonths(new Date("2026-11-30T08:00:00Z"), 3).toISOString()).toBe("2027-02-28T08:00:00.000Z");
    expect(addMonths(new Date("2027-10-31T08:00:00Z"), 3).toISOString()).toBe("2028-01-31T08:00:00.000Z");
  });

  it("formats dates in the reader's language", () => {
    const date = new Date("2027-03-12T12:00:00Z");
    expect(formatDate(date, "nl")).toBe("12 maart 2027");
    expect(formatDate(date, "de")).toBe("12. März 2027");
    expect(formatDate(date, "en")).toBe("12 March 2027");
  });
});

describe("renewal link token", () => {
  const secret = "s".repeat(32);
  const id = "0b4f3c8e-6d2a-4c1e-9f00-123456789abc";
  const expiresAt = new Date("2027-03-12T12:00:00Z");

  it("verifies for the request and expiry it was signed for", () => {
    const token = signRenewalToken(secret, id, expiresAt);
    expect(verifyRenewalToken(secret, token, { id, expiresAt })).toBe(true);
  });

  it("no longer verifies once the expiry moved, so a used link is void", () => {
    const token = signRenewalToken(secret, id, expiresAt);
    expect(verifyRenewalToken(secret, token, { id, expiresAt: new Date("2027-06-12T12:00:00Z") })).toBe(
      false,
    );
  });

  it("refuses another secret, another request and tampered tokens", () => {
    const token = signRenewalToken(secret, id, expiresAt);
    expect(verifyRenewalToken("t".repeat(32), token, { id, expiresAt })).toBe(false);
    const other = "0b4f3c8e-6d2a-4c1e-9f00-cba987654321";
    expect(verifyRenewalToken(secret, token.replace(id, other), { id: other, expiresAt })).toBe(false);
    expect(verifyRenewalToken(secret, `${token.slice(0, -1)}A`, { id, expiresAt })).toBe(false);
    expect(verifyRenewalToken(secret, "forged", { id, expiresAt })).toBe(false);
  });
});
