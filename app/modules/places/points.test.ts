import type { MultiPolygon, Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import { isBoundary, isWithin } from "./boundaries.ts";
import { movePoint, readPoint, samePoint } from "./points.ts";

describe("reading the form's point", () => {
  it("takes decimal degrees with a dot or a comma, rounded to 6 decimals", () => {
    expect(readPoint("51.8384512345", "5.8367")).toEqual({ lat: 51.838451, lon: 5.8367 });
    expect(readPoint(" 51,84 ", "+5,86")).toEqual({ lat: 51.84, lon: 5.86 });
    expect(readPoint("-33.9", "-151")).toEqual({ lat: -33.9, lon: -151 });
  });

  it("treats two empty fields as not given", () => {
    expect(readPoint(undefined, undefined)).toBeNull();
    expect(readPoint("", "  ")).toBeNull();
  });

  it("refuses one field alone, words, NaN, infinity, exponents and values out of range", () => {
    for (const [lat, lon] of [
      ["51.8", ""],
      ["", "5.8"],
      ["NaN", "5.8"],
      ["51.8", "Infinity"],
      ["5e1", "5.8"],
      ["0x33", "5.8"],
      ["51.8.1", "5.8"],
      ["90.000001", "5.8"],
      ["51.8", "-180.5"],
      ["north", "east"],
    ]) {
      expect(readPoint(lat, lon), `${lat} ${lon}`).toBe("invalid");
    }
    expect(readPoint(["51.8", "52"], "5.8")).toBe("invalid");
    expect(readPoint({ file: true }, "5.8")).toBe("invalid");
  });
});

describe("moving a point by metres", () => {
  it("moves about 100 m north and east at the latitude of Nijmegen", () => {
    const nijmegen = { lat: 51.84, lon: 5.86 };
    const north = movePoint(nijmegen, 0, 100);
    const east = movePoint(nijmegen, 100, 0);
    expect((north.lat - nijmegen.lat) * 111_320).toBeCloseTo(100, 0);
    expect(north.lon).toBe(nijmegen.lon);
    expect((east.lon - nijmegen.lon) * 111_320 * Math.cos((51.84 * Math.PI) / 180)).toBeCloseTo(100, 0);
    expect(samePoint(movePoint(movePoint(nijmegen, 0, 250), 0, -250), nijmegen)).toBe(true);
  });
});

describe("point in a municipality's boundary", () => {
  // A 2 × 2 degree square with a 1 × 1 hole in the middle, and a second square further east.
  const withHole: Polygon = {
    type: "Polygon",
    coordinates: [
      [
        [5, 51],
        [7, 51],
        [7, 53],
        [5, 53],
        [5, 51],
      ],
      [
        [5.5, 51.5],
        [6.5, 51.5],
        [6.5, 52.5],
        [5.5, 52.5],
        [5.5, 51.5],
      ],
    ],
  };
  const twoParts: MultiPolygon = {
    type: "MultiPolygon",
    coordinates: [
      withHole.coordinates,
      [
        [
          [8, 51],
          [9, 51],
          [9, 52],
          [8, 52],
          [8, 51],
        ],
      ],
    ],
  };

  it("finds points inside a polygon, but not in its hole or outside it", () => {
    expect(isWithin({ lat: 51.2, lon: 5.2 }, withHole)).toBe(true);
    expect(isWithin({ lat: 52, lon: 6 }, withHole)).toBe(false);
    expect(isWithin({ lat: 50.9, lon: 6 }, withHole)).toBe(false);
    expect(isWithin({ lat: 51, lon: 6 }, withHole)).toBe(true);
  });

  it("finds points in any part of a multipolygon", () => {
    expect(isWithin({ lat: 51.5, lon: 8.5 }, twoParts)).toBe(true);
    expect(isWithin({ lat: 51.2, lon: 5.2 }, twoParts)).toBe(true);
    expect(isWithin({ lat: 52, lon: 6 }, twoParts)).toBe(false);
    expect(isWithin({ lat: 51.5, lon: 7.5 }, twoParts)).toBe(false);
  });

  it("knows a boundary from other JSON", () => {
    expect(isBoundary(withHole)).toBe(true);
    expect(isBoundary(twoParts)).toBe(true);
    expect(isBoundary({ type: "Point", coordinates: [5, 51] })).toBe(false);
    expect(isBoundary(null)).toBe(false);
  });
});
