// Two app instances on one database: a message sent through one (the browser tests' app, over HTTP,
// the way a browser's form does) reaches a reader holding the event stream of another within 2 s.
// The signal travels through PostgreSQL (LISTEN/NOTIFY), never through the memory of a process.
import { threadHelpers } from "../support/threads.ts";
import { openEventStream } from "../support/event-stream.ts";
import { startAppServer } from "./support/app-server.ts";
import { expect, test } from "./support/fixtures.ts";

test("a message sent through instance A reaches a reader connected to instance B within 2 seconds", async ({
  factories,
  e2eDatabase,
}) => {
  const a = `http://localhost:${process.env.E2E_PORT}`;
  const b = await startAppServer({
    port: Number(process.env.E2E_PORT) + 4,
    databaseUrl: process.env.E2E_DATABASE_URL!,
  });
  try {
    const { thread, dutchMember, germanMember } = await threadHelpers(
      e2eDatabase,
      factories,
    ).createConnectedThread();
    const writer = await factories.createSession(dutchMember.id);
    const reader = await factories.createSession(germanMember.id);
    const stream = await openEventStream(`${b.url}/events`, { cookie: `ep_session=${reader.token}` });
    try {
      await stream.waitFor((event) => event.event === "ready", 5000);
      const clientKey = `two-instances-${Date.now()}`;
      const started = performance.now();
      const sent = await fetch(`${a}/nl/messages/${thread.id}`, {
        method: "POST",
        redirect: "manual",
        headers: {
          cookie: `ep_session=${writer.token}`,
          origin: a,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams({ intent: "send", body: "Tot morgen in Kleef!", clientKey }),
      });
      expect([302, 303]).toContain(sent.status);
      const event = await stream.waitFor(
        (candidate) =>
          candidate.event === "message" &&
          (JSON.parse(candidate.data) as { threadId: string }).threadId === thread.id,
        2000,
      );
      expect(event.at - started).toBeLessThan(2000);
      const stored = await e2eDatabase.message.findMany({ where: { threadId: thread.id } });
      expect(stored.map((message) => [message.clientKey, message.body])).toEqual([
        [clientKey, "Tot morgen in Kleef!"],
      ]);
      expect(JSON.parse(event.data)).toEqual({ threadId: thread.id, messageId: stored[0]!.id });
    } finally {
      stream.close();
    }
  } finally {
    await b.stop();
  }
});
