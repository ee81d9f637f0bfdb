// The route config: the file conventions of app/routes/, as before v3_routeConfig (ADR 0014).
import { flatRoutes } from "@remix-run/fs-routes";
import type { RouteConfig } from "@remix-run/route-config";

export default flatRoutes({ ignoredRouteFiles: ["**/*.test.ts", "**/*.test.tsx"] }) satisfies RouteConfig;
