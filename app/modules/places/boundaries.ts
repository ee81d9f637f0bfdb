// A municipality's boundary (GeoJSON Polygon or MultiPolygon) and whether a point lies within it.
import { booleanPointInPolygon } from "@turf/boolean-point-in-polygon";
import type { MultiPolygon, Polygon } from "geojson";
import type { Point } from "./points.ts";

export type Boundary = Polygon | MultiPolygon;

export function isBoundary(value: unknown): value is Boundary {
  const type = (value as { type?: unknown } | null)?.type;
  return (
    (type === "Polygon" || type === "MultiPolygon") &&
    Array.isArray((value as { coordinates?: unknown }).coordinates)
  );
}

/** Inside a Polygon or MultiPolygon, holes excluded; a point on the boundary line counts as inside. */
export function isWithin(point: Point, boundary: Boundary): boolean {
  return booleanPointInPolygon([point.lon, point.lat], boundary);
}
