import tsconfigPaths from "vite-tsconfig-paths";
import { defineConfig } from "vitest/config";

// Two projects: `unit` is every test next to the code, which must not touch PostgreSQL (its setup
// removes DATABASE_URL), so it starts no database and runs in seconds; `integration` is
// tests/integration, where each file gets its own copy of a migrated template database.
// `vitest run` runs both; `--project unit` or `--project integration` runs one.
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    pool: "forks",
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["app/**/*.test.ts", "server/**/*.test.ts"],
          setupFiles: ["tests/setup/unit-environment.ts", "tests/setup/console-error.ts"],
          testTimeout: 10_000,
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          globalSetup: ["tests/setup/global-database.ts"],
          setupFiles: ["tests/setup/file-database.ts", "tests/setup/console-error.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
