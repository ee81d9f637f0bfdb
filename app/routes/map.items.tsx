// GET /map/items?bbox=…&lang=de[&filters][&page=2]: one page of the requests or organisations in a
// viewport (or at one spot: the card of a point or of a cluster that cannot be split further).
import type { LoaderFunctionArgs } from "@remix-run/node";
import { mapEndpoint } from "~/modules/map/points/api.server.ts";
import { listParamsSchema } from "~/modules/map/points/params.ts";
import { mapList } from "~/modules/map/points/list.server.ts";

export function loader({ request }: LoaderFunctionArgs) {
  return mapEndpoint(request, listParamsSchema, (params, locale) => mapList(params, locale));
}
