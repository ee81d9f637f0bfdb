// Sign-up flows into the product: the verification link, opened in the browser that signed up,
// signs the newcomer in and leads to "create your organisation"; anywhere else it confirms the
// address and offers sign-in with the address filled in.
import type { AppLoadContext } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { validateSessionToken } from "~/modules/auth/session.server.ts";
import { action as signUpAction } from "~/routes/$lang.signup.tsx";
import { loader as verifyLoader } from "~/routes/$lang.verify-email.tsx";
import { prisma } from "~/utils/db.server.ts";
import { createUser, uniqueEmail } from "../factories/index.ts";
import { answerOf, type Answer } from "../support/answer.ts";
import { mailsTo } from "../support/outbox.ts";

const context = (ip: string): AppLoadContext => ({
  cspNonce: "",
  clientIp: ip,
  auth: null,
  isDevelopment: false,
});

let ipCounter = 0;
const nextIp = () => `198.51.100.${++ipCounter}`;

function cookieValue(response: Answer, name: string): string | null {
  for (const header of response.headers.getSetCookie()) {
    const [pair = ""] = header.split(";");
    const [key, value] = pair.split("=");
    if (key === name) return value ?? "";
  }
  return null;
}

async function signUp(email: string) {
  const body = new URLSearchParams({
    name: "Lotte de Vries",
    email,
    password: "Grenzeloos-2026!",
    locale: "nl",
  });
  const response = await answerOf(
    signUpAction({
      request: new Request("http://localhost/nl/signup", { method: "POST", body }),
      params: { lang: "nl" },
      context: context(nextIp()),
    }),
  );
  expect(response.status).toBe(200);
  return cookieValue(response, "ep_signup");
}

async function linkToken(email: string) {
  const [mail] = await mailsTo(email);
  const token = /token=([a-z2-7]+)/.exec(mail?.text ?? "")?.[1];
  expect(token).toBeTruthy();
  return token!;
}

async function openLink(token: string, cookie: string | null) {
  const headers = cookie ? { Cookie: `ep_signup=${cookie}` } : undefined;
  return answerOf(
    verifyLoader({
      request: new Request(`http://localhost/nl/verify-email?token=${token}`, { headers }),
      params: { lang: "nl" },
      context: context(nextIp()),
    }),
  );
}

describe("sign-up into the product", () => {
  it("signs the newcomer in when the link is opened in the browser that signed up", async () => {
    const email = uniqueEmail();
    const browser = await signUp(email);
    expect(browser).toMatch(/^[a-z2-7]{32}$/);
    const response = await openLink(await linkToken(email), browser);
    expect(response.body).toEqual({ ok: true, email, signedIn: true });
    const session = cookieValue(response, "ep_session");
    const validated = await validateSessionToken(session ?? "");
    const user = await prisma.user.findUniqueOrThrow({ where: { email } });
    expect(validated?.auth.user.id).toBe(user.id);
    expect(user.emailVerifiedAt).not.toBeNull();
    // The sign-up cookie has done its work.
    expect(cookieValue(response, "ep_signup")).toBe("");
  });

  it("only confirms the address in another browser, and signs nobody in", async () => {
    const email = uniqueEmail();
    await signUp(email);
    const elsewhere = await openLink(await linkToken(email), null);
    expect(elsewhere.body).toEqual({ ok: true, email, signedIn: false });
    expect(cookieValue(elsewhere, "ep_session")).toBeNull();

    const other = uniqueEmail();
    await signUp(other);
    const strangersCookie = "a".repeat(32);
    const wrong = await openLink(await linkToken(other), strangersCookie);
    expect(wrong.body).toMatchObject({ ok: true, signedIn: false });
    expect(cookieValue(wrong, "ep_session")).toBeNull();
  });

  it("gives a known address the same answer and the same cookie, and signs nobody in for it", async () => {
    const existing = await createUser();
    const browser = await signUp(existing.email);
    expect(browser).toMatch(/^[a-z2-7]{32}$/);
    const [mail] = await mailsTo(existing.email);
    expect(mail?.text).not.toMatch(/token=/);
    expect(await prisma.session.count({ where: { userId: existing.id } })).toBe(0);
  });

  it("a used link signs in no second time", async () => {
    const email = uniqueEmail();
    const browser = await signUp(email);
    const token = await linkToken(email);
    expect((await openLink(token, browser)).status).toBe(200);
    const again = await openLink(token, browser);
    expect(again.status).toBe(400);
    expect(cookieValue(again, "ep_session")).toBeNull();
  });
});
