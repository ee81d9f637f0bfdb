// While the database is unreachable the app answers a translated 503 (JSON on the map's endpoints),
// never a 500, and it recovers on its own once the database is back. The outage is made with a TCP
// proxy between the app and PostgreSQL: closing it cuts every connection, as a restart does.
import { createServer, Socket, type Server } from "node:net";
import type { AddressInfo } from "node:net";
import { createDatabaseFrom, databaseUrl, dropDatabase } from "../setup/test-database.ts";
import { startAppServer, type AppServer } from "./support/app-server.ts";
import { expect, test } from "./support/fixtures.ts";

class CuttableProxy {
  private server: Server | undefined;
  private sockets = new Set<Socket>();
  port = 0;

  constructor(private target: { host: string; port: number }) {}

  async open() {
    this.server = createServer((client) => {
      const upstream = new Socket();
      this.sockets.add(client).add(upstream);
      const forget = () => {
        this.sockets.delete(client);
        this.sockets.delete(upstream);
      };
      client.on("close", forget).on("error", () => upstream.destroy());
      upstream.on("error", () => client.destroy());
      upstream.connect(this.target.port, this.target.host, () => {
        client.pipe(upstream).pipe(client);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, "127.0.0.1", () => resolve()));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async cut() {
    const closed = new Promise<void>((resolve) => this.server?.close(() => resolve()));
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    await closed;
  }
}

test.describe.configure({ mode: "serial" });

let app: AppServer;
let proxy: CuttableProxy;
let database: string;

test.beforeAll(async () => {
  const adminUrl = process.env.E2E_ADMIN_DATABASE_URL!;
  database = await createDatabaseFrom(adminUrl, process.env.E2E_TEMPLATE_DATABASE!, "euregio_outage");
  const target = new URL(adminUrl);
  proxy = new CuttableProxy({ host: target.hostname, port: Number(target.port || 5432) });
  await proxy.open();
  const url = new URL(databaseUrl(adminUrl, database));
  url.hostname = "127.0.0.1";
  url.port = String(proxy.port);
  app = await startAppServer({ port: Number(process.env.E2E_PORT) + 3, databaseUrl: url.toString() });
});

test.afterAll(async () => {
  await app?.stop();
  await proxy?.cut();
  await dropDatabase(process.env.E2E_ADMIN_DATABASE_URL!, database);
});

const pages = ["/en/browse", "/de/browse?q=fussball", "/nl/organisations/een-organisatie", "/en/map"];
const mapPoints = "/map/points?bbox=5.5,51.5,6.8,52.0&zoom=9";

test("a cut database gives translated 503s, the map endpoints JSON, and the app recovers by itself", async () => {
  for (const path of pages) expect((await fetch(`${app.url}${path}`)).status, path).toBeLessThan(500);

  await proxy.cut();
  const german = await fetch(`${app.url}/de/browse`);
  expect(german.status).toBe(503);
  expect(german.headers.get("retry-after")).toBe("10");
  expect(await german.text()).toContain("kann seine Datenbank im Moment nicht erreichen");
  const dutch = await fetch(`${app.url}/nl/browse`);
  expect(dutch.status).toBe(503);
  expect(await dutch.text()).toContain("kan de database op dit moment niet bereiken");
  const points = await fetch(`${app.url}${mapPoints}&lang=en`);
  expect(points.status).toBe(503);
  expect(await points.json()).toEqual({ error: expect.stringContaining("cannot reach its database") });
  const signedIn = await fetch(`${app.url}/en/account`, {
    headers: { Cookie: `ep_session=${"a".repeat(32)}` },
    redirect: "manual",
  });
  expect(signedIn.status).toBe(503);
  expect((await fetch(`${app.url}/healthz`)).status).toBe(503);

  await proxy.open();
  await expect.poll(async () => (await fetch(`${app.url}/en/browse`)).status, { timeout: 20_000 }).toBe(200);
  expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  expect((await fetch(`${app.url}${mapPoints}`)).status).toBe(200);
});

test("requests under load while the database goes away and comes back: 503s, never a 500", async () => {
  const statuses = new Map<number, number>();
  let running = true;
  const load = async () => {
    for (let index = 0; running; index++) {
      const path = index % 3 === 2 ? mapPoints : pages[index % pages.length]!;
      const response = await fetch(`${app.url}${path}`).catch(() => null);
      if (!response) continue;
      await response.arrayBuffer();
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    }
  };
  const workers = [load(), load(), load()];
  await new Promise((resolve) => setTimeout(resolve, 500));
  await proxy.cut();
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  await proxy.open();
  await expect.poll(async () => (await fetch(`${app.url}/en/browse`)).status, { timeout: 20_000 }).toBe(200);
  await new Promise((resolve) => setTimeout(resolve, 500));
  running = false;
  await Promise.all(workers);
  const failures = [...statuses].filter(([status]) => status >= 500 && status !== 503);
  expect(failures, JSON.stringify(Object.fromEntries(statuses))).toEqual([]);
  expect(statuses.get(503) ?? 0).toBeGreaterThan(0);
});
