// The write half of `npm run bench:map` (issue #16): two production servers on the bench database,
// as two app instances, each printing what every update of its points cost (MAP_TIMINGS=1).
//   1. Single writes: a request closed and opened again, an organisation moved away and back, each
//      an UPDATE committed by the benchmark's own connection, as the app's forms commit theirs;
//      timed from the commit until both instances' /map/points show it, with the Node CPU time
//      each instance spent patching it in (target: within 1 s on both, at most 50 ms).
//   2. Reads with and without writes: 10 connections read /map/points (several viewports, filters
//      and words) and /en/signin from both instances, in six rounds of 10 s without writes and
//      10 s while 10 writes a second run, 60 s of writes in all (target: sign-in p95 at most twice
//      that without writes, no request over 500 ms).
//   3. Reads while both instances load their points whole (the log declared unable to answer).
//   4. Afterwards a third server starts, which loads its points whole, and all three must give
//      identical answers to every viewport and list of the benchmark.
import http from "node:http";
import { gunzipSync } from "node:zlib";
import pg from "pg";
import { get, log, percentile, processTimes, startServer, type Server } from "./bench-support.ts";

export const writeTargets = { visibleMs: 1000, applyBusyMs: 50, signinP95Ratio: 2, maxRequestMs: 500 };

type Patch = { layer: string; version: bigint; kind: string; busy: number; cpu: number; total: number };

/** The update lines an instance printed (see UpdateReport in snapshot.server.ts). */
function patchesOf(server: Server): Patch[] {
  const patches: Patch[] = [];
  for (const match of server
    .output()
    .matchAll(/\[map\] (\w+) v(\d+) (\w+): .*busy ([\d.]+) ms, cpu ([\d.]+) ms, total ([\d.]+) ms/g)) {
    patches.push({
      layer: match[1]!,
      version: BigInt(match[2]!),
      kind: match[3]!,
      busy: Number(match[4]),
      cpu: Number(match[5]),
      total: Number(match[6]),
    });
  }
  return patches;
}

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

/** The answer's body as text, unzipped when the server gzipped it. */
async function text(agent: http.Agent, port: number, path: string): Promise<string> {
  const answer = await get(agent, port, path);
  if (answer.status !== 200) throw new Error(`${path} answered ${answer.status}`);
  const gzipped = answer.body[0] === 0x1f && answer.body[1] === 0x8b;
  return (gzipped ? gunzipSync(answer.body) : answer.body).toString();
}

const json = async <T>(agent: http.Agent, port: number, path: string) =>
  JSON.parse(await text(agent, port, path)) as T;

/** A box about 20 m either side of a point, at zoom 16. */
function pointQuery(lon: number, lat: number, extra = "") {
  const d = 0.0002;
  return `/map/points?bbox=${lon - d},${lat - d},${lon + d},${lat + d}&zoom=16${extra}`;
}

type Figures = {
  /** Per write and instance: ms from the commit until its map showed it; CPU and wall ms spent patching it in. */
  singles: { name: string; visibleMs: number[]; cpuMs: number[]; busyMs: number[] }[];
  baseline: Record<string, number[]>;
  loaded: Record<string, number[]>;
  writes: { sent: number; failed: number; seconds: number; baselineSeconds: number };
  nodeCpuMs: Record<string, number>;
  baselineCpuMs: Record<string, number>;
  /** Reads while both instances loaded both layers whole, and how long that took. */
  rebuilding: Record<string, number[]>;
  rebuildMs: number;
  patchCpu: number[];
  patchBusy: number[];
  compared: { queries: number; differing: string[] };
  fullLoads: string[];
};

export async function benchWrites(
  benchUrl: string,
  readPaths: string[],
  options: { seconds: number; baselineSeconds: number; writesPerSecond: number },
): Promise<{ figures: Figures; missed: string[] }> {
  const env = { MAP_TIMINGS: "1" };
  log("starting two instances (ports 3297 and 3298)");
  const servers = [
    await startServer("a", benchUrl, 3297, { env }),
    await startServer("b", benchUrl, 3298, { env }),
  ];
  const agents = servers.map(() => new http.Agent({ keepAlive: true, maxSockets: 16 }));
  const client = new pg.Client({ connectionString: benchUrl });
  await client.connect();
  const stopAll = async (list: Server[]) => {
    for (const server of list) server.child.kill("SIGTERM");
    await Promise.all(
      list.map(
        (server) =>
          new Promise((resolve) =>
            server.child.exitCode !== null ? resolve(null) : server.child.once("exit", resolve),
          ),
      ),
    );
  };
  try {
    // Both instances load both layers at start-up; wait for those loads.
    const loadedBoth = (server: Server) =>
      new Set(
        patchesOf(server)
          .filter((patch) => patch.kind === "full")
          .map((patch) => patch.layer),
      ).size === 2;
    for (let waited = 0; !servers.every(loadedBoth); waited += 200) {
      if (waited > 120_000) throw new Error("the instances did not load their points within 2 minutes");
      await sleep(200);
    }
    const fullLoads = servers.flatMap((server) =>
      patchesOf(server)
        .filter((patch) => patch.kind === "full")
        .map(
          (patch) =>
            `${server.name} ${patch.layer}: CPU ${patch.cpu.toFixed(0)} ms in slices, total ${patch.total.toFixed(0)} ms`,
        ),
    );
    for (const [index, server] of servers.entries()) {
      for (const path of readPaths) await json(agents[index]!, server.port, path);
    }

    const figures: Figures = {
      singles: [],
      baseline: {},
      loaded: {},
      writes: { sent: 0, failed: 0, seconds: options.seconds, baselineSeconds: options.baselineSeconds },
      nodeCpuMs: {},
      baselineCpuMs: {},
      rebuilding: {},
      rebuildMs: 0,
      patchCpu: [],
      patchBusy: [],
      compared: { queries: 0, differing: [] },
      fullLoads,
    };

    // ---- 1. single writes -------------------------------------------------------------------
    const { rows: picked } = await client.query<{
      id: string;
      organisation_id: string;
      lon: number;
      lat: number;
    }>(`
      SELECT r.id, r.organisation_id, o.lon, o.lat FROM partnership_requests r
      JOIN organisations o ON o.id = r.organisation_id
      WHERE r.search_visible ORDER BY r.id LIMIT 3`);
    /** Commits the statement, then polls both instances until `shown` holds for their answer. */
    const timeWrite = async (
      name: string,
      sql: string,
      params: unknown[],
      path: string,
      shown: (total: number) => boolean,
    ) => {
      const before = servers.map((server) => patchesOf(server).length);
      await client.query(sql, params);
      const committed = performance.now();
      const visible: number[] = [];
      await Promise.all(
        servers.map(async (server, index) => {
          for (;;) {
            const answer = await json<{ total: number }>(agents[index]!, server.port, path);
            if (shown(answer.total)) break;
            if (performance.now() - committed > 10_000)
              throw new Error(`${name}: not visible on ${server.name} after 10 s`);
            await sleep(5);
          }
          visible[index] = performance.now() - committed;
        }),
      );
      await sleep(50);
      // Every update the write caused (a request's write patches both layers).
      const caused = servers.map((server, index) => patchesOf(server).slice(before[index]));
      figures.singles.push({
        name,
        visibleMs: visible,
        cpuMs: caused.map((list) => list.reduce((sum, patch) => sum + patch.cpu, 0)),
        busyMs: caused.map((list) => list.reduce((sum, patch) => sum + patch.busy, 0)),
      });
    };
    for (const row of picked) {
      const path = pointQuery(row.lon, row.lat);
      const [start] = await Promise.all(
        servers.map((server, index) => json<{ total: number }>(agents[index]!, server.port, path)),
      );
      const count = start!.total;
      await timeWrite(
        "close a request",
        "UPDATE partnership_requests SET status = 'closed' WHERE id = $1",
        [row.id],
        path,
        (total) => total === count - 1,
      );
      await timeWrite(
        "open it again",
        "UPDATE partnership_requests SET status = 'open' WHERE id = $1",
        [row.id],
        path,
        (total) => total === count,
      );
      const [lon, lat] = [row.lon + 0.0123, row.lat + 0.0071];
      const moved = pointQuery(lon, lat, "&show=organisations");
      await timeWrite(
        "move an organisation",
        "UPDATE organisations SET lon = $2, lat = $3 WHERE id = $1",
        [row.organisation_id, lon, lat],
        moved,
        (total) => total >= 1,
      );
      await timeWrite(
        "move it back",
        "UPDATE organisations SET lon = $2, lat = $3 WHERE id = $1",
        [row.organisation_id, row.lon, row.lat],
        moved,
        (total) => total === 0,
      );
    }

    // ---- 2. reads without and with writes ------------------------------------------------------
    const { rows: requestRows } = await client.query<{ id: string }>(
      "SELECT id FROM partnership_requests WHERE search_visible ORDER BY random() LIMIT 3000",
    );
    const { rows: organisationRows } = await client.query<{ id: string; lon: number; lat: number }>(
      "SELECT id, lon, lat FROM organisations WHERE search_visible ORDER BY random() LIMIT 3000",
    );
    const topicList = ["music", "sport", "arts", "history_heritage", "neighbour_language", "environment"];
    let seed = 16;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)]!;
    const randomWrite = (): [string, unknown[]] => {
      const roll = random();
      if (roll < 0.3)
        return [
          "UPDATE partnership_requests SET topics = $2::text[] WHERE id = $1",
          [pick(requestRows).id, [pick(topicList), pick(topicList)]],
        ];
      if (roll < 0.5)
        return [
          "UPDATE partnership_requests SET status = CASE status WHEN 'open' THEN 'closed'::\"RequestStatus\" ELSE 'open'::\"RequestStatus\" END WHERE id = $1",
          [pick(requestRows).id],
        ];
      if (roll < 0.65)
        return [
          "UPDATE partnership_requests SET title_nl = $2 WHERE id = $1",
          [pick(requestRows).id, `Gewijzigd ${Math.floor(random() * 1e6)} voetbal`],
        ];
      if (roll < 0.8) {
        const row = pick(organisationRows);
        return [
          "UPDATE organisations SET lon = $2, lat = $3 WHERE id = $1",
          [row.id, row.lon + (random() - 0.5) * 0.01, row.lat + (random() - 0.5) * 0.01],
        ];
      }
      if (roll < 0.9)
        return [
          "INSERT INTO organisation_languages (organisation_id, language, level) VALUES ($1, 'pl', 'B1') ON CONFLICT DO NOTHING",
          [pick(organisationRows).id],
        ];
      return [
        "DELETE FROM organisation_languages WHERE organisation_id = $1 AND language = 'pl'",
        [pick(organisationRows).id],
      ];
    };

    /** 10 connections, each alternating a map read and the sign-in page, spread over both instances. */
    const readFor = async (seconds: number, into: Record<string, number[]>) => {
      const until = performance.now() + seconds * 1000;
      let turn = 0;
      await Promise.all(
        Array.from({ length: 10 }, async (_, connection) => {
          const index = connection % servers.length;
          while (performance.now() < until) {
            const path = turn++ % 2 === 0 ? "/en/signin" : pick(readPaths);
            const key = path === "/en/signin" ? "signin" : "map";
            const answer = await get(agents[index]!, servers[index]!.port, path);
            if (answer.status !== 200) throw new Error(`${path} answered ${answer.status}`);
            (into[key] ??= []).push(answer.ms);
          }
        }),
      );
    };
    // Windows without and with writes take turns, so load from outside the benchmark (other work
    // on the machine) falls on both alike and the ratio of their p95s holds.
    const rounds = 6;
    log(
      `reading in ${rounds} rounds of ${options.baselineSeconds / rounds} s without writes, ` +
        `then ${options.seconds / rounds} s with ${options.writesPerSecond} writes a second`,
    );
    const cpuNow = () => servers.map((server) => processTimes(server.child.pid!)?.own ?? 0);
    const addCpu = (into: Record<string, number>, before: number[]) =>
      cpuNow().forEach((ms, index) => {
        const name = servers[index]!.name;
        into[name] = (into[name] ?? 0) + ms - before[index]!;
      });
    const writeFor = async (seconds: number) => {
      const started = performance.now();
      const interval = 1000 / options.writesPerSecond;
      for (let n = 0; performance.now() - started < seconds * 1000; n++) {
        const due = started + n * interval;
        if (due > performance.now()) await sleep(due - performance.now());
        const [sql, params] = randomWrite();
        try {
          await client.query(sql, params);
          figures.writes.sent++;
        } catch (error) {
          figures.writes.failed++;
          log(`write failed: ${String(error)}`);
        }
      }
    };
    for (let round = 0; round < rounds; round++) {
      const quiet = cpuNow();
      await readFor(options.baselineSeconds / rounds, figures.baseline);
      addCpu(figures.baselineCpuMs, quiet);
      const busy = cpuNow();
      const patchesBefore = servers.map((server) => patchesOf(server).length);
      await Promise.all([
        readFor(options.seconds / rounds, figures.loaded),
        writeFor(options.seconds / rounds),
      ]);
      addCpu(figures.nodeCpuMs, busy);
      servers.forEach((server, index) => {
        const during = patchesOf(server).slice(patchesBefore[index]);
        figures.patchCpu.push(...during.map((patch) => patch.cpu));
        figures.patchBusy.push(...during.map((patch) => patch.busy));
      });
    }

    // ---- 3. reads while both instances load their points whole -----------------------------------
    // The log is declared unable to answer (as after pruning past the sets), and the NOTIFY wakes
    // both instances, which load both layers whole in slices while the readers go on.
    await sleep(1000);
    log("reading while both instances load their points whole");
    const fullBefore = servers.map(
      (server) => patchesOf(server).filter((patch) => patch.kind === "full").length,
    );
    await client.query(
      "UPDATE map_data_version SET version = version + 1, changes_from = version + 1 WHERE id = 1",
    );
    await client.query("SELECT pg_notify('map_changes', version::text) FROM map_data_version");
    const rebuilt = () =>
      servers.every(
        (server, index) =>
          patchesOf(server).filter((patch) => patch.kind === "full").length >= fullBefore[index]! + 2,
      );
    const rebuildStarted = performance.now();
    const rebuildReads = (async () => {
      while (!rebuilt() && performance.now() - rebuildStarted < 120_000) await readFor(2, figures.rebuilding);
    })();
    await rebuildReads;
    figures.rebuildMs = performance.now() - rebuildStarted;

    // ---- 4. the same answers as a full load -----------------------------------------------------
    await sleep(1500);
    log("starting a third instance, which loads its points whole, to compare answers");
    const fresh = await startServer("fresh", benchUrl, 3299, { env });
    try {
      for (let waited = 0; !loadedBoth(fresh); waited += 200) {
        if (waited > 120_000) throw new Error("the fresh instance did not load its points within 2 minutes");
        await sleep(200);
      }
      const freshAgent = new http.Agent({ keepAlive: true });
      const lists = readPaths.map((path) =>
        path.replace("/map/points?", "/map/items?").replace(/&zoom=\d+/, ""),
      );
      const compare = [...readPaths, ...lists, ...lists.map((path) => `${path}&page=2`)];
      // The app's own jobs may still write (the hourly request expiry updates rows one by one),
      // so a difference counts only when all three answered for the same data version.
      const versionOf = (body: string) => /"version":"(\d+)"/.exec(body)?.[1] ?? "";
      for (const path of compare) {
        for (let attempt = 0; ; attempt++) {
          const expected = await text(freshAgent, fresh.port, path);
          const answers = await Promise.all(
            servers.map((server, index) => text(agents[index]!, server.port, path)),
          );
          const moving = answers.some((answer) => versionOf(answer) !== versionOf(expected));
          if (moving && attempt < 20) {
            await sleep(250);
            continue;
          }
          answers.forEach((answer, index) => {
            if (answer === expected) return;
            // Where they part, so a difference can be read off the output.
            let at = 0;
            while (answer[at] === expected[at]) at++;
            const around = (body: string) => body.slice(Math.max(0, at - 40), at + 60);
            figures.compared.differing.push(
              `${servers[index]!.name}: ${path}\n      ${around(answer)}\n      fresh: ${around(expected)}`,
            );
          });
          break;
        }
        figures.compared.queries++;
      }
    } finally {
      await stopAll([fresh]);
    }

    const missed: string[] = [];
    for (const single of figures.singles) {
      const slowest = Math.max(...single.visibleMs);
      const busiest = Math.max(...single.cpuMs);
      if (slowest > writeTargets.visibleMs)
        missed.push(`${single.name}: visible after ${slowest.toFixed(0)} ms`);
      if (busiest > writeTargets.applyBusyMs)
        missed.push(`${single.name}: ${busiest.toFixed(1)} ms to apply`);
    }
    const p95 = (list: number[] = []) =>
      percentile(
        [...list].sort((a, b) => a - b),
        95,
      );
    const ratio = p95(figures.loaded.signin) / p95(figures.baseline.signin);
    if (ratio > writeTargets.signinP95Ratio)
      missed.push(`sign-in p95 ${ratio.toFixed(2)}x its p95 without writes`);
    const slowest = Math.max(...Object.values(figures.loaded).flat());
    const slowestWithout = Math.max(...Object.values(figures.baseline).flat());
    if (slowest > writeTargets.maxRequestMs) {
      missed.push(
        `a request took ${slowest.toFixed(0)} ms with writes (${slowestWithout.toFixed(0)} ms without)`,
      );
    }
    if (figures.compared.differing.length)
      missed.push(`${figures.compared.differing.length} answers differ from a full load's`);
    if (figures.writes.failed) missed.push(`${figures.writes.failed} writes failed`);
    return { figures, missed };
  } finally {
    await client.end();
    await stopAll(servers);
  }
}

export function printWrites({ figures, missed }: Awaited<ReturnType<typeof benchWrites>>) {
  const format = (ms: number) => ms.toFixed(1).padStart(7);
  const sorted = (list: number[] = []) => [...list].sort((a, b) => a - b);
  console.info(
    "\n(d) one write, on both instances' maps: ms from the commit until /map/points shows it, and the Node CPU ms\n" +
      "    (wall ms in brackets) each instance spent applying it, both layers",
  );
  console.info(
    `${"visible a".padStart(9)} ${"visible b".padStart(9)} ${"cpu a".padStart(14)} ${"cpu b".padStart(14)}  write`,
  );
  for (const single of figures.singles) {
    const [va = 0, vb = 0] = single.visibleMs;
    const [ca = 0, cb = 0] = single.cpuMs;
    const [ba = 0, bb = 0] = single.busyMs;
    const both = (cpu: number, wall: number) => `${cpu.toFixed(2)} (${wall.toFixed(2)})`.padStart(14);
    console.info(
      `${format(va).padStart(9)} ${format(vb).padStart(9)} ${both(ca, ba)} ${both(cb, bb)}  ${single.name}`,
    );
  }
  console.info(`  start-up loads (in slices): ${figures.fullLoads.join("; ")}`);
  console.info(
    `\n(e) 10 connections reading, in turns without writes (${figures.writes.baselineSeconds} s) and with ${figures.writes.sent} writes in ${figures.writes.seconds} s (${(figures.writes.sent / figures.writes.seconds).toFixed(1)}/s, ${figures.writes.failed} failed)`,
  );
  console.info(
    `${"count".padStart(7)} ${"p50".padStart(7)} ${"p95".padStart(7)} ${"max".padStart(7)}  requests`,
  );
  for (const [phase, table] of [
    ["without writes", figures.baseline],
    ["with writes", figures.loaded],
    [`while both instances load whole (${(figures.rebuildMs / 1000).toFixed(1)} s)`, figures.rebuilding],
  ] as const) {
    for (const [key, list] of Object.entries(table)) {
      const values = sorted(list);
      console.info(
        `${String(values.length).padStart(7)} ${format(percentile(values, 50))} ${format(percentile(values, 95))} ${format(values.at(-1) ?? 0)}  ${key} ${phase}`,
      );
    }
  }
  const cpu = sorted(figures.patchCpu);
  const busy = sorted(figures.patchBusy);
  const spread = (list: number[]) =>
    `p50 ${percentile(list, 50).toFixed(2)}, p95 ${percentile(list, 95).toFixed(2)}, max ${(list.at(-1) ?? 0).toFixed(2)}`;
  console.info(
    `  patches applied meanwhile: ${cpu.length}, Node CPU ms each ${spread(cpu)} (wall ${spread(busy)})`,
  );
  console.info(
    `  Node CPU ms per second of each instance, all its requests included: without writes ${Object.entries(
      figures.baselineCpuMs,
    )
      .map(([name, ms]) => `${name} ${(ms / figures.writes.baselineSeconds).toFixed(0)}`)
      .join(", ")}; with writes ${Object.entries(figures.nodeCpuMs)
      .map(([name, ms]) => `${name} ${(ms / figures.writes.seconds).toFixed(0)}`)
      .join(", ")}`,
  );
  console.info(
    `  afterwards: ${figures.compared.queries} answers of both instances compared with a freshly started instance's full load: ${figures.compared.differing.length} differ`,
  );
  for (const line of figures.compared.differing.slice(0, 10)) console.info(`    differs: ${line}`);
  const p95 = (list: number[] = []) => percentile(sorted(list), 95);
  console.info(
    `\nWrite targets: visible on both within ${writeTargets.visibleMs} ms, applied in <= ${writeTargets.applyBusyMs} ms, ` +
      `sign-in p95 with writes <= ${writeTargets.signinP95Ratio}x without (${p95(figures.loaded.signin).toFixed(1)} / ${p95(figures.baseline.signin).toFixed(1)} ms), ` +
      `no request over ${writeTargets.maxRequestMs} ms, answers identical to a full load's.`,
  );
  if (missed.length) console.error(`MISSED:\n  ${missed.join("\n  ")}`);
  else console.info("All write targets met.");
}
