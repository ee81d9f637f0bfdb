// A small client that holds a server-sent event stream open and keeps what arrives, with the time
// each event arrived (the integration tests and bench:messaging; EventSource is not in Node 20).
import http from "node:http";

export type StreamEvent = { event: string; data: string; at: number };

export type HeldStream = {
  status: number;
  headers: http.IncomingHttpHeaders;
  events: StreamEvent[];
  /** Called for each event as it arrives. */
  onEvent: (listener: (event: StreamEvent) => void) => void;
  /** Resolves with the first event (already here or still to come) that passes, or rejects after `ms`. */
  waitFor: (test: (event: StreamEvent) => boolean, ms: number) => Promise<StreamEvent>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close: () => void;
};

/** Parses "event: …\ndata: …\n\n" blocks; returns the events and what is left of an unfinished one. */
export function parseEvents(text: string): { events: { event: string; data: string }[]; rest: string } {
  const events: { event: string; data: string }[] = [];
  const blocks = text.split("\n\n");
  const rest = blocks.pop() ?? "";
  for (const block of blocks) {
    let event = "message";
    const data: string[] = [];
    for (const line of block.split("\n")) {
      if (line.startsWith("event:")) event = line.slice(6).trim();
      else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
    }
    if (data.length) events.push({ event, data: data.join("\n") });
  }
  return { events, rest };
}

export function openEventStream(
  url: string,
  options: { cookie?: string; agent?: http.Agent; headers?: http.OutgoingHttpHeaders } = {},
): Promise<HeldStream> {
  return new Promise((resolve, reject) => {
    const request = http.get(
      url,
      {
        agent: options.agent,
        headers: {
          accept: "text/event-stream",
          ...(options.cookie ? { cookie: options.cookie } : {}),
          ...options.headers,
        },
      },
      (response) => {
        const events: StreamEvent[] = [];
        const listeners: ((event: StreamEvent) => void)[] = [];
        let buffer = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => {
          const at = performance.now();
          const parsed = parseEvents(buffer + chunk);
          buffer = parsed.rest;
          for (const item of parsed.events) {
            const event = { ...item, at };
            events.push(event);
            for (const listener of listeners) listener(event);
          }
        });
        const ended = new Promise<void>((done) => {
          response.on("end", () => done());
          response.on("close", () => done());
          response.on("error", () => done());
        });
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          events,
          onEvent: (listener) => listeners.push(listener),
          waitFor: (test, ms) =>
            new Promise((found, fail) => {
              const present = events.find(test);
              if (present) return found(present);
              const timer = setTimeout(() => fail(new Error(`no such event within ${ms} ms`)), ms);
              listeners.push((event) => {
                if (!test(event)) return;
                clearTimeout(timer);
                found(event);
              });
            }),
          ended,
          close: () => {
            request.destroy();
            response.destroy();
          },
        });
      },
    );
    request.on("error", reject);
  });
}
