// A point on the map: reading it from a form's degrees, moving it by metres (the pin picker's arrow
// keys), comparing two.

export type Point = { lat: number; lon: number };

const METRES_PER_DEGREE_LATITUDE = 111_320;
/** Decimal degrees with a dot or, as Dutch and German readers write them, a comma. */
const DEGREES = /^[+-]?\d{1,3}(?:[.,]\d{1,15})?$/;

const roundTo6 = (value: number) => Math.round(value * 1e6) / 1e6;

function readDegrees(value: unknown, limit: number): number | null {
  if (typeof value !== "string") return null;
  const text = value.trim();
  if (!DEGREES.test(text)) return null;
  const degrees = Number(text.replace(",", "."));
  return Number.isFinite(degrees) && Math.abs(degrees) <= limit ? roundTo6(degrees) : null;
}

const isBlank = (value: unknown) => value === undefined || (typeof value === "string" && value.trim() === "");

/**
 * The form's `lat` and `lon`: both empty means "not given" (null), one of them alone, anything but
 * decimal degrees, or a value out of range is "invalid". Rounded to 6 decimals, about 10 cm.
 */
export function readPoint(lat: unknown, lon: unknown): Point | null | "invalid" {
  if (isBlank(lat) && isBlank(lon)) return null;
  const point = { lat: readDegrees(lat, 90), lon: readDegrees(lon, 180) };
  return point.lat === null || point.lon === null ? "invalid" : (point as Point);
}

/** Moves a point east (+) or west (−) and north (+) or south (−), in metres; fine at Euregio scale. */
export function movePoint(point: Point, eastMetres: number, northMetres: number): Point {
  const lat = point.lat + northMetres / METRES_PER_DEGREE_LATITUDE;
  const metresPerDegreeLongitude = METRES_PER_DEGREE_LATITUDE * Math.cos((point.lat * Math.PI) / 180);
  return {
    lat: roundTo6(Math.max(-90, Math.min(90, lat))),
    lon: roundTo6(point.lon + eastMetres / metresPerDegreeLongitude),
  };
}

export function samePoint(a: Point, b: Point): boolean {
  return Math.abs(a.lat - b.lat) < 1e-7 && Math.abs(a.lon - b.lon) < 1e-7;
}
