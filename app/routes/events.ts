// GET /events: the signed-in reader's event stream (server-sent events) of new messages in the
// threads they may read, and 'resync' when they should read everything again. Signed out: 401, no
// stream. Served uncompressed (server/app.ts), as compression would hold the events back.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { processMessageHub } from "~/modules/messaging/realtime/hub.server.ts";
import { messageEventStream } from "~/modules/messaging/realtime/stream.server.ts";

export function loader({ request, context }: LoaderFunctionArgs) {
  const user = context.auth?.user;
  if (!user) return new Response(null, { status: 401, headers: { "Cache-Control": "no-store" } });
  // Remix drops a HEAD answer's body without cancelling it: a stream made for one would never end.
  if (request.method === "HEAD")
    return new Response(null, {
      headers: { "Content-Type": "text/event-stream", "Cache-Control": "no-cache" },
    });
  return messageEventStream(request, { id: user.id, role: user.role }, processMessageHub());
}
