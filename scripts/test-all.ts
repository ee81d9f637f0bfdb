// `npm test`: everything a change must pass, in order: Prisma client, typecheck, lint and format,
// unit + integration tests (Vitest), production build, browser tests (Playwright).
// Ends with one line adding up both runners: "Tests: N passed, N failed".
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
// Not under test-results/: Playwright empties that folder when it starts.
const results = join(root, ".cache", "test-reports");
mkdirSync(results, { recursive: true });
const vitestJson = join(results, "vitest-results.json");
const playwrightJson = join(results, "playwright.json");
rmSync(vitestJson, { force: true });
rmSync(playwrightJson, { force: true });

const bin = (name: string) => join(root, "node_modules", ".bin", name);
const steps: [string, string, string[]][] = [
  ["Prisma client", process.execPath, ["--import", "tsx", join(root, "scripts", "prisma-generate.ts")]],
  ["Typecheck", bin("tsc"), ["--noEmit"]],
  ["Lint", bin("eslint"), [".", "--max-warnings", "0"]],
  ["Format", bin("prettier"), ["--check", ".", "--log-level", "warn"]],
  [
    "Unit and integration tests",
    bin("vitest"),
    ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestJson}`],
  ],
  ["Production build", bin("remix"), ["vite:build"]],
  ["Browser tests", bin("playwright"), ["test"]],
];

function counts(): { passed: number; failed: number } {
  let passed = 0;
  let failed = 0;
  if (existsSync(vitestJson)) {
    const report = JSON.parse(readFileSync(vitestJson, "utf8")) as {
      numPassedTests: number;
      numFailedTests: number;
    };
    passed += report.numPassedTests;
    failed += report.numFailedTests;
  }
  if (existsSync(playwrightJson)) {
    const report = JSON.parse(readFileSync(playwrightJson, "utf8")) as {
      stats: { expected: number; unexpected: number; flaky: number };
    };
    passed += report.stats.expected + report.stats.flaky;
    failed += report.stats.unexpected;
  }
  return { passed, failed };
}

let failedStep: string | undefined;
for (const [name, command, args] of steps) {
  console.info(`\n▶ ${name}`);
  const started = Date.now();
  const run = spawnSync(command, args, { cwd: root, stdio: "inherit", env: process.env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  // The reports are checked too: an exit code alone can be lost by a library's exit hook.
  if (run.status !== 0 || counts().failed > 0) {
    failedStep = name;
    console.error(`✘ ${name} failed after ${seconds} s`);
    break;
  }
  console.info(`✔ ${name} (${seconds} s)`);
}

const { passed, failed } = counts();
if (failedStep) console.error(`\nnpm test failed at: ${failedStep}`);
console.info(`\nTests: ${passed} passed, ${failedStep && failed === 0 ? 1 : failed} failed`);
process.exit(failedStep ? 1 : 0);
