// GET /map/points?bbox=west,south,east,north&zoom=9[&filters]: the clusters and points of a viewport.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { mapEndpoint } from "~/modules/map/api.server.ts";
import { pointsParamsSchema } from "~/modules/map/params.ts";
import { viewportPoints } from "~/modules/map/points.server.ts";

export function loader({ request }: LoaderFunctionArgs) {
  return mapEndpoint(request, pointsParamsSchema, ({ show, bbox, zoom, ...filters }) =>
    viewportPoints(show, filters, bbox, zoom),
  );
}
