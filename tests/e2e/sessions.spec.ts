// Sessions: an httpOnly SameSite=Lax cookie whose token the database never holds; sign-out here or everywhere.
import { expect, query, test } from "./support/fixtures.ts";

async function signIn(page: import("@playwright/test").Page, email: string, password: string) {
  await page.goto("/en/signin");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My account" })).toBeVisible();
}

test("the session cookie is httpOnly and SameSite=Lax, and the database holds only its hash", async ({
  page,
  factories,
}) => {
  const user = await factories.createUser();
  await signIn(page, user.email, user.password);
  const cookie = (await page.context().cookies()).find((c) => c.name === "ep_session");
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe("Lax");
  expect(cookie?.secure).toBe(true);
  const rows = await query<{ id: string }>("SELECT id FROM sessions WHERE user_id = $1", [user.id]);
  expect(rows).toHaveLength(1);
  expect(rows[0]?.id).not.toBe(cookie?.value);

  // A stolen dump: the stored value used as a cookie does not sign anyone in.
  const thief = await page.context().browser()!.newContext();
  await thief.addCookies([{ name: "ep_session", value: rows[0]!.id, domain: "localhost", path: "/" }]);
  const thiefPage = await thief.newPage();
  await thiefPage.goto("/en/account");
  await expect(thiefPage).toHaveURL(/\/en\/signin\?redirectTo=/);
  await thief.close();
});

test("signing in rotates the session, and sign-out on all devices ends every session", async ({
  browser,
  factories,
}) => {
  const user = await factories.createUser();
  const first = await browser.newContext();
  const second = await browser.newContext();
  const a = await first.newPage();
  const b = await second.newPage();
  await signIn(a, user.email, user.password);
  await signIn(b, user.email, user.password);
  expect(await query("SELECT id FROM sessions WHERE user_id = $1", [user.id])).toHaveLength(2);

  await b.getByRole("button", { name: "Sign out on all devices" }).click();
  await expect(
    b.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Sign in" }),
  ).toBeVisible();
  expect(await query("SELECT id FROM sessions WHERE user_id = $1", [user.id])).toHaveLength(0);
  await a.goto("/en/account");
  await expect(a).toHaveURL(/\/en\/signin/);
  await first.close();
  await second.close();
});

test("a signed-out visitor is sent to sign-in and comes back afterwards", async ({ page, factories }) => {
  const user = await factories.createUser();
  await page.goto("/de/account");
  await expect(page).toHaveURL("/de/signin?redirectTo=%2Fde%2Faccount");
  await page.getByLabel("E-Mail-Adresse").fill(user.email);
  await page.getByLabel("Passwort").fill(user.password);
  await page.getByRole("button", { name: "Anmelden" }).click();
  await expect(page).toHaveURL("/de/account");
});
