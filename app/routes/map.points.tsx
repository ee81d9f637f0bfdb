// GET /map/points?bbox=west,south,east,north&zoom=9[&filters]: the clusters and points of a viewport.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { mapEndpoint } from "~/modules/map/points/api.server.ts";
import { pointsParamsSchema } from "~/modules/map/points/params.ts";
import { viewportPoints } from "~/modules/map/points/points.server.ts";

export function loader({ request }: LoaderFunctionArgs) {
  return mapEndpoint(request, pointsParamsSchema, ({ show, bbox, zoom, ...filters }) =>
    viewportPoints(show, filters, bbox, zoom),
  );
}
