// Public files and built assets are served by name with their cache headers; page paths go to Remix.
import { expect, test } from "@playwright/test";

test("public files, hashed assets and pages each get their own answer", async ({ request }) => {
  const favicon = await request.get("/favicon.svg");
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()["content-type"]).toContain("image/svg+xml");
  expect(favicon.headers()["cache-control"]).toBe("public, max-age=3600");

  const page = await request.get("/en/signin");
  expect(page.status()).toBe(200);
  const entry = (await page.text()).match(/\/assets\/entry\.client-[\w-]+\.js/)?.[0];
  expect(entry).toBeDefined();
  const asset = await request.get(entry!);
  expect(asset.status()).toBe(200);
  expect(asset.headers()["cache-control"]).toBe("public, max-age=31536000, immutable");

  const missing = await request.get("/favicon.svg/nothing");
  expect(missing.status()).toBe(404);
  expect(missing.headers()["content-type"]).toContain("text/html");
});
