// The process environment, read once and checked: a wrong value stops the app with a clear message.
import { z } from "zod";

const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .trim()
    .transform((value) => (value === "" ? undefined : value))
    .pipe(z.url({ protocol: new RegExp(`^(${protocols.join("|")})$`) }).optional())
    .optional();

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().default("0.0.0.0"),
    APP_URL: z.url({ protocol: /^https?$/ }).optional(),
    DATABASE_URL: optionalUrl(["postgres", "postgresql"]),
    SMTP_URL: optionalUrl(["smtp", "smtps"]),
    MAIL_FROM: z.string().min(3).default("Euregio Partners <no-reply@euregio-partners.localhost>"),
    SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    MAP_STYLE_URL: optionalUrl(["https", "http"]),
    /** Multiplies the per-IP request limits (server/rate-limits.ts); the browser tests raise it. */
    RATE_LIMIT_SCALE: z.coerce.number().int().min(1).max(1000).default(1),
    /** Messages one user may send per minute (messaging rate limit). */
    MESSAGES_PER_USER_PER_MINUTE: z.coerce.number().int().min(1).max(100000).default(30),
    /** New threads one organisation may open per day (messaging rate limit). */
    THREADS_PER_ORGANISATION_PER_DAY: z.coerce.number().int().min(1).max(100000).default(20),
    TRUST_PROXY: z
      .enum(["true", "false", "1", "0"])
      .default("false")
      .transform((value) => value === "true" || value === "1"),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.SESSION_SECRET) {
      ctx.addIssue({ code: "custom", path: ["SESSION_SECRET"], message: "is required in production" });
    }
  });

export type Env = z.infer<typeof schema> & { SESSION_SECRET: string; APP_URL: string };

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new EnvError(`Invalid environment:\n${lines.join("\n")}`);
  }
  const env = result.data;
  return {
    ...env,
    SESSION_SECRET: env.SESSION_SECRET ?? "development-only-secret-do-not-use-in-production",
    APP_URL: (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ""),
  };
}

let cached: Env | undefined;

/** The checked environment; parsed on first use, so DATABASE_URL set by the embedded database is seen. */
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export function resetEnvForTests() {
  cached = undefined;
}
