// Browser tests drive Debian's Chromium (or Playwright's own, where installed) against the built app.
import { existsSync } from "node:fs";
import { chromium, defineConfig } from "@playwright/test";

function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  for (const candidate of candidates) if (candidate && existsSync(candidate)) return candidate;
  try {
    const bundled = chromium.executablePath();
    if (existsSync(bundled)) return bundled;
  } catch {
    // Playwright's own browser is not installed.
  }
  return undefined;
}

const executablePath = findChromium();
if (!executablePath) {
  console.error(
    "\nThe browser tests need Chromium, and none was found.\n" +
      "Install Debian's:      sudo apt-get install -y chromium\n" +
      "or Playwright's own:   npx playwright install chromium\n",
  );
  process.exit(1);
}

process.env.E2E_PORT ??= "3197";

export default defineConfig({
  testDir: "tests/e2e",
  globalSetup: "tests/e2e/global-setup.ts",
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: ".cache/test-reports/playwright.json" }]],
  use: {
    baseURL: `http://localhost:${process.env.E2E_PORT}`,
    // The app refuses a write without a same-origin Origin (a browser always sends one); test code
    // posting through Playwright's request API sends it too, and cross-site tests override it.
    extraHTTPHeaders: { Origin: `http://localhost:${process.env.E2E_PORT}` },
    trace: "retain-on-failure",
    launchOptions: {
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
      ],
    },
  },
  projects: [
    { name: "desktop", testIgnore: /fuzz\.spec/, use: { viewport: { width: 1280, height: 800 } } },
    // After the browser tests and alone, so its latency figures are not disturbed by them.
    { name: "fuzz", testMatch: /fuzz\.spec/, dependencies: ["desktop"] },
  ],
});
