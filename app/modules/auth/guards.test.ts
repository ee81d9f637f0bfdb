import type { AppLoadContext } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { answerOf } from "../../../tests/support/answer.ts";
import { requireAnonymous, requireStaff, requireUser, safeRedirectTarget } from "./guards.server.ts";
import type { Auth } from "./session.server.ts";

function contextWith(role: "member" | "staff" | "admin" | null): AppLoadContext {
  const auth: Auth | null = role
    ? {
        sessionId: "s",
        expiresAt: new Date(),
        user: { id: "u", email: "a@b.example", name: "A", locale: "de", role, emailVerifiedAt: null },
      }
    : null;
  return { auth, cspNonce: "", clientIp: "127.0.0.1", isDevelopment: false };
}

const request = new Request("http://localhost/de/account?tab=2");

describe("route guards", () => {
  it("sends a signed-out visitor to sign-in in their language, with the way back", async () => {
    const response = await answerOf(() => requireUser(contextWith(null), request));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/de/signin?redirectTo=%2Fde%2Faccount%3Ftab%3D2");
  });

  it("lets staff and admins through requireStaff and refuses members with 403", async () => {
    expect(requireStaff(contextWith("staff"), request).user.role).toBe("staff");
    expect(requireStaff(contextWith("admin"), request).user.role).toBe("admin");
    const response = await answerOf(() => requireStaff(contextWith("member"), request));
    expect(response.status).toBe(403);
    expect(response.body).toEqual({ messageKey: "auth:staffOnly" });
  });

  it("sends a signed-in user away from sign-in pages", async () => {
    const response = await answerOf(() => requireAnonymous(contextWith("member"), request));
    expect(response.headers.get("Location")).toBe("/de/account");
    expect(() => requireAnonymous(contextWith(null), request)).not.toThrow();
  });

  it("follows only same-site paths after sign-in", () => {
    expect(safeRedirectTarget("/nl/account", "/x")).toBe("/nl/account");
    expect(safeRedirectTarget("//evil.example/", "/x")).toBe("/x");
    expect(safeRedirectTarget("https://evil.example/", "/x")).toBe("/x");
    expect(safeRedirectTarget("/\\evil.example", "/x")).toBe("/x");
    expect(safeRedirectTarget(null, "/x")).toBe("/x");
  });

  it("parses a redirect target as a browser would, so no trick leaves the site", () => {
    // A browser drops tabs and newlines from a URL: "/\t/evil.example" would become "//evil.example".
    for (const value of [
      "/\t/evil.example",
      "/\n/evil.example",
      "/\r\n/evil.example",
      "/\u000b/evil.example",
      "/\u3000/evil.example",
      "/ /evil.example",
      "/\u0000/x",
      "/\u0085/x",
      "/nl/account\nSet-Cookie: a=b",
      "/\\/evil.example",
      "javascript:alert(1)",
      "/",
    ]) {
      expect(safeRedirectTarget(value, "/x"), JSON.stringify(value)).toBe(value === "/" ? "/" : "/x");
    }
    // Encoded characters stay encoded, so they stay on the site as a path.
    expect(safeRedirectTarget("/%09/evil.example", "/x")).toBe("/%09/evil.example");
    expect(safeRedirectTarget("/%2F/evil.example", "/x")).toBe("/%2F/evil.example");
    expect(safeRedirectTarget("/de/browse?q=a%20b#results", "/x")).toBe("/de/browse?q=a%20b#results");
    expect(safeRedirectTarget("/./../..//evil.example", "/x")).toBe("/x");
  });
});
