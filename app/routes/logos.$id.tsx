// Serves a logo from the database, so every app instance has it. A logo is never changed in place
// (a new upload gets a new id), so it may be cached for a year.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getLogo } from "~/modules/organisations/service.server.ts";

export async function loader({ params }: LoaderFunctionArgs) {
  const logo = await getLogo(params.id ?? "");
  if (!logo) {
    return new Response("Not found", {
      status: 404,
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  return new Response(logo.data, {
    headers: {
      "Content-Type": logo.mimeType,
      "Content-Length": String(logo.data.byteLength),
      "Cache-Control": "public, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
      "Content-Disposition": "inline",
      "Last-Modified": logo.createdAt.toUTCString(),
    },
  });
}
