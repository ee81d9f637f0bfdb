// Sign-up and forgot-password take as long for a registered address as for a new one, so timing
// tells no one who is registered.
//
// The test: 100 pairs, each one call with a registered and one with a new address, in alternating
// order, every call from its own client address so no rate limit is reached. The classifier "the
// slower call of a pair had the registered address" must not be right more often than chance
// allows. With the same work on both paths, the number of pairs it gets right is Binomial(100, 0.5);
// the test fails when that number is ≥ 70 or ≤ 30 (a classifier that is reliably wrong tells as
// much): P(X ≥ 70) = P(X ≤ 30) ≈ 0.00004, so an honest implementation fails about once in 6,000
// runs of both tests, while a difference of a few milliseconds in work is right in nearly all 100
// pairs. (With 40 pairs and bounds 28/12 an honest run failed once in 30, as it did on 2026-12-03.)
import { describe, expect, it } from "vitest";
import { requestPasswordReset, signUp } from "~/modules/auth/service.server.ts";
import { createUser, uniqueEmail } from "../factories/index.ts";

const PAIRS = 100;
const FAILS_FROM = 70;
const FAILS_UP_TO = 30;

let nextIp = 1;
function freshIp(): string {
  const n = nextIp++;
  return `198.19.${Math.floor(n / 256)}.${n % 256}`;
}

async function duration(call: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await call();
  return performance.now() - start;
}

/** How many of the pairs the classifier "the slower call had the registered address" gets right. */
async function rightGuesses(
  registered: string[],
  call: (email: string, ip: string) => Promise<unknown>,
): Promise<number> {
  // Warm-up: the first calls also create the queue and load code.
  for (let i = 0; i < 3; i++) await call(uniqueEmail("warm-up"), freshIp());
  let right = 0;
  for (let pair = 0; pair < PAIRS; pair++) {
    const known = () => duration(() => call(registered[pair]!, freshIp()));
    const unknown = () => duration(() => call(uniqueEmail("new"), freshIp()));
    let knownTime: number;
    let unknownTime: number;
    if (pair % 2 === 0) {
      knownTime = await known();
      unknownTime = await unknown();
    } else {
      unknownTime = await unknown();
      knownTime = await known();
    }
    if (knownTime > unknownTime) right++;
  }
  return right;
}

function expectChance(right: number) {
  const message = `the slower call had the registered address in ${right} of ${PAIRS} pairs`;
  expect(right, message).toBeLessThan(FAILS_FROM);
  expect(right, message).toBeGreaterThan(FAILS_UP_TO);
}

async function registeredAddresses(): Promise<string[]> {
  const users = await Promise.all(Array.from({ length: PAIRS }, () => createUser()));
  return users.map((user) => user.email);
}

describe("answer times", () => {
  it("do not tell a registered address from a new one at sign-up", async () => {
    const registered = await registeredAddresses();
    const right = await rightGuesses(registered, (email, ip) =>
      signUp({ name: "Timing Test", email, password: "timing-test-password", locale: "en" }, ip),
    );
    expectChance(right);
  }, 120_000);

  it("do not tell a registered address from a new one at forgot-password", async () => {
    const registered = await registeredAddresses();
    const right = await rightGuesses(registered, (email, ip) => requestPasswordReset(email, ip));
    expectChance(right);
  }, 120_000);
});
