// The job workers on real pg-boss: one job that fails is retried alone, and the others of its batch
// are done at once; a queue's options follow the code.
import { afterAll, describe, expect, it, vi } from "vitest";
import { defineQueue, getBoss, startWorkers, stopJobs } from "~/utils/jobs.server.ts";
import { waitFor } from "../support/smtp.ts";

afterAll(async () => {
  await stopJobs();
});

describe("job workers", () => {
  it("retry a failed job alone and finish the rest of its batch at once", async () => {
    const queue = defineQueue<{ name: string }>({
      name: "test-batch",
      options: { retryLimit: 3, retryDelay: 1, retryBackoff: false },
    });
    // Sent before a worker exists, so the worker fetches all three in one batch.
    for (const name of ["fails-once", "second", "third"]) await queue.send({ name });
    const handled: string[] = [];
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    let failed = false;
    await startWorkers(
      [
        {
          queue,
          options: { batchSize: 5 },
          handle: async ({ name }) => {
            handled.push(name);
            if (name === "fails-once" && !failed) {
              failed = true;
              throw new Error("SMTP 451 try again");
            }
          },
        },
      ],
      { pollingIntervalSeconds: 0.5 },
    );
    // The two others right after the failure, in the same batch, not after the retry delay.
    await waitFor(() => (handled.length >= 3 ? handled : undefined), 10_000);
    expect(handled.slice(0, 3)).toEqual(["fails-once", "second", "third"]);
    await waitFor(() => (handled.length >= 4 ? handled : undefined), 15_000);
    expect(handled).toEqual(["fails-once", "second", "third", "fails-once"]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("test-batch job"));
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("SMTP 451 try again"));
    warn.mockRestore();

    const boss = await getBoss();
    const states = await waitFor(async () => {
      const rows = await boss
        .getDb()
        .executeSql(
          "SELECT data->>'name' AS name, state, retry_count FROM pgboss.job WHERE name = 'test-batch'",
          [],
        );
      const list = rows.rows as { name: string; state: string; retry_count: number }[];
      return list.every((row) => row.state === "completed") ? list : undefined;
    }, 10_000);
    expect(states.find((row) => row.name === "fails-once")?.retry_count).toBe(1);
    expect(
      states
        .filter((row) => row.retry_count === 0)
        .map((row) => row.name)
        .sort(),
    ).toEqual(["second", "third"]);
  });

  it("take a queue's options from the code also when the queue exists", async () => {
    const boss = await getBoss();
    await boss.createQueue("test-options", { name: "test-options", retryLimit: 1, retryDelay: 30 });
    const queue = defineQueue<{ n: number }>({
      name: "test-options",
      options: { retryLimit: 12, retryDelay: 5, retryBackoff: true },
    });
    await queue.send({ n: 1 });
    const stored = await boss.getQueue("test-options");
    expect(stored).toMatchObject({ retryLimit: 12, retryDelay: 5, retryBackoff: true });
  });
});
