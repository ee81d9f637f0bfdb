// The request tiers on real HTTP servers: two app instances on one database share their counters,
// and a burst of writes gets a translated 429 with Retry-After.
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inputGate } from "../../server/gate.ts";
import { defaultTiers, rateLimits, type Tier } from "../../server/rate-limits.ts";

type Instance = { url: string; close: () => Promise<void> };
let instances: Instance[] = [];
let ipCounter = 0;

async function startInstance(tiers: Tier[]): Promise<Instance> {
  const app = express();
  // Each test speaks as its own client, through X-Forwarded-For, as behind a proxy.
  app.set("trust proxy", true);
  app.use(inputGate({ appOrigin: "http://localhost", trustProxy: true }));
  app.use(rateLimits(tiers));
  app.all("*", (_req, res) => res.json({ ok: true }));
  const server = await new Promise<ReturnType<typeof app.listen>>((resolve) => {
    const listening = app.listen(0, "127.0.0.1", () => resolve(listening));
  });
  const url = `http://localhost:${(server.address() as AddressInfo).port}`;
  return { url, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const tiers: Tier[] = [
  { ...defaultTiers()[0]!, limit: 2 },
  { ...defaultTiers()[1]!, limit: 6 },
  { ...defaultTiers()[2]!, limit: 4 },
];

beforeAll(async () => {
  instances = [await startInstance(tiers), await startInstance(tiers)];
});

afterAll(async () => {
  for (const instance of instances) await instance.close();
});

function post(instance: Instance, path: string, client: string) {
  return fetch(`${instance.url}${path}`, {
    method: "POST",
    headers: {
      Origin: instance.url,
      "Content-Type": "application/x-www-form-urlencoded",
      "X-Forwarded-For": client,
    },
    body: "name=x",
  });
}

describe("request tiers", () => {
  it("counts a burst of writes across two instances and answers a translated 429 with Retry-After", async () => {
    for (const [lang, text] of [
      ["nl", "Te veel pogingen. Probeer het over 10 minuten opnieuw."],
      ["de", "Zu viele Versuche. Bitte versuchen Sie es in 10 Minuten erneut."],
      ["en", "Too many attempts. Please try again in 10 minutes."],
    ] as const) {
      const client = `203.0.113.${++ipCounter}`;
      const statuses: number[] = [];
      for (let index = 0; index < 8; index++) {
        statuses.push((await post(instances[index % 2]!, `/${lang}/account`, client)).status);
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);
      const refused = await post(instances[1]!, `/${lang}/account`, client);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(590);
      expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(600);
      expect(await refused.text()).toContain(text);
      // Another client is not held back.
      expect((await post(instances[0]!, `/${lang}/account`, `198.18.0.${ipCounter}`)).status).toBe(200);
    }
  });

  it("holds the expensive forms to the strict tier", async () => {
    const client = `203.0.113.${++ipCounter}`;
    const statuses = [];
    for (let index = 0; index < 3; index++) {
      statuses.push((await post(instances[index % 2]!, "/de/organisations/new", client)).status);
    }
    expect(statuses).toEqual([200, 200, 429]);
    expect((await post(instances[1]!, "/de/organisations/new.data", client)).status).toBe(429);
    expect((await post(instances[0]!, "/de/account", client)).status).toBe(200);
  });

  it("limits the map's endpoints with JSON answers, and leaves other reads alone", async () => {
    const client = `203.0.113.${++ipCounter}`;
    const get = (path: string) =>
      fetch(`${instances[0]!.url}${path}`, { headers: { "X-Forwarded-For": client } });
    for (let index = 0; index < 4; index++) expect((await get("/map/points?lang=de")).status).toBe(200);
    const refused = await get("/map/points?lang=de");
    expect(refused.status).toBe(429);
    expect(await refused.json()).toEqual({ error: expect.stringContaining("Zu viele Versuche") });
    expect((await get("/de/browse")).status).toBe(200);
  });
});
