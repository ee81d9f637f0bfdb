// This instance's ear for new messages: one dedicated connection LISTENs on 'thread_messages' (the
// messages trigger NOTIFYs it at each commit) and fans every announcement out to the event streams
// this instance holds. A lost connection is reopened with a growing delay; what was committed
// meanwhile was not heard, so after every reconnect the streams are told to resync. See
// docs/decisions/0026-realtime-messages.md.
import pg from "pg";

export type HubEvent =
  | { type: "message"; threadId: string; messageId: string }
  /** Announcements may have been missed (the connection was lost): read everything again. */
  | { type: "resync" }
  /** The hub stops (the server shuts down): streams end, clients reconnect elsewhere. */
  | { type: "stop" };

export type MessageHub = {
  subscribe: (listener: (event: HubEvent) => void) => () => void;
  connected: () => boolean;
  /** How many streams listen (for tests and the benchmark). */
  subscribers: () => number;
  stop: () => Promise<void>;
};

/** The listening connection's application_name, to tell it apart in pg_stat_activity. */
export const messageListenerName = "euregio-message-listener";
export const messageChannel = "thread_messages";

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The trigger's payload, {threadId, messageId}; anything else is ignored. */
export function parseAnnouncement(payload: string | undefined): HubEvent | null {
  if (!payload) return null;
  try {
    const value = JSON.parse(payload) as { threadId?: unknown; messageId?: unknown };
    if (typeof value.threadId !== "string" || typeof value.messageId !== "string") return null;
    if (!uuid.test(value.threadId) || !uuid.test(value.messageId)) return null;
    return { type: "message", threadId: value.threadId, messageId: value.messageId };
  } catch {
    return null;
  }
}

/** 1 s, 2 s, 4 s … up to `max`, each with up to a fifth more at random, so instances do not reconnect in step. */
export function reconnectDelay(attempt: number, min = 1000, max = 30_000, random = Math.random): number {
  const base = Math.min(max, min * 2 ** Math.min(attempt, 20));
  return Math.round(base * (1 + random() * 0.2));
}

export function startMessageHub(
  options: { url?: string; log?: (line: string) => void; minDelayMs?: number; maxDelayMs?: number } = {},
): MessageHub {
  const url = options.url ?? process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: the database has not been started");
  const log = options.log ?? ((line: string) => console.warn(`[messages] ${line}`));
  const listeners = new Set<(event: HubEvent) => void>();
  let client: pg.Client | null = null;
  let stopped = false;
  let isConnected = false;
  let everConnected = false;
  let attempt = 0;
  let retry: NodeJS.Timeout | null = null;

  const emit = (event: HubEvent) => {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        log(`a stream failed on ${event.type}: ${String(error)}`);
      }
    }
  };

  const connect = async () => {
    retry = null;
    const next = new pg.Client({ connectionString: url, application_name: messageListenerName });
    const lost = (error?: unknown) => {
      if (client !== next) return;
      client = null;
      isConnected = false;
      next.end().catch(() => undefined);
      if (stopped) return;
      const delay = reconnectDelay(attempt++, options.minDelayMs, options.maxDelayMs);
      log(`listener lost its connection${error ? ` (${String(error)})` : ""}; retrying in ${delay} ms`);
      retry = setTimeout(() => void connect(), delay);
      retry.unref();
    };
    client = next;
    next.on("error", lost);
    next.on("end", () => lost());
    next.on("notification", (message) => {
      if (message.channel !== messageChannel) return;
      const event = parseAnnouncement(message.payload);
      if (event) emit(event);
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${messageChannel}`);
      if (client !== next) return;
      isConnected = true;
      attempt = 0;
      // Commits announced while nobody listened are lost: every stream reads afresh.
      if (everConnected) emit({ type: "resync" });
      everConnected = true;
    } catch (error) {
      lost(error);
    }
  };
  void connect();

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    connected: () => isConnected,
    subscribers: () => listeners.size,
    async stop() {
      if (stopped) return;
      stopped = true;
      if (retry) clearTimeout(retry);
      const current = client;
      client = null;
      isConnected = false;
      emit({ type: "stop" });
      listeners.clear();
      await current?.end().catch(() => undefined);
    },
  };
}

const globalHub = globalThis as typeof globalThis & { __messageHub?: MessageHub };

/**
 * The process's hub, started by server/main.ts. Kept on globalThis: the server entry and the Remix
 * build are bundled apart and must share it. Started here on first use where no server started it.
 */
export function processMessageHub(): MessageHub {
  return (globalHub.__messageHub ??= startMessageHub());
}

/** Stops the process's hub, if one runs (the server's shutdown). */
export async function stopProcessMessageHub(): Promise<void> {
  const hub = globalHub.__messageHub;
  globalHub.__messageHub = undefined;
  await hub?.stop();
}
