// Rate-limit counters whose window ended are deleted hourly, so the table does not keep a row for
// every address that ever posted; no rule counts over a longer window than the clean-up keeps.
import { describe, expect, it } from "vitest";
import { rateLimitCleanupWorker } from "~/modules/auth/jobs.server.ts";
import { deleteStaleCounters, LONGEST_WINDOW_SECONDS, rules } from "~/modules/auth/rate-limit.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { workers } from "../../server/jobs.ts";
import { defaultTiers } from "../../server/rate-limits.ts";

const HOUR = 60 * 60 * 1000;

describe("rate-limit counters", () => {
  it("are counted by no rule over a longer window than the clean-up keeps", () => {
    const windows = [...Object.values(rules), ...defaultTiers()].map((rule) => rule.windowSeconds);
    expect(windows.length).toBeGreaterThan(8);
    for (const seconds of windows) expect(seconds).toBeLessThanOrEqual(LONGEST_WINDOW_SECONDS);
  });

  it("are deleted once their window ended, and kept while it runs", async () => {
    const now = new Date();
    const key = (name: string) => `cleanup-test:${name}:${now.getTime()}`;
    await prisma.rateLimit.createMany({
      data: [
        { key: key("stale"), windowStart: new Date(now.getTime() - 25 * HOUR), count: 7 },
        { key: key("day-old"), windowStart: new Date(now.getTime() - 23 * HOUR), count: 3 },
        { key: key("fresh"), windowStart: new Date(now.getTime() - 10 * 60 * 1000), count: 1 },
      ],
    });
    expect(await deleteStaleCounters(now)).toBeGreaterThanOrEqual(1);
    const left = await prisma.rateLimit.findMany({
      where: { key: { startsWith: "cleanup-test:" } },
      select: { key: true },
    });
    expect(left.map((row) => row.key).sort()).toEqual([key("day-old"), key("fresh")].sort());
  });

  it("are cleaned up hourly by a worker the server runs", () => {
    expect(workers).toContain(rateLimitCleanupWorker);
    expect(rateLimitCleanupWorker.queue.cron).toMatch(/^\d+ \* \* \* \*$/);
  });
});
