// Partnership requests against real PostgreSQL: every permission, validation through the routes,
// the lifecycle, renewal mails with single-use links, and the scheduled expiry job.
import type { AppLoadContext } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import type { User } from "~/generated/prisma/client.ts";
import { resources } from "~/modules/i18n/resources.server.ts";
import type { Mail } from "~/modules/mail/templates.server.ts";
import {
  expireOverdueRequests,
  REQUEST_EXPIRY_CRON,
  REQUEST_EXPIRY_QUEUE,
  sendRenewalReminders,
  requestExpiryWorker,
} from "~/modules/requests/jobs.server.ts";
import { expiryFrom } from "~/modules/requests/lifecycle.ts";
import { signRenewalToken } from "~/modules/requests/renewal-token.server.ts";
import type { RequestInput } from "~/modules/requests/schemas.ts";
import {
  checkRenewalToken,
  checkRenewedToken,
  closeRequest,
  createRequest as createRequestAs,
  deleteDraft,
  getRequestForEdit,
  getRequestForViewer,
  markRequestMatched,
  publishRequest,
  renewRequest,
  renewWithToken,
  updateRequest,
} from "~/modules/requests/service.server.ts";
import { action as editAction } from "~/routes/$lang.requests.$slug.edit.tsx";
import { action as newAction } from "~/routes/$lang.requests.new.tsx";
import { prisma } from "~/utils/db.server.ts";
import { getBoss, startWorkers } from "~/utils/jobs.server.ts";
import { addMember, createOrganisation, createRequest, createUser } from "../factories/index.ts";
import { answerOf, formMessages } from "../support/answer.ts";
import { expectAppError } from "../support/app-error.ts";
import { mailsTo } from "../support/outbox.ts";
import { withOrgAccess, withRequestAccess } from "../support/access.ts";

/** The text a key names in one locale's own translations (no fallback), or the key when there is none. */
function lookup(translations: Record<string, unknown>, key: string): string {
  const [ns = "common", path = ""] = key.split(":");
  let node: unknown = translations[ns];
  for (const part of path.split(".")) node = (node as Record<string, unknown> | undefined)?.[part];
  return typeof node === "string" ? node : key;
}

const DAY = 24 * 60 * 60 * 1000;

const input: RequestInput = {
  titleNl: "Samen zingen over de grens",
  titleDe: null,
  titleEn: null,
  descriptionNl: "Ons jeugdkoor zoekt een Duits koor om samen een concert te geven.",
  descriptionDe: null,
  descriptionEn: null,
  activityTypes: ["event"],
  topics: ["music"],
  ageGroups: ["age_12_15"],
  partnerKinds: ["cultural"],
  workingLanguages: ["nl", "de"],
  groupSizeMin: 10,
  groupSizeMax: 30,
  startsOn: undefined,
  endsOn: undefined,
  flexible: true,
  radiusKm: 60,
  crossBorderOnly: true,
};

/** An organisation with an owner and an editor. */
async function organisationWithTeam(status: "pending" | "verified" = "verified") {
  const organisation = await createOrganisation({ status });
  const owner = await createUser({ locale: "nl" });
  const editor = await createUser({ locale: "de" });
  await addMember(organisation.id, owner.id, "owner");
  await addMember(organisation.id, editor.id, "editor");
  return { organisation, owner, editor };
}

function contextFor(user: User | null): AppLoadContext {
  return {
    cspNonce: "",
    clientIp: "203.0.113.9",
    isDevelopment: false,
    auth: user ? { sessionId: "test", expiresAt: new Date(Date.now() + DAY), user } : null,
  };
}

function post(path: string, entries: [string, string][]) {
  const body = new URLSearchParams(entries);
  return new Request(`http://localhost${path}`, { method: "POST", body });
}

function renewToken(mail: Mail | undefined): string {
  const token = mail?.text.match(/\/requests\/renew\?token=([0-9a-f-]{36}\.[A-Za-z0-9_-]{43})/)?.[1];
  if (!token) throw new Error(`no renewal link in mail: ${mail?.text}`);
  return token;
}

describe("who may write and publish requests", () => {
  it("lets an owner or editor of a pending organisation save drafts, but not publish them", async () => {
    const { organisation, owner, editor } = await organisationWithTeam("pending");
    const byOwner = await withOrgAccess(owner, organisation, (access) => createRequestAs(access, input));
    const byEditor = await withOrgAccess(editor, organisation, (access) => createRequestAs(access, input));
    expect(byOwner.status).toBe("draft");
    expect(byEditor.status).toBe("draft");
    expect(byOwner.slug).toMatch(/^samen-zingen-over-de-grens-[a-z2-9]{6}$/);

    await expectAppError(
      withRequestAccess(editor, byEditor.slug, (access) => publishRequest(access)),
      403,
      "requests:errors.notVerified",
    );
    await expectAppError(
      withOrgAccess(owner, organisation, (access) => createRequestAs(access, input, { publish: true })),
      403,
      "requests:errors.notVerified",
    );
    const stored = await prisma.partnershipRequest.findMany({ where: { organisationId: organisation.id } });
    expect(stored.map((request) => request.status)).toEqual(["draft", "draft"]);
  });

  it("publishes for a verified organisation, open for three months", async () => {
    const { organisation, editor } = await organisationWithTeam("verified");
    const before = Date.now();
    const created = await withOrgAccess(editor, organisation, (access) =>
      createRequestAs(access, input, { publish: true }),
    );
    expect(created.status).toBe("open");
    const stored = await prisma.partnershipRequest.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored.publishedAt!.getTime()).toBeGreaterThanOrEqual(before);
    const expected = new Date(stored.publishedAt!);
    expected.setUTCMonth(expected.getUTCMonth() + 3);
    expect(Math.abs(stored.expiresAt!.getTime() - expected.getTime())).toBeLessThan(3 * DAY);
    expect(stored.expiresAt!.getTime() - before).toBeGreaterThan(88 * DAY);
    expect(stored.createdById).toBe(editor.id);
  });

  it("refuses every action of a member of organisation A on the requests of B, whatever ids are sent", async () => {
    const teamA = await organisationWithTeam();
    const teamB = await organisationWithTeam();
    const draftB = await createRequest({ organisationId: teamB.organisation.id, status: "draft" });
    const openB = await createRequest({ organisationId: teamB.organisation.id, status: "open" });
    const memberA = teamA.owner;

    await expectAppError(
      withOrgAccess(memberA, teamB.organisation, (access) => createRequestAs(access, input)),
      404,
      "common:errors.notFoundText",
    );
    await expectAppError(
      withRequestAccess(memberA, draftB.slug, (access) => updateRequest(access, input)),
      404,
      "common:errors.notFoundText",
    );
    await expectAppError(
      withRequestAccess(memberA, openB.slug, (access) => updateRequest(access, input)),
      404,
      "common:errors.notFoundText",
    );
    await expectAppError(
      withRequestAccess(memberA, draftB.slug, (access) => publishRequest(access)),
      404,
      "common:errors.notFoundText",
    );
    await expectAppError(
      withRequestAccess(memberA, draftB.slug, (access) => deleteDraft(access)),
      404,
      "common:errors.notFoundText",
    );
    await expectAppError(
      withRequestAccess(memberA, openB.slug, (access) => closeRequest(access)),
      404,
      "common:errors.notFoundText",
    );
    await expectAppError(
      withRequestAccess(memberA, openB.slug, (access) => markRequestMatched(access)),
      404,
      "common:errors.notFoundText",
    );
    await expectAppError(
      withRequestAccess(memberA, openB.slug, (access) => renewRequest(access)),
      404,
      "common:errors.notFoundText",
    );
    await expectAppError(
      withRequestAccess(memberA, draftB.slug, (access) => getRequestForEdit(access)),
      404,
      "common:errors.notFoundText",
    );
    await expectAppError(getRequestForViewer(draftB.slug, memberA), 404, "common:errors.notFoundText");

    // Through the routes: B's organisation slug in the query, B's ids in the form.
    const viaNew = await answerOf(
      newAction({
        request: post(`/en/requests/new?org=${teamB.organisation.slug}`, [
          ["titleNl", "Overgenomen"],
          ["descriptionNl", "Niet van ons"],
          ["activityTypes", "event"],
          ["topics", "music"],
          ["flexible", "on"],
        ]),
        context: contextFor(memberA),
        params: { lang: "en" },
      }),
    );
    expect(viaNew.status).toBe(404);
    const viaEdit = await answerOf(
      editAction({
        request: post(`/en/requests/${draftB.slug}/edit`, [
          ["organisationId", teamA.organisation.id],
          ["titleNl", "Overgenomen"],
          ["descriptionNl", "Niet van ons"],
          ["activityTypes", "event"],
          ["topics", "music"],
          ["flexible", "on"],
        ]),
        context: contextFor(memberA),
        params: { lang: "en", slug: draftB.slug },
      }),
    );
    expect(viaEdit.status).toBe(404);
    // A's own form with B's organisation id posted by hand still writes for A.
    const viaOwnForm = await answerOf(
      newAction({
        request: post(`/en/requests/new?org=${teamA.organisation.slug}`, [
          ["organisationId", teamB.organisation.id],
          ["titleNl", "Van A"],
          ["descriptionNl", "Echt van A"],
          ["activityTypes", "event"],
          ["topics", "music"],
          ["flexible", "on"],
          ["intent", "draft"],
        ]),
        context: contextFor(memberA),
        params: { lang: "en" },
      }),
    );
    expect(viaOwnForm.status).toBe(302);
    const mine = await prisma.partnershipRequest.findFirstOrThrow({ where: { titleNl: "Van A" } });
    expect(mine.organisationId).toBe(teamA.organisation.id);

    const unchanged = await prisma.partnershipRequest.findMany({
      where: { organisationId: teamB.organisation.id },
      orderBy: { createdAt: "asc" },
    });
    expect(unchanged.map((request) => [request.status, request.titleNl])).toEqual([
      ["draft", draftB.titleNl],
      ["open", openB.titleNl],
    ]);
  });

  it("sends a signed-out visitor to sign in before any write", async () => {
    const { organisation } = await organisationWithTeam();
    const response = await answerOf(
      newAction({
        request: post(`/de/requests/new?org=${organisation.slug}`, [["titleNl", "x"]]),
        context: contextFor(null),
        params: { lang: "de" },
      }),
    );
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toMatch(/^\/de\/signin\?redirectTo=/);
  });
});

describe("who may read requests", () => {
  it("shows a signed-out visitor only open and matched requests of verified, active organisations", async () => {
    const verified = await createOrganisation({ status: "verified" });
    const pending = await createOrganisation({ status: "pending" });
    const archived = await createOrganisation({ status: "verified", archived: true });
    const visible = await Promise.all(
      (["open", "matched"] as const).map((status) => createRequest({ organisationId: verified.id, status })),
    );
    const hidden = [
      ...(await Promise.all(
        (["draft", "closed", "expired"] as const).map((status) =>
          createRequest({ organisationId: verified.id, status }),
        ),
      )),
      await createRequest({ organisationId: pending.id, status: "open" }),
      await createRequest({ organisationId: archived.id, status: "open" }),
    ];
    for (const request of visible) {
      const view = await getRequestForViewer(request.slug, null);
      expect(view.request.slug).toBe(request.slug);
      expect(view.actions).toEqual([]);
      expect(view.isPublic).toBe(true);
    }
    for (const request of hidden) {
      await expectAppError(getRequestForViewer(request.slug, null), 404, "common:errors.notFoundText");
    }
  });

  it("hands pages an explicit view of a request, never its internal columns", async () => {
    const organisation = await createOrganisation({ status: "verified" });
    const request = await createRequest({ organisationId: organisation.id, status: "open" });
    const owner = await createUser();
    await addMember(organisation.id, owner.id, "owner");
    const views = [
      (await getRequestForViewer(request.slug, null)).request,
      (await withRequestAccess(owner, request.slug, (access) => getRequestForEdit(access))).request,
    ];
    for (const view of views) {
      const keys = Object.keys(view);
      expect(keys).not.toContain("createdById");
      expect(keys).not.toContain("renewalNotifiedAt");
      expect(keys).not.toContain("organisationId");
      expect(keys.filter((key) => key.startsWith("search"))).toEqual([]);
      expect(view.slug).toBe(request.slug);
    }
  });

  it("shows drafts, closed and expired requests to the organisation's members and to staff only", async () => {
    const { organisation, editor } = await organisationWithTeam("pending");
    const outsider = await createUser();
    const staff = await createUser({ role: "staff" });
    for (const status of ["draft", "closed", "expired"] as const) {
      const request = await createRequest({ organisationId: organisation.id, status });
      const forMember = await getRequestForViewer(request.slug, editor);
      expect(forMember.request.status).toBe(status);
      expect(forMember.isPublic).toBe(false);
      const forStaff = await getRequestForViewer(request.slug, staff);
      expect(forStaff.actions).toEqual([]);
      await expectAppError(getRequestForViewer(request.slug, outsider), 404, "common:errors.notFoundText");
    }
    const draft = await createRequest({ organisationId: organisation.id, status: "draft" });
    expect((await getRequestForViewer(draft.slug, editor)).actions).toEqual(["edit", "publish", "delete"]);
  });
});

describe("validation through the form routes", () => {
  it("answers bad input with 400 and translated keys, and saves nothing", async () => {
    const { organisation, editor } = await organisationWithTeam();
    const response = await answerOf(
      newAction({
        request: post(`/nl/requests/new?org=${organisation.slug}`, [
          ["topics", "astrology"],
          ["startsOn", "2027-06-30"],
          ["endsOn", "2027-03-01"],
          ["radiusKm", "2"],
          ["intent", "publish"],
        ]),
        context: contextFor(editor),
        params: { lang: "nl" },
      }),
    );
    expect(response.status).toBe(400);
    const body = formMessages(response.body);
    expect(body.fieldErrors).toEqual({
      texts: "requests:validation.oneLanguage",
      activityTypes: "requests:validation.activityRequired",
      topics: "common:validation.invalidChoice",
      endsOn: "requests:validation.endBeforeStart",
      radiusKm: "requests:validation.radius",
    });
    for (const key of [body.formError!, ...Object.values(body.fieldErrors)]) {
      for (const locale of ["nl", "de", "en"] as const) {
        expect(lookup(resources[locale], key), `${locale} ${key}`).not.toBe(key);
      }
    }
    expect(await prisma.partnershipRequest.count({ where: { organisationId: organisation.id } })).toBe(0);
  });

  it("keeps the saved request when an edit is refused", async () => {
    const { organisation, editor } = await organisationWithTeam();
    const request = await createRequest({ organisationId: organisation.id, status: "open" });
    const response = await answerOf(
      editAction({
        request: post(`/de/requests/${request.slug}/edit`, [
          ["titleNl", ""],
          ["descriptionNl", ""],
        ]),
        context: contextFor(editor),
        params: { lang: "de", slug: request.slug },
      }),
    );
    expect(response.status).toBe(400);
    const stored = await prisma.partnershipRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(stored.titleNl).toBe(request.titleNl);
    expect(stored.status).toBe("open");
  });

  it("answers the date 0000-01-01 (no date PostgreSQL stores) with a translated 400 on new and edit, not a 500", async () => {
    const { organisation, editor } = await organisationWithTeam();
    const draft = await createRequest({ organisationId: organisation.id });
    const fields: [string, string][] = [
      ["titleNl", "Samen zingen"],
      ["descriptionNl", "Ons koor zoekt een Duits koor."],
      ["activityTypes", "event"],
      ["topics", "music"],
      ["startsOn", "0000-01-01"],
      ["endsOn", "0000-01-01"],
      ["intent", "draft"],
    ];
    const responses = [
      await answerOf(
        newAction({
          request: post(`/de/requests/new?org=${organisation.slug}`, fields),
          context: contextFor(editor),
          params: { lang: "de" },
        }),
      ),
      await answerOf(
        editAction({
          request: post(`/de/requests/${draft.slug}/edit`, fields),
          context: contextFor(editor),
          params: { lang: "de", slug: draft.slug },
        }),
      ),
    ];
    for (const response of responses) {
      expect(response.status).toBe(400);
      expect(formMessages(response.body).fieldErrors).toEqual({
        startsOn: "requests:validation.dateRange",
        endsOn: "requests:validation.dateRange",
      });
      for (const locale of ["nl", "de", "en"] as const) {
        expect(lookup(resources[locale], "requests:validation.dateRange"), locale).toMatch(/2000.*2100/);
      }
    }
    expect(await prisma.partnershipRequest.count({ where: { organisationId: organisation.id } })).toBe(1);
  });
});

describe("request lifecycle", () => {
  it("moves draft → open → matched, and matched is final", async () => {
    const { organisation, editor } = await organisationWithTeam();
    const { slug } = await withOrgAccess(editor, organisation, (access) => createRequestAs(access, input));
    await withRequestAccess(editor, slug, (access) =>
      updateRequest(access, {
        ...input,
        titleDe: "Gemeinsam singen",
        descriptionDe: "Unser Chor",
      }),
    );
    await withRequestAccess(editor, slug, (access) => publishRequest(access));
    await expectAppError(
      withRequestAccess(editor, slug, (access) => publishRequest(access)),
      409,
      "requests:errors.wrongStatus",
    );
    await withRequestAccess(editor, slug, (access) => updateRequest(access, { ...input, radiusKm: 80 }));
    await withRequestAccess(editor, slug, (access) => markRequestMatched(access));
    const matched = await prisma.partnershipRequest.findUniqueOrThrow({ where: { slug } });
    expect(matched.status).toBe("matched");
    expect(matched.radiusKm).toBe(80);
    expect(matched.closedAt).not.toBeNull();
    await expectAppError(
      withRequestAccess(editor, slug, (access) => updateRequest(access, input)),
      409,
      "requests:errors.wrongStatus",
    );
    await expectAppError(
      withRequestAccess(editor, slug, (access) => closeRequest(access)),
      409,
      "requests:errors.wrongStatus",
    );
    await expectAppError(
      withRequestAccess(editor, slug, (access) => renewRequest(access)),
      409,
      "requests:errors.wrongStatus",
    );
  });

  it("closes open requests, deletes only drafts, and never reopens closed or expired ones", async () => {
    const { organisation, owner } = await organisationWithTeam();
    const open = await createRequest({ organisationId: organisation.id, status: "open" });
    await expectAppError(
      withRequestAccess(owner, open.slug, (access) => deleteDraft(access)),
      409,
      "requests:errors.wrongStatus",
    );
    await withRequestAccess(owner, open.slug, (access) => closeRequest(access));
    expect((await prisma.partnershipRequest.findUniqueOrThrow({ where: { id: open.id } })).status).toBe(
      "closed",
    );
    await expectAppError(
      withRequestAccess(owner, open.slug, (access) => publishRequest(access)),
      409,
      "requests:errors.wrongStatus",
    );

    const expired = await createRequest({ organisationId: organisation.id, status: "expired" });
    await expectAppError(
      withRequestAccess(owner, expired.slug, (access) => renewRequest(access)),
      409,
      "requests:errors.wrongStatus",
    );
    await expectAppError(
      withRequestAccess(owner, expired.slug, (access) => publishRequest(access)),
      409,
      "requests:errors.wrongStatus",
    );

    const draft = await createRequest({ organisationId: organisation.id, status: "draft" });
    expect(await withRequestAccess(owner, draft.slug, (access) => deleteDraft(access))).toEqual({
      organisationSlug: organisation.slug,
    });
    expect(await prisma.partnershipRequest.findUnique({ where: { id: draft.id } })).toBeNull();
  });

  it("renews an open request for three months from today and asks again before the next expiry", async () => {
    const { organisation, editor } = await organisationWithTeam();
    const request = await createRequest({
      organisationId: organisation.id,
      status: "open",
      expiresAt: new Date(Date.now() + 3 * DAY),
      renewalNotifiedAt: new Date(),
    });
    const { expiresAt } = await withRequestAccess(editor, request.slug, (access) => renewRequest(access));
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(88 * DAY);
    const stored = await prisma.partnershipRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(stored.expiresAt).toEqual(expiresAt);
    expect(stored.renewalNotifiedAt).toBeNull();
  });
});

describe("renewal from the request page", () => {
  it("is neither offered nor accepted for a request published just now", async () => {
    const { organisation, editor } = await organisationWithTeam();
    const fresh = await createRequest({
      organisationId: organisation.id,
      status: "open",
      publishedAt: new Date(),
      expiresAt: expiryFrom(new Date()),
    });
    const view = await getRequestForViewer(fresh.slug, editor);
    expect(view.actions).toEqual(["edit", "match", "close"]);
    await expectAppError(
      withRequestAccess(editor, fresh.slug, (access) => renewRequest(access)),
      409,
      "requests:errors.notRenewableYet",
    );
    const stored = await prisma.partnershipRequest.findUniqueOrThrow({ where: { id: fresh.id } });
    expect(stored.expiresAt).toEqual(fresh.expiresAt);

    const closing = await createRequest({
      organisationId: organisation.id,
      status: "open",
      expiresAt: new Date(Date.now() + 20 * DAY),
    });
    expect((await getRequestForViewer(closing.slug, editor)).actions).toContain("renew");
  });
});

describe("expiry and renewal by e-mail", () => {
  it("mails each owner once, in their own language, with a link that renews once", async () => {
    const organisation = await createOrganisation();
    const dutchOwner = await createUser({ locale: "nl", name: "Sanne de Vries" });
    const germanOwner = await createUser({ locale: "de", name: "Jonas Becker" });
    const editor = await createUser({ locale: "en" });
    await addMember(organisation.id, dutchOwner.id, "owner");
    await addMember(organisation.id, germanOwner.id, "owner");
    await addMember(organisation.id, editor.id, "editor");
    const expiresAt = new Date(Date.now() + 5 * DAY);
    const request = await createRequest({
      organisationId: organisation.id,
      status: "open",
      titleNl: "Voetbaltoernooi in Kleef",
      titleDe: "Fußballturnier in Kleve",
      descriptionDe: "Wir suchen Gastmannschaften.",
      expiresAt,
    });
    const later = await createRequest({
      organisationId: organisation.id,
      status: "open",
      expiresAt: new Date(Date.now() + 20 * DAY),
    });

    await sendRenewalReminders();
    await sendRenewalReminders();

    const [dutch, ...moreDutch] = await mailsTo(dutchOwner.email);
    const [german, ...moreGerman] = await mailsTo(germanOwner.email);
    expect(moreDutch).toEqual([]);
    expect(moreGerman).toEqual([]);
    expect(await mailsTo(editor.email)).toEqual([]);
    expect(dutch?.subject).toBe('Uw partnerschapsverzoek "Voetbaltoernooi in Kleef" verloopt over een week');
    expect(german?.subject).toContain("Fußballturnier in Kleve");
    expect(dutch?.text).toContain("Beste Sanne de Vries,");
    expect(german?.text).toContain("Hallo Jonas Becker,");
    expect(dutch?.text).toMatch(/http:\/\/localhost:3000\/nl\/requests\/renew\?token=/);
    expect(german?.text).toMatch(/http:\/\/localhost:3000\/de\/requests\/renew\?token=/);
    const dateNl = new Intl.DateTimeFormat("nl-NL", {
      dateStyle: "long",
      timeZone: "Europe/Amsterdam",
    }).format(expiresAt);
    expect(dutch?.text).toContain(dateNl);

    const stored = await prisma.partnershipRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(stored.renewalNotifiedAt).not.toBeNull();
    expect(
      (await prisma.partnershipRequest.findUniqueOrThrow({ where: { id: later.id } })).renewalNotifiedAt,
    ).toBeNull();

    const token = renewToken(dutch);
    expect(renewToken(german)).toBe(token);
    expect((await checkRenewalToken(token)).slug).toBe(request.slug);
    const renewed = await renewWithToken(token);
    expect(renewed.expiresAt.getTime() - Date.now()).toBeGreaterThan(88 * DAY);
    const afterRenewal = await prisma.partnershipRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(afterRenewal.expiresAt).toEqual(renewed.expiresAt);
    expect(afterRenewal.renewalNotifiedAt).toBeNull();

    await expectAppError(renewWithToken(token), 400, "requests:renew.invalidLink");
    await expectAppError(checkRenewalToken(token), 400, "requests:renew.invalidLink");

    // The answer's token shows the renewed request, and cannot renew it or stand for a mailed link.
    expect(await checkRenewedToken(renewed.renewedToken)).toEqual({
      slug: request.slug,
      titles: { nl: request.titleNl, de: request.titleDe, en: request.titleEn },
      expiresAt: renewed.expiresAt,
    });
    await expectAppError(renewWithToken(renewed.renewedToken), 400, "requests:renew.invalidLink");
    await expectAppError(checkRenewedToken(token), 400, "requests:renew.invalidLink");
  });

  it("refuses forged renewal links", async () => {
    const organisation = await createOrganisation();
    const request = await createRequest({ organisationId: organisation.id, status: "open" });
    const forgedSecret = signRenewalToken("x".repeat(32), request.id, request.expiresAt!);
    for (const token of [forgedSecret, "forged", `${request.id}.${"A".repeat(43)}`, ""]) {
      await expectAppError(renewWithToken(token), 400, "requests:renew.invalidLink");
    }
    const closed = await createRequest({ organisationId: organisation.id, status: "closed" });
    const forClosed = signRenewalToken(process.env.SESSION_SECRET!, closed.id, closed.expiresAt!);
    await expectAppError(renewWithToken(forClosed), 400, "requests:renew.invalidLink");
    const stored = await prisma.partnershipRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(stored.expiresAt).toEqual(request.expiresAt);
  });

  it("expires open requests past their expiry and leaves the rest alone", async () => {
    const organisation = await createOrganisation();
    const overdue = await createRequest({
      organisationId: organisation.id,
      status: "open",
      expiresAt: new Date(Date.now() - 60_000),
    });
    const current = await createRequest({ organisationId: organisation.id, status: "open" });
    const matched = await createRequest({
      organisationId: organisation.id,
      status: "matched",
      expiresAt: new Date(Date.now() - DAY),
    });
    expect(await expireOverdueRequests()).toBeGreaterThanOrEqual(1);
    const statuses = await prisma.partnershipRequest.findMany({
      where: { id: { in: [overdue.id, current.id, matched.id] } },
      select: { id: true, status: true },
    });
    expect(Object.fromEntries(statuses.map((row) => [row.id, row.status]))).toEqual({
      [overdue.id]: "expired",
      [current.id]: "open",
      [matched.id]: "matched",
    });
    await expectAppError(getRequestForViewer(overdue.slug, null), 404, "common:errors.notFoundText");
  });

  it("runs hourly on pg-boss, and a queued run expires overdue requests", async () => {
    await startWorkers([requestExpiryWorker]);
    const boss = await getBoss();
    const schedules = await boss.getSchedules();
    expect(schedules.find((schedule) => schedule.name === REQUEST_EXPIRY_QUEUE)?.cron).toBe(
      REQUEST_EXPIRY_CRON,
    );

    const organisation = await createOrganisation();
    const overdue = await createRequest({
      organisationId: organisation.id,
      status: "open",
      expiresAt: new Date(Date.now() - 60_000),
    });
    await boss.send(REQUEST_EXPIRY_QUEUE, {});
    await expect
      .poll(
        async () => (await prisma.partnershipRequest.findUniqueOrThrow({ where: { id: overdue.id } })).status,
        { timeout: 20_000, interval: 250 },
      )
      .toBe("expired");
  });
});
