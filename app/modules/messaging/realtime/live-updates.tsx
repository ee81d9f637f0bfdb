// Keeps a signed-in reader's pages current without a reload: an EventSource on GET /events, and on
// a 'message' or 'resync' event the page's loaders are read again (Remix's revalidator), at most
// once per half second however many messages arrive. While the stream is cut (or EventSource is
// missing) the loaders are read every 20 s instead, and the stream is reopened after 1 s, 2 s, 4 s …
// up to a minute. Renders nothing.
import { useRevalidator } from "@remix-run/react";
import { useEffect, useRef } from "react";

export const revalidateEveryMs = 500;
export const pollEveryMs = 20_000;

/** 1 s, 2 s, 4 s … at most a minute, with up to a fifth more at random so tabs do not return in step. */
export function retryDelay(attempt: number, random = Math.random): number {
  return Math.round(Math.min(60_000, 1000 * 2 ** Math.min(attempt, 10)) * (1 + random() * 0.2));
}

/** Calls `run` at once, or, within `gapMs` of the last call, once at the end of the gap. */
export function coalesce(run: () => void, gapMs: number, now = () => Date.now()) {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const fire = () => {
    timer = null;
    last = now();
    run();
  };
  return {
    request() {
      if (timer) return;
      const wait = last + gapMs - now();
      if (wait <= 0) fire();
      else timer = setTimeout(fire, wait);
    },
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

export function LiveUpdates({ url = "/events" }: { url?: string }) {
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
  useEffect(() => {
    revalidate.current = revalidator.revalidate;
  });

  useEffect(() => {
    let stopped = false;
    let source: EventSource | null = null;
    let poll: ReturnType<typeof setInterval> | null = null;
    let reconnect: ReturnType<typeof setTimeout> | null = null;
    let attempt = 0;
    let wasOpen = false;
    const refresh = coalesce(() => {
      if (!stopped) revalidate.current();
    }, revalidateEveryMs);

    const startPolling = () => {
      poll ??= setInterval(() => {
        if (document.visibilityState !== "hidden") refresh.request();
      }, pollEveryMs);
    };
    const stopPolling = () => {
      if (poll) clearInterval(poll);
      poll = null;
    };

    const connect = () => {
      reconnect = null;
      if (stopped) return;
      const next = new EventSource(url);
      source = next;
      next.addEventListener("ready", () => {
        // Back after a cut: whatever arrived meanwhile is read now.
        if (wasOpen || attempt > 0) refresh.request();
        wasOpen = true;
        attempt = 0;
        stopPolling();
      });
      next.addEventListener("message", () => refresh.request());
      next.addEventListener("resync", () => refresh.request());
      next.addEventListener("error", () => {
        // EventSource retries network errors on its own but gives up on an HTTP error; either way
        // we close it and retry ourselves, polling meanwhile.
        next.close();
        if (source === next) source = null;
        if (stopped) return;
        startPolling();
        reconnect ??= setTimeout(connect, retryDelay(attempt++));
      });
    };

    if (typeof window.EventSource === "function") connect();
    else startPolling();
    return () => {
      stopped = true;
      source?.close();
      stopPolling();
      if (reconnect) clearTimeout(reconnect);
      refresh.cancel();
    };
  }, [url]);

  return null;
}
