// Download of all the signed-in user's personal data and their organisations' data, as JSON.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/modules/auth/guards.server.ts";
import { requireLocale } from "~/modules/i18n/params.server.ts";
import { exportPersonalData } from "~/modules/privacy/service.server.ts";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  requireLocale(params);
  const { user } = requireUser(context, request);
  const data = await exportPersonalData(user.id);
  const date = new Date().toISOString().slice(0, 10);
  return new Response(JSON.stringify(data, null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="euregio-partners-data-${date}.json"`,
      "Cache-Control": "no-store",
    },
  });
}
