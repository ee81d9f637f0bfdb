// Sign-in limits against real PostgreSQL: counted before the password check even under parallel
// attempts, per address and client, with a ceiling per address, lifted by a reset link.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { RateLimitError, rules } from "~/modules/auth/rate-limit.server.ts";
import { requestPasswordReset, resetPassword, signIn } from "~/modules/auth/service.server.ts";
import { action as signInAction } from "~/routes/$lang.signin.tsx";
import { AppError } from "~/utils/errors.ts";
import { createUser, TEST_PASSWORD } from "../factories/index.ts";
import { expectAppError } from "../support/app-error.ts";
import { answerOf } from "../support/answer.ts";
import { mailsTo } from "../support/outbox.ts";

// Every argon2 verification the app makes, counted: the number of password checks itself.
const argon2 = vi.hoisted(() => ({ verifications: 0 }));
vi.mock("@node-rs/argon2", async (importOriginal) => {
  const original = await importOriginal<typeof import("@node-rs/argon2")>();
  return {
    ...original,
    verify: (...args: Parameters<typeof original.verify>) => {
      argon2.verifications++;
      return original.verify(...args);
    },
  };
});

beforeEach(() => {
  argon2.verifications = 0;
});

let nextIp = 1;
/** A client address no other test uses, so each test starts with fresh per-client counters. */
function freshIp(): string {
  const n = nextIp++;
  return `198.18.${Math.floor(n / 256)}.${n % 256}`;
}

async function statusOf(attempt: Promise<unknown>): Promise<number | "signed in"> {
  return attempt.then(
    () => "signed in" as const,
    (error: unknown) => {
      if (error instanceof AppError) return error.status;
      throw error;
    },
  );
}

async function resetThroughLink(email: string, password: string) {
  await requestPasswordReset(email, freshIp());
  const mails = await mailsTo(email);
  const token = mails.at(-1)?.text.match(/reset-password\?token=([a-z2-7]+)/)?.[1];
  if (!token) throw new Error("no reset link mailed");
  await resetPassword({ token, password });
}

describe("sign-in limits", () => {
  it("runs at most five password checks for twenty parallel wrong passwords from one client, and refuses the rest with 429", async () => {
    const user = await createUser();
    const ip = freshIp();
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, attempt) =>
        statusOf(signIn({ email: user.email, password: `wrong-password-${attempt}` }, ip)),
      ),
    );
    expect(argon2.verifications).toBe(5);
    expect(outcomes.filter((status) => status === 400)).toHaveLength(5);
    expect(outcomes.filter((status) => status === 429)).toHaveLength(15);
  });

  it("still lets the owner sign in from another client while a stranger is locked out", async () => {
    const user = await createUser();
    const stranger = freshIp();
    for (let attempt = 0; attempt < 6; attempt++) {
      await statusOf(signIn({ email: user.email, password: `guess-${attempt}-password` }, stranger));
    }
    await expectAppError(signIn({ email: user.email, password: TEST_PASSWORD }, stranger), 429);
    await expect(signIn({ email: user.email, password: TEST_PASSWORD }, freshIp())).resolves.toMatchObject({
      user: { id: user.id },
    });
  });

  it("starts a client's count afresh after it signs in", async () => {
    const user = await createUser();
    const ip = freshIp();
    for (let attempt = 0; attempt < 4; attempt++) {
      await expectAppError(signIn({ email: user.email, password: `typo-${attempt}-password` }, ip), 400);
    }
    await signIn({ email: user.email, password: TEST_PASSWORD }, ip);
    for (let attempt = 0; attempt < 4; attempt++) {
      await expectAppError(signIn({ email: user.email, password: `typo-${attempt}-again` }, ip), 400);
    }
    await expect(signIn({ email: user.email, password: TEST_PASSWORD }, ip)).resolves.toBeTruthy();
  });

  it("says when to try again: the minutes left in the window, and Retry-After on the sign-in page's 429", async () => {
    const user = await createUser({ locale: "de" });
    const ip = freshIp();
    const post = (password: string) =>
      answerOf(
        signInAction({
          request: new Request("http://localhost/de/signin", {
            method: "POST",
            body: new URLSearchParams({ email: user.email, password }),
          }),
          params: { lang: "de" },
          context: { cspNonce: "", clientIp: ip, isDevelopment: false, auth: null },
        }),
      );
    for (let attempt = 0; attempt < 5; attempt++)
      expect((await post(`wrong-${attempt}-password`)).status).toBe(400);

    const refused = await post(TEST_PASSWORD);
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(rules.signInPerAccountClient.windowSeconds);
    // The message names the minutes as a value, for "try again in 15 minutes".
    expect((refused.body as { error: Record<string, unknown> }).error[""]).toEqual([
      { key: "common:errors.rateLimitedMinutes", values: { minutes: 15 } },
    ]);

    const error = await expectAppError(signIn({ email: user.email, password: TEST_PASSWORD }, ip), 429);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(new RateLimitError(45).messageKey).toBe("common:errors.rateLimitedMinute");
    expect(new RateLimitError(61).messageKey).toBe("common:errors.rateLimitedMinutes");
    expect(new RateLimitError(61).values).toEqual({ minutes: 2 });
  });

  it("lifts the lock for every client when the owner follows a reset link", async () => {
    const user = await createUser();
    const stranger = freshIp();
    for (let attempt = 0; attempt < 6; attempt++) {
      await statusOf(signIn({ email: user.email, password: `guess-${attempt}-password` }, stranger));
    }
    await expectAppError(signIn({ email: user.email, password: TEST_PASSWORD }, stranger), 429);

    await resetThroughLink(user.email, "a-new-password-after-reset");
    await expect(
      signIn({ email: user.email, password: "a-new-password-after-reset" }, stranger),
    ).resolves.toMatchObject({ user: { id: user.id } });
  });

  it("refuses every client once guesses from many clients reach the address's ceiling, until a reset", async () => {
    const user = await createUser();
    const { limit } = rules.signInPerAccount;
    // Four guesses from each of many clients: under every client's own limit.
    const clients = Array.from({ length: limit / 4 }, () => freshIp());
    await Promise.all(
      clients.map(async (ip) => {
        for (let attempt = 0; attempt < 4; attempt++) {
          expect(await statusOf(signIn({ email: user.email, password: `spread-${attempt}-guess` }, ip))).toBe(
            400,
          );
        }
      }),
    );
    expect(argon2.verifications).toBe(limit);

    argon2.verifications = 0;
    await expectAppError(signIn({ email: user.email, password: TEST_PASSWORD }, freshIp()), 429);
    expect(argon2.verifications).toBe(0);

    await resetThroughLink(user.email, "unlocked-by-the-owner");
    await expect(
      signIn({ email: user.email, password: "unlocked-by-the-owner" }, freshIp()),
    ).resolves.toMatchObject({ user: { id: user.id } });
  });
});
