// The browse page's cursors: what pageOf writes reads back, and a hand-made one is refused before any SQL.
import { describe, expect, it } from "vitest";
import { decodeCursor, encodeCursor, parseBrowseParams } from "./schemas.ts";

const id = "6f1c2b9e-0000-4000-8000-000000000000";
const forge = (json: string) => Buffer.from(json).toString("base64url");

describe("browse cursors", () => {
  it("reads back every cursor the search writes: a date for newest, a rank or a date for relevance, metres for distance", () => {
    for (const cursor of [
      { s: "newest", k: "2026-11-29T14:03:12.345Z", i: id },
      { s: "relevance", k: 0.0607927, i: id },
      { s: "relevance", k: "2026-11-29T14:03:12.345Z", i: id },
      { s: "relevance", k: 0, i: id },
      { s: "distance", k: 0, i: id },
      { s: "distance", k: 31_415.9, i: id },
    ] as const) {
      expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    }
  });

  it("refuses a newest-first key that is not a date PostgreSQL can read, in the form the search writes it", () => {
    for (const k of [
      '"not a date"',
      "1764633600000",
      '"2026-13-45T00:00:00.000Z"',
      '"2026-02-30T00:00:00.000Z"',
      '"0000-01-01T00:00:00.000Z"',
      '"1999-12-31T23:59:59.999Z"',
      '"2101-01-01T00:00:00.000Z"',
      '"+275760-09-13T00:00:00.000Z"',
      '"2026-01-01"',
      '"2026-01-01T00:00:00+01:00"',
      "null",
    ]) {
      expect(decodeCursor(forge(`{"s":"newest","k":${k},"i":"${id}"}`)), k).toBeNull();
    }
  });

  it("refuses a relevance or distance key that is not a finite number in range", () => {
    for (const k of ['"rank"', '"NaN"', '"Infinity"', "1e400", "1e300", "-1", "true", "[1]"]) {
      expect(decodeCursor(forge(`{"s":"relevance","k":${k},"i":"${id}"}`)), k).toBeNull();
    }
    for (const k of ['"far"', '"2026-01-01T00:00:00.000Z"', "1e20", "-5", "13000001", '{"x":1}', "null"]) {
      expect(decodeCursor(forge(`{"s":"distance","k":${k},"i":"${id}"}`)), k).toBeNull();
    }
  });

  it("refuses a bad id, an unknown sort, a missing or extra field and what is no cursor at all", () => {
    for (const json of [
      `{"s":"newest","k":"2026-01-01T00:00:00.000Z","i":"not-a-uuid"}`,
      `{"s":"oldest","k":"2026-01-01T00:00:00.000Z","i":"${id}"}`,
      `{"s":"newest","k":"2026-01-01T00:00:00.000Z"}`,
      `{"s":"newest","k":"2026-01-01T00:00:00.000Z","i":"${id}","x":1}`,
      `["newest","2026-01-01T00:00:00.000Z","${id}"]`,
      `"newest"`,
      `{"s":"newest"`,
    ]) {
      expect(decodeCursor(forge(json)), json).toBeNull();
    }
    expect(decodeCursor("%%%")).toBeNull();
    expect(decodeCursor(Buffer.from([0xff, 0xfe]).toString("base64url"))).toBeNull();
  });

  it("reports a forged cursor on the browse page as browse:errors.invalidCursor", () => {
    const cursor = forge(`{"s":"distance","k":"far","i":"${id}"}`);
    expect(parseBrowseParams(new URLSearchParams({ sort: "distance", near: "05154036", cursor }))).toEqual({
      ok: false,
      fieldErrors: { cursor: "browse:errors.invalidCursor" },
    });
  });
});
