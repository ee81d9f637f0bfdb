// Runs `prisma generate` offline. Generate never executes the native schema engine, but Prisma
// tries to download it first; when it is absent we point PRISMA_SCHEMA_ENGINE_BINARY at a stub
// (see docs/decisions/0002-migrations-through-our-runner.md).
import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const env: NodeJS.ProcessEnv = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };

const enginesDir = join(root, "node_modules", "@prisma", "engines");
const hasNativeEngine =
  existsSync(enginesDir) && readdirSync(enginesDir).some((file) => file.startsWith("schema-engine"));

if (!hasNativeEngine && !env.PRISMA_SCHEMA_ENGINE_BINARY) {
  const stubDir = join(root, "node_modules", ".cache", "prisma-stub");
  mkdirSync(stubDir, { recursive: true });
  const stub = join(stubDir, "schema-engine");
  writeFileSync(stub, "#!/bin/sh\necho 'schema engine stub: not available offline' >&2\nexit 1\n");
  chmodSync(stub, 0o755);
  env.PRISMA_SCHEMA_ENGINE_BINARY = stub;
}

const result = spawnSync(
  process.execPath,
  [join(root, "node_modules", "prisma", "build", "index.js"), "generate"],
  {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "inherit"],
  },
);
if (result.status !== 0) {
  process.stdout.write(result.stdout);
  process.exit(result.status ?? 1);
}
