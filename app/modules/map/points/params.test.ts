// The map's query strings: a viewport (bbox and zoom) on top of the browse filters, each mistake
// answered with the translation key of the field it concerns.
import { describe, expect, it } from "vitest";
import { parseSearchParams } from "~/modules/search/schemas.ts";
import { listParamsSchema, pointsParamsSchema } from "./params.ts";

const parsePoints = (query: string) => parseSearchParams(pointsParamsSchema, new URLSearchParams(query));
const parseList = (query: string) => parseSearchParams(listParamsSchema, new URLSearchParams(query));

function pointsData(query: string) {
  const parsed = parsePoints(query);
  if (!parsed.ok) throw new Error(`bad params: ${JSON.stringify(parsed.fieldErrors)}`);
  return parsed.data;
}

function listData(query: string) {
  const parsed = parseList(query);
  if (!parsed.ok) throw new Error(`bad params: ${JSON.stringify(parsed.fieldErrors)}`);
  return parsed.data;
}

const viewport = "bbox=5.5,51.5,6.5,52&zoom=9";

describe("pointsParamsSchema", () => {
  it("reads a bounding box and a zoom level, with the browse defaults", () => {
    expect(pointsData(viewport)).toEqual({
      show: "requests",
      bbox: { west: 5.5, south: 51.5, east: 6.5, north: 52 },
      zoom: 9,
      sort: "newest",
      q: undefined,
    });
  });

  it("takes fractional zooms, the world's edges and a single point as a box", () => {
    expect(pointsData("bbox=-180,-85.051129,180,85.051129&zoom=0").bbox).toEqual({
      west: -180,
      south: -85.051129,
      east: 180,
      north: 85.051129,
    });
    expect(pointsData("bbox=6,51,6,51&zoom=22").bbox).toEqual({ west: 6, south: 51, east: 6, north: 51 });
    expect(pointsData("bbox=5.5,51.5,6.5,52&zoom=12.375").zoom).toBe(12.375);
    expect(pointsData("bbox=5.5,51.5,6.5,52&zoom=22").zoom).toBe(22);
    expect(pointsData("bbox= 5.5, 51.5 ,6.5,52&zoom=3").bbox.south).toBe(51.5);
  });

  it("reads the browse filters and the language alongside the viewport", () => {
    const data = pointsData(
      `${viewport}&show=organisations&q=+voetbal+&country=DE&kind=school&topic=music` +
        "&activity=joint_project&age=age_12_15&language=pl&municipality=05154036&lang=de",
    );
    expect(data).toMatchObject({
      show: "organisations",
      q: "voetbal",
      country: "DE",
      kind: "school",
      topic: "music",
      activity: "joint_project",
      age: "age_12_15",
      language: "pl",
      municipality: "05154036",
      lang: "de",
    });
    // Empty fields, as a form sends them, are no filters.
    expect(pointsData(`${viewport}&country=&kind=&q=&lang=`)).toMatchObject({
      country: undefined,
      kind: undefined,
      q: undefined,
      lang: undefined,
    });
  });

  const badBoxes: [string, string][] = [
    ["outside the world", "-200,50,6,52"],
    ["east beyond 180", "5,50,181,52"],
    ["west greater than east", "7,50,6,52"],
    ["south greater than north", "5,52,6,51"],
    ["latitude 89, beyond Web Mercator", "5,50,6,89"],
    ["latitude -89", "5,-89,6,50"],
    ["NaN", "5,NaN,6,52"],
    ["a word", "5,fifty,6,52"],
    ["an empty number", "5,,6,52"],
    ["Infinity", "5,50,Infinity,52"],
    ["three numbers", "5,50,6"],
    ["five numbers", "5,50,6,52,7"],
    ["empty", ""],
  ];
  for (const [name, bbox] of badBoxes) {
    it(`refuses a bbox that is ${name}`, () => {
      expect(parsePoints(`bbox=${bbox}&zoom=9`)).toEqual({
        ok: false,
        fieldErrors: { bbox: "map:errors.bbox" },
      });
    });
  }

  it("requires a bbox, once", () => {
    expect(parsePoints("zoom=9")).toEqual({ ok: false, fieldErrors: { bbox: "map:errors.bbox" } });
    expect(parsePoints(`${viewport}&bbox=5,50,6,51`)).toEqual({
      ok: false,
      fieldErrors: { bbox: "map:errors.bbox" },
    });
  });

  const badZooms: [string, string][] = [
    ["99", "zoom=99"],
    ["22.5", "zoom=22.5"],
    ["-1", "zoom=-1"],
    ["abc", "zoom=abc"],
    ["empty", "zoom="],
    ["1e1", "zoom=1e1"],
    ["a fraction with too many places", "zoom=9.1234567"],
    ["missing", ""],
  ];
  for (const [name, zoom] of badZooms) {
    it(`refuses a zoom that is ${name}`, () => {
      expect(parsePoints(`bbox=5.5,51.5,6.5,52&${zoom}`)).toEqual({
        ok: false,
        fieldErrors: { zoom: "map:errors.zoom" },
      });
    });
  }

  it("reports every bad field at once", () => {
    expect(parsePoints("bbox=7,50,6,52&zoom=99&kind=castle")).toEqual({
      ok: false,
      fieldErrors: { bbox: "map:errors.bbox", zoom: "map:errors.zoom", kind: "browse:errors.invalidValue" },
    });
  });

  it("refuses an unknown parameter on the form", () => {
    expect(parsePoints(`${viewport}&colour=blue`)).toEqual({
      ok: false,
      fieldErrors: { form: "browse:errors.unknownParameter" },
    });
    // The list's page is not a parameter of the points.
    expect(parsePoints(`${viewport}&page=2`)).toEqual({
      ok: false,
      fieldErrors: { form: "browse:errors.unknownParameter" },
    });
  });

  it("refuses unknown filter values and languages", () => {
    expect(parsePoints(`${viewport}&kind=castle`)).toEqual({
      ok: false,
      fieldErrors: { kind: "browse:errors.invalidValue" },
    });
    expect(parsePoints(`${viewport}&country=BE`)).toEqual({
      ok: false,
      fieldErrors: { country: "browse:errors.invalidValue" },
    });
    expect(parsePoints(`${viewport}&municipality=Nijmegen`)).toEqual({
      ok: false,
      fieldErrors: { municipality: "browse:errors.invalidValue" },
    });
    expect(parsePoints(`${viewport}&lang=fr`)).toEqual({
      ok: false,
      fieldErrors: { lang: "browse:errors.invalidValue" },
    });
    expect(parsePoints(`${viewport}&q=${"x".repeat(101)}`)).toEqual({
      ok: false,
      fieldErrors: { q: "browse:errors.queryTooLong" },
    });
  });

  it("sorts newest first where the browse page would rank by relevance", () => {
    expect(pointsData(`${viewport}&q=voetbal`).sort).toBe("newest");
    expect(pointsData(`${viewport}&q=voetbal&sort=relevance`).sort).toBe("newest");
    expect(pointsData(`${viewport}&sort=relevance`).sort).toBe("newest");
    expect(pointsData(`${viewport}&near=GM0268`).sort).toBe("distance");
    expect(pointsData(`${viewport}&near=GM0268&sort=newest`).sort).toBe("newest");
    // Nearest first without a place cannot be done: the map keeps its usual order.
    expect(pointsData(`${viewport}&sort=distance`).sort).toBe("newest");
  });
});

describe("listParamsSchema", () => {
  it("lists the whole map from page 1 without a bbox or page", () => {
    expect(listData("")).toEqual({
      show: "requests",
      page: 1,
      sort: "newest",
      q: undefined,
      nearMissing: false,
    });
    expect(listData("bbox=&page=")).toMatchObject({ bbox: undefined, page: 1 });
  });

  it("reads a bbox and a page", () => {
    expect(listData("bbox=5.5,51.5,6.5,52&page=3&show=organisations&q=voetbal")).toEqual({
      show: "organisations",
      bbox: { west: 5.5, south: 51.5, east: 6.5, north: 52 },
      page: 3,
      q: "voetbal",
      sort: "newest",
      nearMissing: false,
    });
    expect(listData("page=1000").page).toBe(1000);
  });

  for (const page of ["0", "-1", "1.5", "1001", "two"]) {
    it(`refuses page ${page}`, () => {
      expect(parseList(`page=${page}`)).toEqual({
        ok: false,
        fieldErrors: { page: "browse:errors.invalidValue" },
      });
    });
  }

  it("checks the bbox as the points do, and knows no zoom", () => {
    expect(parseList("bbox=7,50,6,52")).toEqual({ ok: false, fieldErrors: { bbox: "map:errors.bbox" } });
    expect(parseList("zoom=9")).toEqual({
      ok: false,
      fieldErrors: { form: "browse:errors.unknownParameter" },
    });
  });

  it("sorts newest or nearest first, never by relevance", () => {
    expect(listData("q=voetbal&sort=relevance").sort).toBe("newest");
    expect(listData("near=05154036").sort).toBe("distance");
    expect(listData("sort=distance")).toMatchObject({ sort: "newest", nearMissing: true });
    expect(listData("near=05154036").nearMissing).toBe(false);
  });
});
