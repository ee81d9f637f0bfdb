// New messages in real time across app instances (docs/decisions/0026): two instances on one
// database, each with its own LISTEN connection, its own pool and its own HTTP server holding event
// streams. A message written through instance A reaches a reader on instance B within 2 seconds, a
// stream never carries a thread its reader cannot read, a lost listening connection comes back and
// tells the streams to resync, and GET /events is for signed-in readers only.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { writeReadableStreamToWritable } from "@remix-run/node";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSessionToken, validateSessionToken } from "~/modules/auth/session.server.ts";
import {
  messageListenerName,
  processMessageHub,
  startMessageHub,
  stopProcessMessageHub,
  type MessageHub,
} from "~/modules/messaging/realtime/hub.server.ts";
import { messageEventStream } from "~/modules/messaging/realtime/stream.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { loader as eventsLoader } from "~/routes/events.ts";
import { addMember, createOrganisation, createSession, createUser } from "../factories/index.ts";
import { openEventStream, type HeldStream } from "../support/event-stream.ts";
import { insertMessageSql, messageValues, threadHelpers } from "../support/threads.ts";

const { createConnectedThread, createStaffThread } = threadHelpers(prisma, {
  createUser,
  createOrganisation,
});

type Instance = { url: string; hub: MessageHub; pool: pg.Pool; close: () => Promise<void> };

/** An app instance as far as messages go: its hub, its pool, and GET /events behind the session cookie. */
async function startInstance(): Promise<Instance> {
  const hub = startMessageHub({ minDelayMs: 100, maxDelayMs: 400, log: () => {} });
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 2 });
  const server = http.createServer((req, res) => {
    void (async () => {
      const token = readSessionToken(req.headers.cookie);
      const session = token ? await validateSessionToken(token) : null;
      if (!session || req.url !== "/events") return void res.writeHead(401).end();
      const controller = new AbortController();
      res.on("close", () => controller.abort());
      const { user } = session.auth;
      const response = messageEventStream(
        new Request(`http://localhost${req.url}`, { signal: controller.signal }),
        { id: user.id, role: user.role },
        hub,
        { heartbeatMs: 200, ttlMs: 1000 },
      );
      res.writeHead(response.status, Object.fromEntries(response.headers));
      await writeReadableStreamToWritable(response.body!, res);
    })().catch(() => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const ready = Date.now() + 5000;
  while (!hub.connected() && Date.now() < ready) await new Promise((resolve) => setTimeout(resolve, 20));
  return {
    url,
    hub,
    pool,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await hub.stop();
      await pool.end();
    },
  };
}

let a: Instance;
let b: Instance;
const held: HeldStream[] = [];

async function streamOf(instance: Instance, userId: string) {
  const { token } = await createSession(userId);
  const stream = await openEventStream(`${instance.url}/events`, { cookie: `ep_session=${token}` });
  held.push(stream);
  await stream.waitFor((event) => event.event === "ready", 2000);
  return stream;
}

const messageIn = (threadId: string) => (event: { event: string; data: string }) =>
  event.event === "message" && (JSON.parse(event.data) as { threadId: string }).threadId === threadId;

beforeAll(async () => {
  [a, b] = await Promise.all([startInstance(), startInstance()]);
});

afterAll(async () => {
  for (const stream of held) stream.close();
  await Promise.all([a?.close(), b?.close()]);
  await stopProcessMessageHub();
});

describe("across instances", () => {
  it("a reader on instance B receives a message written through instance A within 2 seconds", async () => {
    const { thread, dutch, dutchMember, germanMember } = await createConnectedThread();
    const reader = await streamOf(b, germanMember.id);
    const started = performance.now();
    const values = messageValues(thread.id, dutchMember.id, dutch.id);
    await a.pool.query(insertMessageSql, values);
    const event = await reader.waitFor(messageIn(thread.id), 2000);
    expect(event.at - started).toBeLessThan(2000);
    expect(JSON.parse(event.data)).toEqual({ threadId: thread.id, messageId: values[0] });
  });

  it("delivers on both instances, to every member of either side", async () => {
    const { thread, dutch, german, dutchMember, germanMember } = await createConnectedThread();
    const colleague = await createUser();
    await addMember(german.id, colleague.id);
    const streams = [
      await streamOf(a, dutchMember.id),
      await streamOf(b, germanMember.id),
      await streamOf(a, colleague.id),
    ];
    await b.pool.query(insertMessageSql, messageValues(thread.id, dutchMember.id, dutch.id));
    await Promise.all(streams.map((stream) => stream.waitFor(messageIn(thread.id), 2000)));
  });
});

describe("who hears what", () => {
  it("never carries events of threads the reader cannot read", async () => {
    const mine = await createConnectedThread();
    const theirs = await createConnectedThread();
    const staff = await createUser({ role: "staff" });
    const staffThread = await createStaffThread(staff.id);
    const reader = await streamOf(b, mine.germanMember.id);
    const staffReader = await streamOf(b, staff.id);

    for (const other of [theirs, theirs, theirs])
      await a.pool.query(
        insertMessageSql,
        messageValues(other.thread.id, other.dutchMember.id, other.dutch.id),
      );
    await a.pool.query(
      insertMessageSql,
      messageValues(staffThread.thread.id, staffThread.member.id, staffThread.organisation.id),
    );
    await a.pool.query(insertMessageSql, messageValues(mine.thread.id, mine.dutchMember.id, mine.dutch.id));
    await reader.waitFor(messageIn(mine.thread.id), 2000);
    // Staff read staff threads: the staff stream has heard the staff thread, so every event is out.
    await staffReader.waitFor(messageIn(staffThread.thread.id), 2000);
    await new Promise((resolve) => setTimeout(resolve, 300));

    const heard = reader.events.filter((event) => event.event === "message").map((event) => event.data);
    expect(heard.map((data) => (JSON.parse(data) as { threadId: string }).threadId)).toEqual([
      mine.thread.id,
    ]);
    // Staff do not read match threads (only reported ones, through an audited page).
    expect(staffReader.events.some(messageIn(theirs.thread.id))).toBe(false);
    expect(staffReader.events.some(messageIn(mine.thread.id))).toBe(false);
  });

  it("stops hearing a thread once the reader left its organisation (after the short cache)", async () => {
    const { thread, dutch, german, dutchMember, germanMember } = await createConnectedThread();
    const leaving = await createUser();
    await addMember(german.id, leaving.id);
    const stream = await streamOf(b, leaving.id);
    const witness = await streamOf(b, germanMember.id);
    await a.pool.query(insertMessageSql, messageValues(thread.id, dutchMember.id, dutch.id));
    await stream.waitFor(messageIn(thread.id), 2000);

    await prisma.membership.delete({
      where: { organisationId_userId: { organisationId: german.id, userId: leaving.id } },
    });
    await new Promise((resolve) => setTimeout(resolve, 1200)); // past the test instance's 1 s cache
    const values = messageValues(thread.id, dutchMember.id, dutch.id);
    await a.pool.query(insertMessageSql, values);
    await witness.waitFor(
      (event) => event.event === "message" && event.data.includes(String(values[0])),
      2000,
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(stream.events.filter(messageIn(thread.id))).toHaveLength(1);
  });
});

describe("the stream itself", () => {
  it("sends heartbeats", async () => {
    const { germanMember } = await createConnectedThread();
    const stream = await streamOf(b, germanMember.id);
    await stream.waitFor((event) => event.event === "ping", 1000);
  });

  it("reconnects after losing the listening connection and tells every stream to resync", async () => {
    const { thread, dutch, dutchMember, germanMember } = await createConnectedThread();
    const stream = await streamOf(b, germanMember.id);
    const { rowCount } = await a.pool.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND datname = current_database()",
      [messageListenerName],
    );
    expect(rowCount).toBeGreaterThanOrEqual(2);
    await stream.waitFor((event) => event.event === "resync", 3000);
    expect(b.hub.connected()).toBe(true);
    await a.pool.query(insertMessageSql, messageValues(thread.id, dutchMember.id, dutch.id));
    await stream.waitFor(messageIn(thread.id), 2000);
  });

  it("lets go of a stream when its client goes away", async () => {
    const { germanMember } = await createConnectedThread();
    const before = b.hub.subscribers();
    const stream = await streamOf(b, germanMember.id);
    expect(b.hub.subscribers()).toBe(before + 1);
    stream.close();
    const until = Date.now() + 2000;
    while (b.hub.subscribers() > before && Date.now() < until)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(b.hub.subscribers()).toBe(before);
  });

  it("ends its streams when the instance stops", async () => {
    const instance = await startInstance();
    const { germanMember } = await createConnectedThread();
    const stream = await streamOf(instance, germanMember.id);
    await instance.hub.stop();
    await stream.ended;
    await instance.close();
  });
});

describe("GET /events", () => {
  const context = (auth: unknown) =>
    ({ cspNonce: "", clientIp: "127.0.0.1", isDevelopment: false, auth }) as never;

  it("answers 401 with no stream to a signed-out visitor", async () => {
    const response = await eventsLoader({
      request: new Request("http://localhost/events"),
      params: {},
      context: context(null),
    });
    expect(response.status).toBe(401);
    expect(response.body).toBeNull();
  });

  it("opens no stream for HEAD, whose body Remix drops", async () => {
    const { germanMember } = await createConnectedThread();
    const { token } = await createSession(germanMember.id);
    const { auth } = (await validateSessionToken(token))!;
    const before = processMessageHub().subscribers();
    const response = await eventsLoader({
      request: new Request("http://localhost/events", { method: "HEAD" }),
      params: {},
      context: context(auth),
    });
    expect(response.status).toBe(200);
    expect(response.body).toBeNull();
    expect(processMessageHub().subscribers()).toBe(before);
  });

  it("streams to a signed-in reader through the instance's hub, and ends on abort", async () => {
    const { germanMember, dutchMember, dutch, thread } = await createConnectedThread();
    const { token } = await createSession(germanMember.id);
    const { auth } = (await validateSessionToken(token))!;
    const controller = new AbortController();
    const response = await eventsLoader({
      request: new Request("http://localhost/events", { signal: controller.signal }),
      params: {},
      context: context(auth),
    });
    expect(response.headers.get("content-type")).toBe("text/event-stream");
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    expect((await reader.read()).value).toContain("event: ready");
    const hub = processMessageHub();
    const until = Date.now() + 5000;
    while (!hub.connected() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
    await a.pool.query(insertMessageSql, messageValues(thread.id, dutchMember.id, dutch.id));
    let text = "";
    while (!text.includes(thread.id)) text += (await reader.read()).value ?? "";
    expect(text).toContain("event: message");
    controller.abort();
    expect((await reader.read()).done).toBe(true);
    expect(hub.subscribers()).toBe(0);
  });
});
