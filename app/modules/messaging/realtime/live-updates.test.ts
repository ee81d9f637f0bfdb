import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { coalesce, retryDelay } from "./live-updates.tsx";

describe("coalescing revalidations", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("runs the first at once and every burst after it once, at most every 500 ms", () => {
    const run = vi.fn();
    const refresh = coalesce(run, 500);
    refresh.request();
    expect(run).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 20; i++) refresh.request();
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(499);
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(2000);
    expect(run).toHaveBeenCalledTimes(2);
    refresh.request();
    expect(run).toHaveBeenCalledTimes(3);
  });

  it("drops a waiting run when cancelled", () => {
    const run = vi.fn();
    const refresh = coalesce(run, 500);
    refresh.request();
    refresh.request();
    refresh.cancel();
    vi.advanceTimersByTime(1000);
    expect(run).toHaveBeenCalledTimes(1);
  });
});

it("retries the stream after 1 s, 2 s, 4 s … at most a minute", () => {
  expect([0, 1, 2, 5, 6, 7, 50].map((attempt) => retryDelay(attempt, () => 0))).toEqual([
    1000, 2000, 4000, 32_000, 60_000, 60_000, 60_000,
  ]);
});
