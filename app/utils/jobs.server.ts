// The one pg-boss of the process. Each module declares its queues (defineQueue) and the work done on
// them (a JobWorker) next to that work; a queue is created on its first use, so anyone may send a
// job, and only the server starts the workers and schedules (server/jobs.ts lists them). Tests and
// scripts send and drain jobs on the same instance without becoming workers.
// See docs/decisions/0016-jobs-and-the-server.md.
import PgBoss from "pg-boss";
import type { Prisma } from "~/generated/prisma/client.ts";

export type QueueDefinition = {
  name: string;
  options?: Omit<PgBoss.Queue, "name">;
  /** Sends the queue a job without data on this cron (Europe/Amsterdam), once per tick for all instances. */
  cron?: string;
};

export type JobQueue<T extends object> = QueueDefinition & {
  send(data: T, options?: PgBoss.SendOptions): Promise<void>;
};

export type JobWorker<T extends object> = {
  queue: JobQueue<T>;
  options?: PgBoss.WorkOptions;
  handle: (data: T) => Promise<void>;
};

// Even sealed (ADR 0011), finished jobs should not stay in the database: a completed job leaves
// pgboss.job a minute after it finished (the least that keeps pg-boss's cron running: no job may be
// throttled for longer than this) and the archive a minute later; maintenance runs every two minutes,
// so it is gone within about five. A failed job keeps its error for a week, as long as any link it
// carries could work. Nothing of ours reads finished jobs.
const RETENTION = {
  archiveCompletedAfterSeconds: 60,
  archiveFailedAfterSeconds: 7 * 24 * 60 * 60,
  deleteAfterSeconds: 60,
} satisfies PgBoss.ConstructorOptions;

type State = {
  boss?: PgBoss;
  starting?: Promise<PgBoss>;
  stopping?: boolean;
  queues: Map<string, Promise<void>>;
};
// One per process, also when the Remix build and the server entry are bundled separately.
const holder = globalThis as unknown as { __jobs?: State };
const state: State = (holder.__jobs ??= { queues: new Map() });

export function getBoss(): Promise<PgBoss> {
  if (state.boss) return Promise.resolve(state.boss);
  state.stopping = false;
  state.starting ??= (async () => {
    const boss = new PgBoss({
      connectionString: process.env.DATABASE_URL,
      schema: "pgboss",
      max: 4,
      ...RETENTION,
    });
    // Once stopping has begun, lost connections are expected (the embedded database stops too).
    boss.on("error", (error) => {
      if (!state.stopping) console.error("[jobs]", error.message);
    });
    try {
      await boss.start();
    } catch (error) {
      state.starting = undefined;
      throw error;
    }
    state.boss = boss;
    return boss;
  })();
  return state.starting;
}

/** Creates the queue once per instance: pg-boss refuses jobs for a queue it does not have. */
export async function ensureQueue(queue: QueueDefinition): Promise<PgBoss> {
  const boss = await getBoss();
  let creating = state.queues.get(queue.name);
  if (!creating) {
    // Created once per database; its options follow the code (a queue made by an older version
    // keeps its old retry delays otherwise, and jobs take their queue's options when sent).
    const options = { name: queue.name, ...queue.options };
    creating = boss.createQueue(queue.name, options).then(() => boss.updateQueue(queue.name, options));
    state.queues.set(queue.name, creating);
    creating.catch(() => state.queues.delete(queue.name));
  }
  await creating;
  return boss;
}

export function defineQueue<T extends object>(definition: QueueDefinition): JobQueue<T> {
  return {
    ...definition,
    async send(data, options) {
      const boss = await ensureQueue(definition);
      await boss.send(definition.name, data, options ?? {});
    },
  };
}

/**
 * pg-boss's database access through a Prisma client or an open transaction: a job sent with
 * `{ db: jobsDb(tx) }` is written in that transaction, so it exists exactly when the transaction
 * commits (and never when it rolls back). pg-boss's own option for sending inside a transaction.
 */
export function jobsDb(db: Pick<Prisma.TransactionClient, "$queryRawUnsafe">): PgBoss.Db {
  return {
    executeSql: async (text, values = []) => ({
      rows: await db.$queryRawUnsafe<unknown[]>(text, ...(values as unknown[])),
    }),
  };
}

/** The server's part: the workers (and their queues' schedules). `tuning` lets tests poll faster. */
export async function startWorkers(
  // Each worker handles its own queue's data; the list mixes them.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  workers: readonly JobWorker<any>[],
  tuning: { pollingIntervalSeconds?: number } = {},
): Promise<void> {
  for (const { queue, options, handle } of workers) {
    const boss = await ensureQueue(queue);
    if (queue.cron) await boss.schedule(queue.name, queue.cron, {}, { tz: "Europe/Amsterdam" });
    await boss.work<object>(queue.name, { ...options, ...tuning }, async (jobs) => {
      // One job's failure retries that job alone. Thrown from here, it would fail the whole batch
      // and leave the jobs after it untried until the retry (a reset mail delayed by minutes).
      // pg-boss completes the batch's other jobs when this returns; a failed one is no longer active.
      for (const job of jobs) {
        try {
          await handle(job.data);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          if (!state.stopping)
            console.warn(`[jobs] ${queue.name} job ${job.id} failed, retried later: ${message}`);
          await boss.fail(queue.name, job.id, { message });
        }
      }
    });
  }
}

export async function stopJobs(): Promise<void> {
  const boss = state.boss;
  state.stopping = true;
  state.boss = undefined;
  state.starting = undefined;
  state.queues.clear();
  await boss?.stop({ graceful: true, timeout: 5_000 });
}
