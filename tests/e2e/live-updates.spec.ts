// Pages follow new messages without a reload (docs/decisions/0026): a message committed elsewhere
// reaches the signed-in reader's event stream, the page reads its loaders again, and the header's
// count rises; without EventSource the page polls instead. Until the messaging branch's send route
// lands, the message and its notification are written with SQL, in one transaction, as the send does.
import http from "node:http";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { expect, signInAs, test } from "./support/fixtures.ts";
import { openEventStream } from "../support/event-stream.ts";
import { insertMessageSql, messageValues, threadHelpers } from "../support/threads.ts";

/** A message in the thread and the reader's notification of it, committed together. */
async function deliverMessage(
  thread: { id: string },
  author: { id: string },
  from: { id: string },
  to: string,
) {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query(
      insertMessageSql,
      messageValues(thread.id, author.id, from.id, "Tot morgen in Kleve!"),
    );
    await client.query(
      `INSERT INTO notifications (id, user_id, type, organisation_id, params, path)
       VALUES ($1, $2, 'message_received', $3, '{}', $4)`,
      [randomUUID(), to, from.id, `/messages/${thread.id}`],
    );
    await client.query("COMMIT");
  } finally {
    await client.end();
  }
}

test("the header's count rises when a message arrives, without a reload", async ({
  page,
  factories,
  e2eDatabase,
}) => {
  const { createConnectedThread } = threadHelpers(e2eDatabase, factories);
  const { thread, dutch, dutchMember, germanMember } = await createConnectedThread();
  await signInAs(page, germanMember);
  const streamOpen = page.waitForResponse((response) => new URL(response.url()).pathname === "/events");
  await page.goto("/de/");
  const header = page.getByRole("banner");
  await expect(header.getByRole("link", { name: "Benachrichtigungen, keine ungelesen" })).toBeVisible();
  expect((await streamOpen).status()).toBe(200);
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

  await deliverMessage(thread, dutchMember, dutch, germanMember.id);
  await expect(header.getByRole("link", { name: "Benachrichtigungen, 1 ungelesen" })).toBeVisible({
    timeout: 5000,
  });
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
});

test("without EventSource the page polls and still follows", async ({ page, factories, e2eDatabase }) => {
  test.setTimeout(90_000);
  const { createConnectedThread } = threadHelpers(e2eDatabase, factories);
  const { thread, dutch, dutchMember, germanMember } = await createConnectedThread();
  await page.addInitScript(() => {
    delete (window as { EventSource?: unknown }).EventSource;
  });
  const streams: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname === "/events") streams.push(request.url());
  });
  await signInAs(page, germanMember);
  await page.goto("/nl/");
  const header = page.getByRole("banner");
  await expect(header.getByRole("link", { name: "Meldingen, geen ongelezen" })).toBeVisible();
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

  await deliverMessage(thread, dutchMember, dutch, germanMember.id);
  // The next poll (every 20 s) reads the count.
  await expect(header.getByRole("link", { name: "Meldingen, 1 ongelezen" })).toBeVisible({ timeout: 30_000 });
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  expect(streams).toEqual([]);
});

test("GET /events: 401 signed out; signed in, an uncompressed stream that opens at once", async ({
  baseURL,
  factories,
}) => {
  const signedOut = await new Promise<number>((resolve, reject) =>
    http.get(`${baseURL}/events`, (response) => resolve(response.statusCode ?? 0)).on("error", reject),
  );
  expect(signedOut).toBe(401);

  const user = await factories.createUser();
  const { token } = await factories.createSession(user.id);
  const stream = await openEventStream(`${baseURL}/events`, {
    cookie: `ep_session=${token}`,
    headers: { "accept-encoding": "gzip, deflate, br" },
  });
  try {
    expect(stream.status).toBe(200);
    expect(stream.headers["content-type"]).toBe("text/event-stream");
    expect(stream.headers["content-encoding"]).toBeUndefined();
    const ready = await stream.waitFor((event) => event.event === "ready", 2000);
    expect(JSON.parse(ready.data)).toEqual({ connected: true });
  } finally {
    stream.close();
  }
});

test("an open thread shows an arriving message and keeps what the reader is typing", async ({
  page,
  factories,
  e2eDatabase,
}) => {
  const { createConnectedThread } = threadHelpers(e2eDatabase, factories);
  const { thread, dutch, dutchMember, germanMember } = await createConnectedThread();
  await signInAs(page, germanMember);
  const streamOpen = page.waitForResponse((response) => new URL(response.url()).pathname === "/events");
  await page.goto(`/de/messages/${thread.id}`);
  await streamOpen;
  const box = page.getByRole("textbox", { name: "Ihre Nachricht" });
  await box.fill("Ein Entwurf, noch nicht gesendet");
  await deliverMessage(thread, dutchMember, dutch, germanMember.id);
  await expect(page.getByText("Tot morgen in Kleve!")).toBeVisible({ timeout: 5000 });
  await expect(box).toHaveValue("Ein Entwurf, noch nicht gesendet");
  await page.getByRole("button", { name: "Senden" }).click();
  await expect(page.locator(".message-body").last()).toHaveText("Ein Entwurf, noch nicht gesendet");
  await expect(box).toHaveValue("");
});
