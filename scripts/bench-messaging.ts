// `npm run bench:messaging` (issue #11): the production build on a bench database of its own
// (euregio_bench_messaging), with 500 connected pairs and their threads made by SQL; 100 connections
// hold event streams open (one reader per stream, each reading 5 of the threads, so every message
// has exactly one stream to reach), while 50 concurrent connections send 20,000 messages through
// POST /{lang}/messages/{threadId} (intent=send, body, a unique clientKey) as the thread page's form
// does. Afterwards every acknowledged message must be in the database exactly once, no answer may
// be a 5xx and no stream may carry a thread its reader cannot read. Prints the throughput, p50/p95
// of sending and of delivery to the streams (from the send's start to the event's arrival), and the
// server's memory (RSS).
//
// Until the send route exists (it answers 404), sending through HTTP is skipped with a message, and
// the streams and delivery are measured with the same messages INSERTed by 50 connections of the
// benchmark's own, as the send will insert them.
//
//   npm run build && npm run bench:messaging -- [--messages 20000] [--threads 500] [--streams 100]
//                                               [--senders 50] [--sql]
import { randomBytes, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import { parseArgs } from "node:util";
import pg from "pg";
import { generateToken, hashToken } from "../app/modules/auth/tokens.ts";
import { resolveDatabase } from "../server/database.ts";
import { migrate } from "../server/migrations.ts";
import { openEventStream, type HeldStream } from "../tests/support/event-stream.ts";
import { log, percentile, root, startServer, withClient, type Server } from "./bench-support.ts";

const { values } = parseArgs({
  options: {
    messages: { type: "string", default: "20000" },
    threads: { type: "string", default: "500" },
    streams: { type: "string", default: "100" },
    senders: { type: "string", default: "50" },
    database: { type: "string", default: "euregio_bench_messaging" },
    port: { type: "string", default: "3961" },
    /** Insert with SQL even when the send route exists (to compare the two). */
    sql: { type: "boolean", default: false },
  },
});
const messages = Number(values.messages);
const threads = Number(values.threads);
const streams = Number(values.streams);
const senders = Number(values.senders);
const port = Number(values.port);
if (threads % streams !== 0) throw new Error("--threads must be a multiple of --streams");
try {
  readFileSync(`${root}/${process.env.BUILD_DIR ?? "build"}/server/index.js`);
} catch {
  console.error("No production build: run `npm run build` (or set BUILD_DIR) first.");
  process.exit(2);
}

const uuidOf = (name: string) => `md5('${name}-' || i)::uuid`;

/** The pairs, their members, connected matches and threads, made once (and again when --threads changes). */
async function prepare(url: string) {
  await withClient(url, async (client) => {
    const { rows } = await client.query<{ count: number }>(
      "SELECT count(*)::int AS count FROM threads t JOIN matches m ON m.id = t.match_id WHERE m.message = 'bench-messaging'",
    );
    const readers = await client.query<{ count: number }>(
      "SELECT count(*)::int AS count FROM users WHERE email LIKE 'bench-reader-%'",
    );
    if (rows[0]!.count === threads && readers.rows[0]!.count === streams) return;
    log(`making ${threads} connected pairs, their threads and ${streams + threads} users`);
    await client.query("BEGIN");
    await client.query("DELETE FROM organisations WHERE slug LIKE 'bench-msg-%'");
    await client.query("DELETE FROM users WHERE email LIKE 'bench-%@bench.euregio-partners.example'");
    // Thread t: the Dutch organisation a_t (read by reader t % streams) and the German b_t (its writer w_t).
    await client.query(
      `INSERT INTO organisations (id, slug, kind, name, country, municipality_code, lat, lon, description_nl,
                                  status, verified_at, created_at, updated_at)
       SELECT ${uuidOf("bench-msg-a")}, 'bench-msg-a-' || i, 'cultural'::"OrganisationKind", 'Bench Stichting ' || i, 'NL'::"Country", m.code,
              m.lat, m.lon, 'Een organisatie voor de benchmark.', 'verified'::"VerificationStatus", now(), now(), now()
       FROM generate_series(0, $1 - 1) i, municipalities m WHERE m.code = 'GM0268'
       UNION ALL
       SELECT ${uuidOf("bench-msg-b")}, 'bench-msg-b-' || i, 'cultural'::"OrganisationKind", 'Bench Verein ' || i, 'DE'::"Country", m.code,
              m.lat, m.lon, 'Een organisatie voor de benchmark.', 'verified'::"VerificationStatus", now(), now(), now()
       FROM generate_series(0, $1 - 1) i, municipalities m WHERE m.code = '05154036'`,
      [threads],
    );
    await client.query(
      `INSERT INTO users (id, email, name, password_hash, locale, email_verified_at, updated_at)
       SELECT ${uuidOf("bench-reader")}, 'bench-reader-' || i || '@bench.euregio-partners.example',
              'Lezer ' || i, 'no-password', 'nl'::"Locale", now(), now() FROM generate_series(0, $1 - 1) i
       UNION ALL
       SELECT ${uuidOf("bench-writer")}, 'bench-writer-' || i || '@bench.euregio-partners.example',
              'Schreiber ' || i, 'no-password', 'de'::"Locale", now(), now() FROM generate_series(0, $2 - 1) i`,
      [streams, threads],
    );
    await client.query(
      `INSERT INTO memberships (organisation_id, user_id, role)
       SELECT ${uuidOf("bench-msg-a")}, md5('bench-reader-' || (i % $2))::uuid, 'owner'::"MembershipRole" FROM generate_series(0, $1 - 1) i
       UNION ALL
       SELECT ${uuidOf("bench-msg-b")}, ${uuidOf("bench-writer")}, 'owner'::"MembershipRole" FROM generate_series(0, $1 - 1) i`,
      [threads, streams],
    );
    await client.query(
      `INSERT INTO matches (id, from_organisation_id, to_organisation_id, status, score, message, connected_at, updated_at)
       SELECT ${uuidOf("bench-msg-match")}, ${uuidOf("bench-msg-a")}, ${uuidOf("bench-msg-b")}, 'connected', 80,
              'bench-messaging', now(), now()
       FROM generate_series(0, $1 - 1) i`,
      [threads],
    );
    await client.query(
      `INSERT INTO threads (id, kind, match_id) SELECT ${uuidOf("bench-msg-thread")}, 'match', ${uuidOf("bench-msg-match")}
       FROM generate_series(0, $1 - 1) i`,
      [threads],
    );
    await client.query("COMMIT");
  });
  return withClient(url, async (client) => {
    const ids = async (name: string, count: number) =>
      (
        await client.query<{ id: string }>(
          `SELECT ${uuidOf(name)}::text AS id FROM generate_series(0, $1 - 1) i ORDER BY i`,
          [count],
        )
      ).rows.map((row) => row.id);
    const session = async (userId: string) => {
      const token = generateToken();
      await client.query(
        "INSERT INTO sessions (id, user_id, expires_at) VALUES ($1, $2, now() + interval '1 day')",
        [hashToken(token), userId],
      );
      return token;
    };
    await client.query(
      "DELETE FROM sessions WHERE user_id IN (SELECT id FROM users WHERE email LIKE 'bench-%@bench.euregio-partners.example')",
    );
    const sessions = async (userIds: string[]) => {
      const tokens: string[] = [];
      for (const userId of userIds) tokens.push(await session(userId));
      return tokens;
    };
    const readerIds = await ids("bench-reader", streams);
    const writerIds = await ids("bench-writer", threads);
    return {
      threadIds: await ids("bench-msg-thread", threads),
      writerIds,
      writerOrganisationIds: await ids("bench-msg-b", threads),
      readerTokens: await sessions(readerIds),
      writerTokens: await sessions(writerIds),
    };
  });
}

function rssMegabytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

type Answer = { status: number; ms: number } | { error: string; ms: number };

function post(agent: http.Agent, path: string, cookie: string, body: string): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve) => {
    const request = http.request(
      {
        host: "127.0.0.1",
        port,
        path,
        method: "POST",
        agent,
        headers: {
          cookie,
          origin: `http://127.0.0.1:${port}`,
          "content-type": "application/x-www-form-urlencoded",
          "content-length": Buffer.byteLength(body),
        },
      },
      (response) => {
        response.resume();
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, ms: performance.now() - started }),
        );
      },
    );
    request.setTimeout(30_000, () => request.destroy(new Error("no answer within 30 s")));
    request.on("error", (error) => resolve({ error: error.message, ms: performance.now() - started }));
    request.end(body);
  });
}

function status(agent: http.Agent, path: string, cookie: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path, agent, headers: { cookie } }, (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      })
      .on("error", reject);
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const database = await resolveDatabase({ root, log });
let server: Server | null = null;
const held: HeldStream[] = [];
let failed = false;
try {
  const benchUrl = new URL(database.url);
  benchUrl.pathname = `/${values.database}`;
  const url = benchUrl.toString();
  await withClient(database.url, async (client) => {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [
      values.database,
    ]);
    if (!rowCount) await client.query(`CREATE DATABASE "${values.database}"`);
  });
  await migrate(url, { log });
  const data = await prepare(url);
  log("starting the production build");
  server = await startServer("messaging", url, port);
  const pid = server.child.pid!;
  let peakRss = rssMegabytes(pid);
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMegabytes(pid))), 250);
  const startRss = peakRss;

  // The streams: reader k reads threads k, k + streams, k + 2·streams …
  const streamAgent = new http.Agent({ keepAlive: false, maxSockets: Infinity });
  const opened = await Promise.all(
    data.readerTokens.map((token) =>
      openEventStream(`http://127.0.0.1:${port}/events`, {
        cookie: `ep_session=${token}`,
        agent: streamAgent,
      }),
    ),
  );
  held.push(...opened);
  await Promise.all(opened.map((stream) => stream.waitFor((event) => event.event === "ready", 10_000)));
  const streamsRss = rssMegabytes(pid);
  log(
    `${opened.length} event streams open (server RSS ${startRss.toFixed(0)} → ${streamsRss.toFixed(0)} MB)`,
  );

  const sendAgent = new http.Agent({ keepAlive: true, maxSockets: senders });
  const probe = await status(
    sendAgent,
    `/en/messages/${data.threadIds[0]}`,
    `ep_session=${data.writerTokens[0]}`,
  );
  const throughHttp = probe !== 404 && !values.sql;
  if (probe === 404)
    log(
      "the send route answers 404 (GET /en/messages/<thread>: the messaging branch has not landed): sending " +
        "through HTTP is skipped; the messages are INSERTed by SQL instead, to measure the streams and delivery",
    );
  else if (values.sql) log("--sql: the messages are INSERTed by SQL");
  else log(`the send route answers ${probe}: sending through POST /en/messages/<thread>`);

  const run = randomBytes(4).toString("hex");
  const starts = new Float64Array(messages);
  const acknowledged = new Uint8Array(messages);
  const sendTimes: number[] = [];
  const statuses = new Map<string, number>();
  const count = (key: string) => statuses.set(key, (statuses.get(key) ?? 0) + 1);
  const pool = throughHttp ? null : new pg.Pool({ connectionString: url, max: senders });
  let next = 0;
  const sender = async () => {
    for (let i = next++; i < messages; i = next++) {
      const t = i % threads;
      const clientKey = `bench-${run}-${i}`;
      const body = `Bench-Nachricht ${i} in Gespräch ${t}`;
      starts[i] = performance.now();
      if (pool) {
        try {
          await pool.query(
            "INSERT INTO messages (id, thread_id, author_id, organisation_id, body, client_key) VALUES ($1, $2, $3, $4, $5, $6)",
            [
              randomUUID(),
              data.threadIds[t],
              data.writerIds[t],
              data.writerOrganisationIds[t],
              body,
              clientKey,
            ],
          );
          acknowledged[i] = 1;
          count("inserted");
        } catch (error) {
          count(`error: ${(error as Error).message}`);
        }
        sendTimes.push(performance.now() - starts[i]!);
        continue;
      }
      const form = new URLSearchParams({ intent: "send", body, clientKey }).toString();
      const answer = await post(
        sendAgent,
        `/en/messages/${data.threadIds[t]}`,
        `ep_session=${data.writerTokens[t]}`,
        form,
      );
      sendTimes.push(answer.ms);
      if ("error" in answer) count(`error: ${answer.error}`);
      else {
        count(String(answer.status));
        // The contract: a redirect back to the thread once the message is committed.
        if (answer.status >= 300 && answer.status < 400) acknowledged[i] = 1;
      }
    }
  };
  log(`sending ${messages} messages from ${senders} connections across ${threads} threads`);
  const sendStarted = performance.now();
  await Promise.all(Array.from({ length: senders }, sender));
  const sendSeconds = (performance.now() - sendStarted) / 1000;
  const acked = acknowledged.reduce((sum, value) => sum + value, 0);

  // Deliveries: every acknowledged message once, to the stream of its thread's reader.
  const stored = await withClient(url, async (client) => {
    const { rows } = await client.query<{ id: string; client_key: string; copies: number }>(
      `SELECT min(id::text) AS id, client_key, count(*)::int AS copies FROM messages
       WHERE client_key LIKE $1 GROUP BY client_key`,
      [`bench-${run}-%`],
    );
    return rows;
  });
  const indexOfMessage = new Map(stored.map((row) => [row.id, Number(row.client_key.split("-").pop())]));
  const delivered = () =>
    opened.reduce((sum, stream) => sum + stream.events.filter((e) => e.event === "message").length, 0);
  const until = performance.now() + 15_000;
  while (delivered() < stored.length && performance.now() < until) await sleep(100);
  clearInterval(sampler);
  const endRss = rssMegabytes(pid);

  const deliveryTimes: number[] = [];
  const laterDeliveryTimes: number[] = [];
  const strays: string[] = [];
  const seen = new Set<number>();
  const threadIndex = new Map(data.threadIds.map((id, t) => [id, t]));
  opened.forEach((stream, k) => {
    for (const event of stream.events) {
      if (event.event !== "message") continue;
      const { threadId, messageId } = JSON.parse(event.data) as { threadId: string; messageId: string };
      const t = threadIndex.get(threadId);
      const i = indexOfMessage.get(messageId);
      if (t === undefined || t % streams !== k) strays.push(`stream ${k} heard thread ${threadId}`);
      if (i === undefined) continue;
      seen.add(i);
      deliveryTimes.push(event.at - starts[i]!);
      // The first messages of each thread also fill the instance's caches (thread, reader, permission).
      if (i >= messages / 2) laterDeliveryTimes.push(event.at - starts[i]!);
    }
  });

  const storedKeys = new Set(stored.map((row) => Number(row.client_key.split("-").pop())));
  const lost = [...acknowledged.keys()].filter((i) => acknowledged[i] && !storedKeys.has(i));
  const duplicated = stored.filter((row) => row.copies !== 1);
  const fivexx = [...statuses].filter(([key]) => /^5\d\d$/.test(key)).reduce((sum, [, n]) => sum + n, 0);
  const sorted = (list: number[]) => [...list].sort((x, y) => x - y);
  const sends = sorted(sendTimes);
  const deliveries = sorted(deliveryTimes);
  const figure = (list: number[], p: number) => (list.length ? percentile(list, p).toFixed(1) : "-");

  console.info("");
  console.info(
    `bench:messaging ${new Date().toISOString()} (${throughHttp ? "HTTP send route" : "SQL inserts"})`,
  );
  console.info(
    `  sent          ${messages} from ${senders} connections in ${sendSeconds.toFixed(1)} s: ${(acked / sendSeconds).toFixed(0)} acknowledged/s`,
  );
  console.info(`  answers       ${[...statuses].map(([key, n]) => `${key}: ${n}`).join(", ")}`);
  console.info(
    `  send          p50 ${figure(sends, 50)} ms, p95 ${figure(sends, 95)} ms, max ${figure(sends, 100)} ms`,
  );
  console.info(
    `  stored        ${stored.length} (acknowledged ${acked}; lost ${lost.length}; stored more than once ${duplicated.length})`,
  );
  console.info(
    `  delivered     ${seen.size} of ${stored.length} to ${streams} streams; ${strays.length} to a stream that may not read the thread`,
  );
  console.info(
    `  delivery      p50 ${figure(deliveries, 50)} ms, p95 ${figure(deliveries, 95)} ms, max ${figure(deliveries, 100)} ms (send start → event)`,
  );
  const later = sorted(laterDeliveryTimes);
  console.info(`  later half    p50 ${figure(later, 50)} ms, p95 ${figure(later, 95)} ms (caches warm)`);
  console.info(
    `  server RSS    ${startRss.toFixed(0)} MB at start, ${streamsRss.toFixed(0)} MB with the streams open, peak ${peakRss.toFixed(0)} MB, ${endRss.toFixed(0)} MB after`,
  );
  failed =
    fivexx > 0 || lost.length > 0 || duplicated.length > 0 || strays.length > 0 || seen.size < stored.length;
  if (failed)
    console.error("bench:messaging: FAILED (5xx, lost, duplicated, stray or undelivered messages above)");
  await pool?.end();
  sendAgent.destroy();
  streamAgent.destroy();
} finally {
  for (const stream of held) stream.close();
  if (server) {
    server.child.kill("SIGTERM");
    await new Promise((resolve) => server!.child.once("exit", resolve));
  }
  await database.stop();
}
process.exit(failed ? 1 : 0);
