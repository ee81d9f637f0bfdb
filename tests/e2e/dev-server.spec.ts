// `npm run dev` as a developer meets it (#15 item 11): opening the pages does not make Vite pre-bundle
// server-only packages for the browser and reload the open tab (one such reload lost a half-filled
// sign-up), and a malformed address is a 400 from the input gate, not Vite's error overlay.
import { createDatabaseFrom, databaseUrl, dropDatabase } from "../setup/test-database.ts";
import { startAppServer, type AppServer } from "./support/app-server.ts";
import { expect, test } from "./support/fixtures.ts";

test.describe.configure({ timeout: 180_000 });

let server: AppServer;
let database: string;
const admin = () => process.env.E2E_ADMIN_DATABASE_URL!;

test.beforeAll(async () => {
  // A database of its own: the development server runs job workers, which must not take the mail of
  // the other browser tests.
  database = await createDatabaseFrom(admin(), process.env.E2E_TEMPLATE_DATABASE!, "euregio_dev");
  server = await startAppServer({
    port: Number(process.env.E2E_PORT) + 50,
    databaseUrl: databaseUrl(admin(), database),
    development: true,
  });
});

test.afterAll(async () => {
  await server?.stop();
  if (database) await dropDatabase(admin(), database);
});

test("opening the pages in development never reloads the tab, and a broken address is a 400", async ({
  browser,
}) => {
  const context = await browser.newContext({ baseURL: server.url, extraHTTPHeaders: {} });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(String(error)));
  let loads = 0;
  page.on("load", () => (loads += 1));
  const paths = ["/nl/", "/de/browse", "/en/map", "/de/signin", "/nl/signup"];
  for (const path of paths) {
    await page.goto(path, { waitUntil: "networkidle" });
    // Vite reloads a tab a moment after it pre-bundled what it found.
    await page.waitForTimeout(1_000);
  }
  expect(loads).toBe(paths.length);
  expect(errors).toEqual([]);
  expect(server.output()).not.toMatch(/optimized dependencies changed|new dependencies optimized/);

  const broken = await page.request.get("/%E0%A4%A");
  expect(broken.status()).toBe(400);
  expect(await broken.text()).not.toMatch(/vite-error-overlay|at .*node_modules/);
  await context.close();
});
