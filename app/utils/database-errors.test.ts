import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./database-errors.ts";

describe("isDatabaseUnavailable", () => {
  it("recognises an outage through Prisma's and the driver adapter's wrapping", () => {
    const refused = {
      code: "P2010",
      meta: { name: "DriverAdapterError", cause: { kind: "DatabaseNotReachable" } },
    };
    expect(isDatabaseUnavailable(refused)).toBe(true);
    // What a raw query cut off mid-outage throws (seen in outage.spec.ts on 2026-12-03).
    const cut = Object.assign(new Error("Raw query failed. Code: `N/A`. Message: `x`"), {
      code: "P2010",
      driverAdapterError: Object.assign(new Error("ConnectionClosed"), {
        cause: { kind: "ConnectionClosed" },
      }),
    });
    expect(isDatabaseUnavailable(cut)).toBe(true);
    expect(
      isDatabaseUnavailable(new Error("Raw query failed. Message: `Server has closed the connection.`")),
    ).toBe(true);
    expect(isDatabaseUnavailable({ code: "P1001" })).toBe(true);
    expect(isDatabaseUnavailable({ meta: { cause: { kind: "postgres", code: "57P01" } } })).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error("x"), { code: "ECONNREFUSED" }))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isDatabaseUnavailable(new Error("outer", { cause: { code: "57P03" } }))).toBe(true);
  });

  it("leaves every other error alone", () => {
    expect(isDatabaseUnavailable(new Error("boom"))).toBe(false);
    expect(isDatabaseUnavailable({ code: "P2002" })).toBe(false);
    expect(isDatabaseUnavailable({ meta: { cause: { kind: "postgres", code: "22021" } } })).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
    expect(isDatabaseUnavailable("P1001")).toBe(false);
  });
});
