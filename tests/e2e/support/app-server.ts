// Starts the built app as its own process, the way `npm start` does, for the browser tests; or the
// development server, the way `npm run dev` does.
import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";

const root = join(import.meta.dirname, "..", "..", "..");

export type AppServer = {
  url: string;
  process: ChildProcess;
  /** What the server printed so far. */
  output: () => string;
  stop: () => Promise<void>;
};

export async function startAppServer(options: {
  port: number;
  databaseUrl: string;
  smtpUrl?: string;
  /** Receives the server's stderr instead of the test's own stderr (a fuzz run logs many errors). */
  onStderr?: (text: string) => void;
  /** `npm run dev`'s server (Vite in middleware mode) instead of the build. */
  development?: boolean;
}) {
  const url = `http://localhost:${options.port}`;
  const args = [
    "--import",
    "tsx",
    join(root, "server", "main.ts"),
    ...(options.development ? ["--dev"] : []),
  ];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: options.development ? "development" : "production",
      PORT: String(options.port),
      HOST: "127.0.0.1",
      APP_URL: url,
      DATABASE_URL: options.databaseUrl,
      SMTP_URL: options.smtpUrl ?? "",
      // Every browser test comes from 127.0.0.1: the per-IP request tiers would count them all as one.
      RATE_LIMIT_SCALE: "100",
      SESSION_SECRET: "e2e-secret-e2e-secret-e2e-secret-0123456",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => {
    output += chunk;
    if (options.onStderr) options.onStderr(String(chunk));
    else process.stderr.write(chunk);
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`app server exited during start:\n${output}`);
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`app server did not start within 60 s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    process: child,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  } satisfies AppServer;
}
