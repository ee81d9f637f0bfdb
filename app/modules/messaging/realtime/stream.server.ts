// One reader's event stream (server-sent events): 'ready' when it opens, 'message' {threadId,
// messageId} for a new message in a thread the reader may read, 'resync' when this instance may have
// missed announcements, 'ping' as a heartbeat. The events carry ids only; the page reads everything
// through its loaders. Whether the reader may read a thread is canReadThread's answer, kept per
// stream for a short while; a cheap first look (the thread's organisations against the reader's)
// only spares canReadThread the threads that are plainly someone else's, and can never let one
// through that canReadThread refuses.
import { eventStream } from "remix-utils/sse/server";
import { isStaff } from "~/modules/auth/roles.ts";
import { canReadThread, threadOrganisations, type Reader } from "~/modules/messaging/access.server.ts";
import { prisma } from "~/utils/db.server.ts";
import type { HubEvent, MessageHub } from "./hub.server.ts";

export type StreamOptions = {
  /** Between heartbeats (default 25 s: under the usual 30–60 s idle time-outs of proxies). */
  heartbeatMs?: number;
  /** How long a permission answer or the reader's organisations are kept (default 30 s). */
  ttlMs?: number;
};

type ThreadOrganisations = Awaited<ReturnType<typeof threadOrganisations>>;

// A thread's organisations never change (a match's two sides, a staff thread's one), so the
// instance keeps them for every stream; bounded, the oldest entry leaves first.
const threadCacheLimit = 10_000;
const threadCache = new Map<string, Promise<ThreadOrganisations>>();

function organisationsOf(threadId: string): Promise<ThreadOrganisations> {
  let found = threadCache.get(threadId);
  if (!found) {
    found = threadOrganisations(threadId);
    threadCache.set(threadId, found);
    // A thread not found (yet) or a failed lookup is asked again next time.
    found.then(
      (value) => value ?? threadCache.delete(threadId),
      () => threadCache.delete(threadId),
    );
    if (threadCache.size > threadCacheLimit) threadCache.delete(threadCache.keys().next().value!);
  }
  return found;
}

/** A value fetched again once older than `ttlMs`; concurrent callers share one fetch. */
function expiring<T>(ttlMs: number, fetch: () => Promise<T>) {
  let entry: { value: Promise<T>; at: number } | null = null;
  return () => {
    if (!entry || Date.now() - entry.at > ttlMs) {
      const value = fetch();
      const current = { value, at: Date.now() };
      entry = current;
      value.catch(() => {
        if (entry === current) entry = null;
      });
    }
    return entry.value;
  };
}

/** The per-stream permission check: canReadThread's answers for `ttlMs`, with the first look. */
export function threadPermissions(reader: Reader, ttlMs: number) {
  const readerOrganisations = expiring(ttlMs, async () => {
    const rows = await prisma.membership.findMany({
      where: { userId: reader.id },
      select: { organisationId: true },
    });
    return new Set(rows.map((row) => row.organisationId));
  });
  // Asked now, so the stream's first event does not wait for it.
  readerOrganisations().catch(() => undefined);
  const answers = new Map<string, ReturnType<typeof expiring<boolean>>>();
  return async (threadId: string): Promise<boolean> => {
    const thread = await organisationsOf(threadId);
    if (!thread) return false;
    if (!(thread.kind === "staff" && isStaff(reader))) {
      const mine = await readerOrganisations();
      if (!thread.organisationIds.some((id) => mine.has(id))) return false;
    }
    let answer = answers.get(threadId);
    if (!answer) answers.set(threadId, (answer = expiring(ttlMs, () => canReadThread(reader, threadId))));
    return answer();
  };
}

export function messageEventStream(
  request: Request,
  reader: Reader,
  hub: MessageHub,
  options: StreamOptions = {},
): Response {
  const heartbeatMs = options.heartbeatMs ?? 25_000;
  const mayRead = threadPermissions(reader, options.ttlMs ?? 30_000);
  return eventStream(request.signal, (send, close) => {
    let closed = false;
    const emit = (event: string, data: unknown) => {
      if (!closed) send({ event, data: JSON.stringify(data) });
    };
    const onEvent = (event: HubEvent) => {
      if (event.type === "stop") return void queueMicrotask(close);
      if (event.type === "resync") return emit("resync", {});
      mayRead(event.threadId).then(
        (allowed) => {
          if (allowed) emit("message", { threadId: event.threadId, messageId: event.messageId });
        },
        // The check failed (the database is briefly gone): the client is told to read afresh.
        () => emit("resync", {}),
      );
    };
    const unsubscribe = hub.subscribe(onEvent);
    const heartbeat = setInterval(() => emit("ping", {}), heartbeatMs);
    // The first bytes go out at once: they carry the headers, so the client knows the stream is open.
    emit("ready", { connected: hub.connected() });
    return () => {
      closed = true;
      clearInterval(heartbeat);
      unsubscribe();
    };
  });
}
