import { createCookie } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import { redirectWithNotice, takeNotice } from "./notice.server.ts";

/** The cookie a redirect set, as the browser sends it back. */
function cookieOf(response: Response, name = "ep_notice"): string {
  const set = response.headers.getSetCookie().find((value) => value.startsWith(`${name}=`));
  if (!set) throw new Error(`no ${name} cookie in ${JSON.stringify(response.headers.getSetCookie())}`);
  return set.split(";")[0]!;
}

const visit = (path: string, cookie?: string) =>
  new Request(`http://localhost${path}`, cookie ? { headers: { Cookie: cookie } } : {});

describe("one-time notices", () => {
  it("shows a redirect's notice on its page once, and clears it there", async () => {
    const response = await redirectWithNotice("/nl/requests/a-slug", "saved", { "Set-Cookie": "other=1" });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/nl/requests/a-slug");
    expect(response.headers.getSetCookie()).toHaveLength(2);
    const cookie = cookieOf(response);

    const first = await takeNotice(visit("/nl/requests/a-slug", cookie), ["saved", "published"]);
    expect(first.notice).toBe("saved");
    expect(first.headers.get("Set-Cookie")).toMatch(
      /^ep_notice=; Max-Age=0; Path=\/; HttpOnly; SameSite=Lax/,
    );
    // What the browser holds after that header: no cookie, no notice.
    expect((await takeNotice(visit("/nl/requests/a-slug"), ["saved"])).notice).toBeNull();
  });

  it("reads the notice on the page's single-fetch data request too", async () => {
    const cookie = cookieOf(await redirectWithNotice("/de/", "accountDeleted"));
    expect((await takeNotice(visit("/de.data", cookie), ["accountDeleted"])).notice).toBe("accountDeleted");
    const account = cookieOf(await redirectWithNotice("/de/account", "passwordReset"));
    expect((await takeNotice(visit("/de/account.data", account), ["passwordReset"])).notice).toBe(
      "passwordReset",
    );
  });

  it("leaves a notice meant for another page alone", async () => {
    const cookie = cookieOf(await redirectWithNotice("/nl/requests/a-slug", "saved"));
    const elsewhere = await takeNotice(visit("/nl/requests/another-slug", cookie), ["saved"]);
    expect(elsewhere.notice).toBeNull();
    expect(elsewhere.headers.get("Set-Cookie")).toBeNull();
  });

  it("shows nothing for a notice the page does not announce", async () => {
    const cookie = cookieOf(await redirectWithNotice("/nl/account", "matched"));
    const taken = await takeNotice(visit("/nl/account", cookie), ["passwordReset"]);
    expect(taken.notice).toBeNull();
    expect(taken.headers.get("Set-Cookie")).toMatch(/Max-Age=0/);
  });

  it("refuses a cookie not signed with the server's secret", async () => {
    const forged = createCookie("ep_notice", { secrets: ["not-the-servers-secret-0123456789abcdef"] });
    const value = await forged.serialize({ notice: "saved", path: "/nl/requests/a-slug" });
    const unsigned = createCookie("ep_notice");
    const plain = await unsigned.serialize({ notice: "saved", path: "/nl/requests/a-slug" });
    for (const cookie of [value.split(";")[0]!, plain.split(";")[0]!, "ep_notice=garbage"]) {
      expect((await takeNotice(visit("/nl/requests/a-slug", cookie), ["saved"])).notice).toBeNull();
    }
  });
});
