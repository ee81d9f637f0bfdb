// Serves a logo from the database, so every app instance has it. A logo is never changed in place
// (a new upload gets a new id), so a public organisation's may be cached for a year; one that is not
// public yet (or any more) goes only to its members and staff, and is never stored along the way.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { getAuth } from "~/modules/auth/guards.server.ts";
import { getLogo } from "~/modules/organisations/service.server.ts";

export async function loader({ params, context }: LoaderFunctionArgs) {
  const logo = await getLogo(params.id ?? "", getAuth(context)?.user ?? null);
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
      "Cache-Control": logo.isPublic ? "public, max-age=31536000, immutable" : "private, no-store",
      "X-Content-Type-Options": "nosniff",
      "Content-Disposition": "inline",
      "Last-Modified": logo.createdAt.toUTCString(),
    },
  });
}
