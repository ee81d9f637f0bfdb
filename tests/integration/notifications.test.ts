// The notifications page and the bell's count on real PostgreSQL: texts in the reader's language,
// newest first and paged, opening and marking read through forms, and a user only ever reading or
// marking their own notifications, whatever ids are sent; bad input is a translated 4xx.
import { describe, expect, it } from "vitest";
import { getFixedT } from "~/modules/i18n/instances.server.ts";
import { notifyMembers } from "~/modules/notifications/notify.server.ts";
import { NOTIFICATIONS_PAGE_SIZE } from "~/modules/notifications/service.server.ts";
import { notificationText } from "~/modules/notifications/texts.ts";
import { loader as rootLoader } from "~/root.tsx";
import { action as accountAction, loader as accountLoader } from "~/routes/$lang.account.tsx";
import { action, loader } from "~/routes/$lang.notifications.tsx";
import { prisma } from "~/utils/db.server.ts";
import { addMember, createNotification, createOrganisation, createUser } from "../factories/index.ts";
import { answerOf, formMessages } from "../support/answer.ts";
import { contextFor } from "../support/context.ts";

type User = Awaited<ReturnType<typeof createUser>>;
type PageData = Awaited<ReturnType<typeof loader>>["data"];

const params = { partner: "Gesamtschule Kleve", organisation: "Dominicus College Wijchen" };

function readPage(user: User | null, lang = "nl", search = "") {
  return answerOf<PageData>(() =>
    loader({
      request: new Request(`http://localhost/${lang}/notifications${search}`),
      params: { lang },
      context: contextFor(user),
    }),
  );
}

function post(user: User | null, fields: Record<string, string> | string, lang = "nl") {
  const body =
    typeof fields === "string" ? fields : new URLSearchParams(fields as Record<string, string>).toString();
  return answerOf<{ error?: string }>(() =>
    action({
      request: new Request(`http://localhost/${lang}/notifications`, {
        method: "POST",
        headers: {
          "Content-Type":
            typeof fields === "string" ? "application/json" : "application/x-www-form-urlencoded",
        },
        body,
      }),
      params: { lang },
      context: contextFor(user),
    }),
  );
}

const readAt = (id: string) =>
  prisma.notification
    .findUniqueOrThrow({ where: { id }, select: { readAt: true } })
    .then((row) => row.readAt);

describe("notification texts", () => {
  it("read each type in Dutch and German from its params", () => {
    const nl = getFixedT("nl", "notifications");
    const de = getFixedT("de", "notifications");
    expect(notificationText(nl, { type: "interest_received", params })).toBe(
      "Gesamtschule Kleve wil graag samenwerken met Dominicus College Wijchen.",
    );
    expect(notificationText(de, { type: "interest_received", params })).toBe(
      "Gesamtschule Kleve möchte mit Dominicus College Wijchen zusammenarbeiten.",
    );
    expect(notificationText(nl, { type: "match_connected", params })).toMatch(
      /^Dominicus College Wijchen en Gesamtschule Kleve zijn verbonden: /,
    );
    expect(notificationText(de, { type: "match_declined", params })).toBe(
      "Dominicus College Wijchen und Gesamtschule Kleve werden nicht zusammenarbeiten: Das Interesse wurde abgelehnt.",
    );
    expect(notificationText(nl, { type: "match_promoted", params })).toBe(
      "De Euregio beveelt de samenwerking tussen Dominicus College Wijchen en Gesamtschule Kleve aan.",
    );
    expect(
      notificationText(de, { type: "match_stage", params: { ...params, stage: "active_project" } }),
    ).toBe(
      "Die Partnerschaft zwischen Dominicus College Wijchen und Gesamtschule Kleve ist jetzt ein laufendes Projekt.",
    );
    expect(notificationText(nl, { type: "match_stage", params: { ...params, stage: "completed" } })).toBe(
      "De samenwerking tussen Dominicus College Wijchen en Gesamtschule Kleve is afgerond.",
    );
    expect(notificationText(de, { type: "match_stage", params: { ...params, stage: "ended" } })).toBe(
      "Die Partnerschaft zwischen Dominicus College Wijchen und Gesamtschule Kleve wurde beendet.",
    );
    expect(
      notificationText(nl, { type: "weekly_suggestions", params: { organisation: "SV Kleve", count: 1 } }),
    ).toBe("Deze week is er 1 nieuwe voorgestelde partner voor SV Kleve.");
    expect(
      notificationText(de, { type: "weekly_suggestions", params: { organisation: "SV Kleve", count: 4 } }),
    ).toBe("Diese Woche gibt es 4 neue vorgeschlagene Partner für SV Kleve.");
  });

  it("never show a raw key or placeholder for an unknown type, stage or missing name", () => {
    const de = getFixedT("de", "notifications");
    const news = "Es gibt Neuigkeiten für Sie bei Euregio Partners.";
    expect(notificationText(de, { type: "something_new", params })).toBe(news);
    expect(notificationText(de, { type: "match_stage", params: { ...params, stage: "paused" } })).toBe(news);
    expect(notificationText(de, { type: "weekly_suggestions", params: { organisation: "X" } })).toBe(news);
    const text = notificationText(de, { type: "interest_received", params: { partner: "SV Kleve" } });
    expect(text).toBe("SV Kleve möchte mit – zusammenarbeiten.");
    expect(notificationText(de, { type: "interest_received", params: null })).not.toMatch(/{{|text\./);
  });
});

describe("the notifications page", () => {
  it("sends a signed-out visitor to sign in and back", async () => {
    const answer = await readPage(null);
    expect(answer.status).toBe(302);
    expect(answer.headers.get("Location")).toBe("/nl/signin?redirectTo=%2Fnl%2Fnotifications");
    const posted = await post(null, { intent: "readAll" });
    expect(posted.status).toBe(302);
  });

  it("lists only the reader's own notifications, newest first, in pages with a cursor", async () => {
    const reader = await createUser({ locale: "nl" });
    const other = await createUser();
    const base = Date.now() - 60 * 60 * 1000;
    const made = [];
    for (let index = 0; index < NOTIFICATIONS_PAGE_SIZE + 5; index++)
      made.push(
        await createNotification(reader.id, {
          params: { partner: `Partner ${index}`, organisation: "Mine" },
          // Two at each time, so the cursor must tell equal times apart by id.
          createdAt: new Date(base + Math.floor(index / 2) * 1000),
        }),
      );
    const foreign = await createNotification(other.id, {
      params: { partner: "Secret", organisation: "Theirs" },
    });

    const first = await readPage(reader);
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(NOTIFICATIONS_PAGE_SIZE);
    expect(first.body.unread).toBe(NOTIFICATIONS_PAGE_SIZE + 5);
    const times = first.body.items.map((item) => item.createdAt.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(first.body.next).toBeTruthy();

    const second = await readPage(reader, "nl", `?before=${encodeURIComponent(first.body.next!)}`);
    expect(second.status).toBe(200);
    expect(second.body.items).toHaveLength(5);
    expect(second.body.next).toBeNull();
    const all = [...first.body.items, ...second.body.items].map((item) => item.id);
    expect(new Set(all).size).toBe(NOTIFICATIONS_PAGE_SIZE + 5);
    expect(all.sort()).toEqual(made.map((row) => row.id).sort());
    expect(all).not.toContain(foreign.id);
    // Only what the page shows reaches the browser: no path, no user, no mail state.
    expect(Object.keys(first.body.items[0]!).sort()).toEqual(["createdAt", "id", "params", "read", "type"]);
  });

  it("answers a forged cursor with a translated 400, not a 500", async () => {
    const reader = await createUser();
    for (const cursor of ["nonsense", "2026-13-45T99:99:99.999Z_not-a-uuid", "'; DROP TABLE users; --"]) {
      const answer = await readPage(reader, "de", `?before=${encodeURIComponent(cursor)}`);
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({ messageKey: "notifications:errors.badCursor" });
    }
  });

  it("opens a notification by a form: marks it read and leads to its page in the reader's language", async () => {
    const reader = await createUser({ locale: "de" });
    const notification = await createNotification(reader.id, {
      path: "/matches/0b7e2a64-3f55-4c4f-9a39-6a1b1c1d1e1f",
    });
    // Reading the page changes nothing.
    await readPage(reader, "de");
    expect(await readAt(notification.id)).toBeNull();

    const answer = await post(reader, { intent: "open", id: notification.id }, "de");
    expect(answer.status).toBe(302);
    expect(answer.headers.get("Location")).toBe("/de/matches/0b7e2a64-3f55-4c4f-9a39-6a1b1c1d1e1f");
    expect(await readAt(notification.id)).not.toBeNull();
  });

  it("marks one read, then all, and the bell's count follows", async () => {
    const reader = await createUser();
    const [a, b, c] = [
      await createNotification(reader.id),
      await createNotification(reader.id),
      await createNotification(reader.id),
    ];
    const bell = async () =>
      (
        await answerOf<Awaited<ReturnType<typeof rootLoader>>>(() =>
          rootLoader({
            request: new Request("http://localhost/en/"),
            params: { lang: "en" },
            context: contextFor(reader),
          }),
        )
      ).body.unreadNotifications;
    expect(await bell()).toBe(3);

    const one = await post(reader, { intent: "read", id: a!.id });
    expect(one.status).toBe(302);
    expect(one.headers.get("Location")).toBe("/nl/notifications");
    expect(await readAt(a!.id)).not.toBeNull();
    expect(await readAt(b!.id)).toBeNull();
    expect(await bell()).toBe(2);

    const all = await post(reader, { intent: "readAll" });
    expect(all.status).toBe(302);
    expect(await readAt(b!.id)).not.toBeNull();
    expect(await readAt(c!.id)).not.toBeNull();
    expect(await bell()).toBe(0);
    const page = await readPage(reader);
    expect(page.body.unread).toBe(0);
    expect(page.body.items.every((item) => item.read)).toBe(true);
  });

  it("never lets a user read, open or mark another user's notification, whatever id is sent", async () => {
    const owner = await createUser();
    const stranger = await createUser();
    const theirs = await createNotification(owner.id, { path: "/matches/secret" });
    await createNotification(stranger.id);

    for (const intent of ["open", "read"]) {
      const answer = await post(stranger, { intent, id: theirs.id });
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual({ error: "notifications:errors.unknown" });
      expect(answer.headers.get("Location")).toBeNull();
    }
    // "Mark all read" with someone else's id along reaches only the sender's own.
    await post(stranger, { intent: "readAll", id: theirs.id });
    expect(await readAt(theirs.id)).toBeNull();
    expect(await prisma.notification.count({ where: { userId: stranger.id, readAt: null } })).toBe(0);
    // And the stranger's page never lists it.
    const page = await readPage(stranger);
    expect(page.body.items.map((item) => item.id)).not.toContain(theirs.id);
  });

  it("answers unknown ids, unknown intents and bodies that are no form with a translated 4xx", async () => {
    const reader = await createUser();
    const cases: [Record<string, string> | string, number, string][] = [
      [{ intent: "open", id: "0b7e2a64-3f55-4c4f-9a39-6a1b1c1d1e1f" }, 404, "notifications:errors.unknown"],
      [{ intent: "read", id: "not-a-uuid" }, 404, "notifications:errors.unknown"],
      [{ intent: "read" }, 400, "notifications:errors.invalid"],
      [{ intent: "delete", id: "x" }, 400, "notifications:errors.invalid"],
      [{}, 400, "notifications:errors.invalid"],
      [{ intent: "open", id: "x".repeat(5000) }, 400, "notifications:errors.invalid"],
      [JSON.stringify({ intent: "readAll" }), 400, "notifications:errors.invalid"],
    ];
    for (const [fields, status, error] of cases) {
      const answer = await post(reader, fields);
      expect(answer.status, JSON.stringify(fields).slice(0, 80)).toBe(status);
      expect(answer.body).toEqual({ error });
    }
    // A repeated field is no single id either.
    const repeated = await answerOf<{ error?: string }>(() =>
      action({
        request: new Request("http://localhost/nl/notifications", {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: "intent=read&id=a&id=b",
        }),
        params: { lang: "nl" },
        context: contextFor(reader),
      }),
    );
    expect(repeated.status).toBe(400);
  });
});

describe("notifyMembers", () => {
  it("notifies every member but the one who acted, with the params the texts need", async () => {
    const actor = await createUser();
    const colleague = await createUser();
    const organisation = await createOrganisation({ ownerId: actor.id, name: "Dominicus College Wijchen" });
    await addMember(organisation.id, colleague.id);
    const written = await prisma.$transaction((tx) =>
      notifyMembers(
        tx,
        organisation.id,
        { type: "interest_received", params, path: "/matches/x" },
        { except: actor.id },
      ),
    );
    expect(written).toBe(1);
    const rows = await prisma.notification.findMany({ where: { organisationId: organisation.id } });
    expect(rows.map((row) => row.userId)).toEqual([colleague.id]);
  });
});

describe("the mail preference on the account page", () => {
  function postAccount(user: User, fields: Record<string, string>) {
    return answerOf(() =>
      accountAction({
        request: new Request("http://localhost/de/account", {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams(fields).toString(),
        }),
        params: { lang: "de" },
        context: contextFor(user),
      }),
    );
  }

  it("is a daily digest by default, and saved with a translated notice", async () => {
    const user = await createUser({ locale: "de" });
    const page = await answerOf<{ notificationMail: string }>(() =>
      accountLoader({
        request: new Request("http://localhost/de/account"),
        params: { lang: "de" },
        context: contextFor(user),
      }),
    );
    expect(page.body.notificationMail).toBe("daily");

    const saved = await postAccount(user, { intent: "notificationMail", notificationMail: "weekly" });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      ok: true,
      form: "notificationMail",
      notice: "notifications:preferences.saved",
    });
    expect(getFixedT("de", "auth")("notifications:preferences.saved")).toBe(
      "Ihre E-Mail-Wahl ist gespeichert.",
    );
    const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.notificationMail).toBe("weekly");
  });

  it("refuses a value that is none of the choices with a 400 on the field, and keeps the old one", async () => {
    const user = await createUser();
    const refused = await postAccount(user, { intent: "notificationMail", notificationMail: "hourly" });
    expect(refused.status).toBe(400);
    expect(formMessages(refused.body).fieldErrors.notificationMail).toBe("notifications:errors.choose");
    const row = await prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.notificationMail).toBe("daily");
  });
});
