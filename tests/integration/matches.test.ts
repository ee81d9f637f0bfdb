// The double opt-in on real PostgreSQL: interest, connection, decline, the later stages, staff
// promotion, and every rule whatever ids a form sends — through the routes' loaders and actions.
import { beforeAll, describe, expect, it } from "vitest";
import { getFixedT } from "~/modules/i18n/instances.server.ts";
import {
  answerInterest,
  changeStage,
  expressInterest,
  matchForViewer,
} from "~/modules/matching/matches.server.ts";
import { promoteMatch, promoteSuggestion } from "~/modules/matching/promotion.server.ts";
import { suggestionsForMember } from "~/modules/matching/suggestions.server.ts";
import { action as matchAction, loader as matchLoader } from "~/routes/$lang.matches_.$id.tsx";
import { action as matchesAction, loader as matchesLoader } from "~/routes/$lang.matches.tsx";
import { action as staffAction, loader as staffLoader } from "~/routes/$lang.staff.matches.tsx";
import { prisma } from "~/utils/db.server.ts";
import { createOpenRequest, createOrganisation, createUser } from "../factories/index.ts";
import { answerOf } from "../support/answer.ts";
import { expectAppError } from "../support/app-error.ts";
import { contextFor } from "../support/context.ts";

const WIJCHEN = "GM0296";
const KLEVE = "05154036";
const EMMERICH = "05154016";

type User = Awaited<ReturnType<typeof createUser>>;
type Org = Awaited<ReturnType<typeof createOrganisation>>;

const native = (language: string) => ({ language, level: "native" });
const learns = (language: string) => ({ language, level: "A2" });

/** A Dutch school and a German school that fit, each with two members, and a stranger's club. */
async function pair() {
  const [teacher, colleague, lehrerin, kollege, stranger] = await Promise.all([
    createUser({ locale: "nl" }),
    createUser({ locale: "nl" }),
    createUser({ locale: "de" }),
    createUser({ locale: "de" }),
    createUser(),
  ]);
  const dutch = await createOrganisation({
    municipalityCode: WIJCHEN,
    kind: "school",
    schoolLevel: "secondary",
    address: "Schoolstraat 1, Wijchen",
    languages: [native("nl"), learns("de")],
    ownerId: teacher.id,
    members: [{ userId: colleague.id, role: "editor" }],
  });
  const german = await createOrganisation({
    municipalityCode: KLEVE,
    kind: "school",
    schoolLevel: "secondary",
    address: "Schulweg 2, Kleve",
    languages: [native("de"), learns("nl")],
    ownerId: lehrerin.id,
    members: [{ userId: kollege.id, role: "editor" }],
  });
  const germanRequest = await createOpenRequest(german.id, {
    topics: ["neighbour_language"],
    activityTypes: ["exchange_visit"],
    ageGroups: ["age_12_15"],
  });
  const third = await createOrganisation({
    municipalityCode: EMMERICH,
    kind: "sports_club",
    ownerId: stranger.id,
  });
  return { teacher, colleague, lehrerin, kollege, stranger, dutch, german, germanRequest, third };
}

const interest = (user: User, own: Org, partner: Org, extra: { message?: string; request?: string } = {}) =>
  expressInterest(user.id, { organisation: own.slug, partner: partner.slug, ...extra });

type Run = (args: Parameters<typeof matchesAction>[0]) => Promise<unknown>;

const post = (
  user: User | null,
  path: string,
  form: Record<string, string>,
  run: Run = matchesAction,
  params = {},
) =>
  answerOf<{ error?: string }>(
    run({
      request: new Request(`http://localhost/de${path}`, { method: "POST", body: new URLSearchParams(form) }),
      params: { lang: "de", ...params },
      context: contextFor(user),
    }),
  );

const postMatch = (user: User | null, matchId: string, form: Record<string, string>) =>
  post(user, `/matches/${matchId}`, form, matchAction, { id: matchId });

const view = (user: User | null, matchId: string) =>
  answerOf<{ match: Awaited<ReturnType<typeof matchForViewer>> }>(
    matchLoader({
      request: new Request(`http://localhost/de/matches/${matchId}`),
      params: { lang: "de", id: matchId },
      context: contextFor(user),
    }),
  );

const notificationsOf = (userId: string) =>
  prisma.notification.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });

let world: Awaited<ReturnType<typeof pair>>;
beforeAll(async () => {
  world = await pair();
});

describe("the double opt-in", () => {
  it("connects the pair when both sides are interested, and tells the other side each time", async () => {
    const { teacher, colleague, lehrerin, kollege, dutch, german, germanRequest } = await pair();
    const first = await interest(teacher, dutch, german, {
      message: "Wij zoeken een partnerschool voor een uitwisseling in het voorjaar.",
      request: germanRequest.slug,
    });
    expect(first.status).toBe("interested");
    const match = await prisma.match.findUniqueOrThrow({ where: { id: first.matchId } });
    expect(match).toMatchObject({
      fromOrganisationId: dutch.id,
      toOrganisationId: german.id,
      toRequestId: germanRequest.id,
      fromContactId: teacher.id,
    });
    expect(match.score).toBeGreaterThan(40);
    expect((match.reasons as { key: string }[]).map((reason) => reason.key)).toContain(
      "matching:reasons.tandem",
    );
    // The German school's two members are told; the teacher who acted and her colleague are not.
    for (const user of [lehrerin, kollege]) {
      expect((await notificationsOf(user.id)).map((row) => row.type)).toEqual(["interest_received"]);
    }
    expect(await notificationsOf(teacher.id)).toEqual([]);
    expect(await notificationsOf(colleague.id)).toEqual([]);

    const answer = await answerInterest(lehrerin.id, first.matchId, "accept");
    expect(answer).toBe("connected");
    for (const user of [teacher, colleague]) {
      expect((await notificationsOf(user.id)).map((row) => row.type)).toEqual(["match_connected"]);
    }
    expect((await notificationsOf(lehrerin.id)).map((row) => row.type)).toEqual(["interest_received"]);
    const seen = await matchForViewer({ id: colleague.id, staff: false }, first.matchId);
    expect(seen.status).toBe("connected");
    expect(seen.to.contact).toEqual({ name: lehrerin.name, email: lehrerin.email });
    expect(seen.to.address).toBe("Schulweg 2, Kleve");
    expect(seen.from.contact).toEqual({ name: teacher.name, email: teacher.email });
    expect(seen.history.map((event) => [event.type, event.by])).toEqual([
      ["interested", teacher.name],
      ["connected", lehrerin.name],
    ]);
  });

  it("connects too when the second side says 'we are interested' from a profile instead of answering", async () => {
    const { teacher, lehrerin, dutch, german } = await pair();
    const first = await interest(teacher, dutch, german);
    const second = await interest(lehrerin, german, dutch);
    expect(second).toEqual({ matchId: first.matchId, status: "connected" });
    expect(await prisma.match.count({ where: { fromOrganisationId: { in: [dutch.id, german.id] } } })).toBe(
      1,
    );
  });

  it("hides contact details and addresses until both are interested", async () => {
    const { teacher, lehrerin, dutch, german } = await pair();
    const { matchId } = await interest(teacher, dutch, german);
    for (const user of [teacher, lehrerin]) {
      const seen = await matchForViewer({ id: user.id, staff: false }, matchId);
      expect([seen.from.contact, seen.to.contact, seen.from.address, seen.to.address]).toEqual([
        null,
        null,
        null,
        null,
      ]);
    }
  });

  it("creates one match from 20 concurrent clicks of one side, and one from both sides at once", async () => {
    const { teacher, dutch, german } = await pair();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, () => interest(teacher, dutch, german)),
    );
    const fulfilled = results.filter((result) => result.status === "fulfilled");
    expect(fulfilled).toHaveLength(1);
    for (const result of results) {
      if (result.status === "rejected")
        expect(result.reason).toMatchObject({ status: 409, messageKey: "matching:errors.alreadyInterested" });
    }
    expect(
      await prisma.match.count({
        where: { OR: [{ fromOrganisationId: dutch.id }, { toOrganisationId: dutch.id }] },
      }),
    ).toBe(1);

    const other = await pair();
    const both = await Promise.all([
      interest(other.teacher, other.dutch, other.german),
      interest(other.lehrerin, other.german, other.dutch),
    ]);
    expect(new Set(both.map((result) => result.matchId)).size).toBe(1);
    expect(both.map((result) => result.status).sort()).toEqual(["connected", "interested"]);
    const rows = await prisma.match.findMany({
      where: { OR: [{ fromOrganisationId: other.dutch.id }, { toOrganisationId: other.dutch.id }] },
    });
    expect(rows.map((row) => row.status)).toEqual(["connected"]);
  });

  it("refuses a second interest while one is open, with a translated message", async () => {
    const { teacher, colleague, dutch, german } = await pair();
    await interest(teacher, dutch, german);
    const again = await post(colleague, "/matches", {
      intent: "interest",
      organisation: dutch.slug,
      partner: german.slug,
      message: "Noch einmal",
    });
    expect(again.status).toBe(409);
    expect(again.body.error).toBe("matching:errors.alreadyInterested");
    // What was typed comes back, so nothing is lost.
    expect(again.body).toMatchObject({ retry: { message: "Noch einmal", partnerName: german.name } });
    expect(getFixedT("de", "matching")("errors.alreadyInterested")).toMatch(/schon Interesse/);
  });

  it("a decline is final for that side: never suggested again to either, and no new interest from the declined side", async () => {
    const { teacher, lehrerin, dutch, german } = await pair();
    const { matchId } = await interest(teacher, dutch, german);
    expect(await answerInterest(lehrerin.id, matchId, "decline")).toBe("declined");
    expect((await notificationsOf(teacher.id)).map((row) => row.type)).toEqual(["match_declined"]);
    await expectAppError(interest(teacher, dutch, german), 409, "matching:errors.declinedBefore");
    for (const user of [teacher, lehrerin]) {
      const { groups } = await suggestionsForMember(user.id, "de");
      const partners = groups.flatMap((group) =>
        group.suggestions.map((suggestion) => suggestion.organisation.slug),
      );
      expect(partners).not.toContain(user === teacher ? german.slug : dutch.slug);
    }
    // The side that said no may change its mind.
    expect((await interest(lehrerin, german, dutch)).status).toBe("interested");
  });

  it("moves a connected match to an active project, then completed, and records who did each", async () => {
    const { teacher, lehrerin, kollege, dutch, german } = await pair();
    const { matchId } = await interest(teacher, dutch, german);
    await expectAppError(
      changeStage(teacher.id, matchId, "active_project"),
      409,
      "matching:errors.stageNotAllowed",
    );
    await answerInterest(lehrerin.id, matchId, "accept");
    await changeStage(teacher.id, matchId, "active_project");
    await expectAppError(
      changeStage(kollege.id, matchId, "active_project"),
      409,
      "matching:errors.stageNotAllowed",
    );
    await changeStage(kollege.id, matchId, "completed");
    const seen = await matchForViewer({ id: teacher.id, staff: false }, matchId);
    expect(seen.status).toBe("completed");
    expect(seen.actions).toEqual([]);
    expect(seen.history.map((event) => [event.type, event.organisation])).toEqual([
      ["interested", dutch.name],
      ["connected", german.name],
      ["active_project", dutch.name],
      ["completed", german.name],
    ]);
    const stages = (await notificationsOf(lehrerin.id)).filter((row) => row.type === "match_stage");
    expect(stages.map((row) => (row.params as { stage: string }).stage)).toEqual(["active_project"]);
  });

  it("changes a stage once for two clicks at once", async () => {
    const { teacher, colleague, lehrerin, dutch, german } = await pair();
    const { matchId } = await interest(teacher, dutch, german);
    await answerInterest(lehrerin.id, matchId, "accept");
    const results = await Promise.allSettled([
      changeStage(teacher.id, matchId, "active_project"),
      changeStage(colleague.id, matchId, "active_project"),
    ]);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    expect(await prisma.matchEvent.count({ where: { matchId, type: "active_project" } })).toBe(1);
  });
});

describe("who may do what", () => {
  it("a member of a third organisation cannot see, answer, move, promote or read the contact details of a match", async () => {
    const { teacher, lehrerin, stranger, dutch, german, third } = await pair();
    const { matchId } = await interest(teacher, dutch, german);
    const seen = await view(stranger, matchId);
    expect(seen.status).toBe(404);
    expect(JSON.stringify(seen.body)).not.toContain(lehrerin.email);
    for (const intent of [
      "accept",
      "decline",
      "active_project",
      "completed",
      "ended",
      "promote",
      "unpromote",
    ]) {
      const answer = await postMatch(stranger, matchId, { intent, noteNl: "Mooi", noteDe: "Schön" });
      expect([403, 404]).toContain(answer.status);
      expect(answer.body.error).toMatch(/^matching:errors\.(unknownMatch|staffOnly)$/);
    }
    // Acting for an organisation one is not a member of, whatever slugs are sent.
    const forged = await post(stranger, "/matches", {
      intent: "interest",
      organisation: dutch.slug,
      partner: german.slug,
    });
    expect(forged.status).toBe(403);
    expect(forged.body.error).toBe("matching:errors.notMemberToAct");
    expect((await prisma.match.findUniqueOrThrow({ where: { id: matchId } })).status).toBe("interested");
    // Their own club's interest is theirs to express.
    expect((await interest(stranger, third, german)).status).toBe("interested");
  });

  it("only the answering side answers; the asking side cannot accept its own interest", async () => {
    const { teacher, colleague, dutch, german } = await pair();
    const { matchId } = await interest(teacher, dutch, german);
    const answer = await postMatch(colleague, matchId, { intent: "accept" });
    expect(answer.status).toBe(409);
    expect(answer.body.error).toBe("matching:errors.stageNotAllowed");
  });

  it("sends signed-out visitors to sign in", async () => {
    const seen = await view(null, "00000000-0000-4000-8000-000000000000");
    expect(seen.status).toBe(302);
    expect(seen.headers.get("Location")).toMatch(/\/de\/signin\?redirectTo=/);
    const posted = await post(null, "/matches", { intent: "interest", organisation: "a", partner: "b" });
    expect(posted.status).toBe(302);
  });

  it("a pending organisation cannot express interest", async () => {
    const member = await createUser();
    const pending = await createOrganisation({
      municipalityCode: WIJCHEN,
      status: "pending",
      ownerId: member.id,
    });
    const answer = await post(member, "/matches", {
      intent: "interest",
      organisation: pending.slug,
      partner: world.german.slug,
    });
    expect(answer.status).toBe(403);
    expect(answer.body.error).toBe("matching:errors.pendingCannotAct");
    expect(await prisma.match.count({ where: { fromOrganisationId: pending.id } })).toBe(0);
  });

  it("answers bad input with a translated 4xx: unknown match, forged organisation, a stage not allowed, an over-long message", async () => {
    const { teacher, lehrerin, dutch, german } = await pair();
    for (const id of ["00000000-0000-4000-8000-000000000000", "not-a-uuid", "' OR 1=1 --"]) {
      expect((await view(teacher, id)).status).toBe(404);
      const answer = await postMatch(teacher, id, { intent: "ended" });
      expect(answer.status).toBe(404);
      expect(answer.body.error).toBe("matching:errors.unknownMatch");
    }
    const unknownPartner = await post(teacher, "/matches", {
      intent: "interest",
      organisation: dutch.slug,
      partner: "no-such-org",
    });
    expect(unknownPartner.status).toBe(404);
    const itself = await post(teacher, "/matches", {
      intent: "interest",
      organisation: dutch.slug,
      partner: dutch.slug,
    });
    expect(itself.status).toBe(400);
    const unknownRequest = await post(teacher, "/matches", {
      intent: "interest",
      organisation: dutch.slug,
      partner: german.slug,
      request: "no-such-request",
    });
    expect(unknownRequest.status).toBe(404);
    expect(unknownRequest.body.error).toBe("matching:errors.unknownRequest");
    const long = await post(teacher, "/matches", {
      intent: "interest",
      organisation: dutch.slug,
      partner: german.slug,
      message: "x".repeat(1001),
    });
    expect(long.status).toBe(400);
    expect(long.body.error).toBe("matching:errors.messageTooLong");
    expect((long.body as { retry: { message: string } }).retry.message).toHaveLength(1001);
    const { matchId } = await interest(teacher, dutch, german, { message: "x".repeat(1000) });
    const unknownIntent = await postMatch(lehrerin, matchId, { intent: "delete" });
    expect(unknownIntent.status).toBe(400);
    const notAForm = await answerOf<{ error?: string }>(
      matchAction({
        request: new Request(`http://localhost/de/matches/${matchId}`, {
          method: "POST",
          body: "{}",
          headers: { "Content-Type": "application/json" },
        }),
        params: { lang: "de", id: matchId },
        context: contextFor(lehrerin),
      }),
    );
    expect(notAForm.status).toBe(400);
    await changeStage(teacher.id, matchId, "ended");
    const late = await postMatch(lehrerin, matchId, { intent: "accept" });
    expect(late.status).toBe(409);
    expect(late.body.error).toBe("matching:errors.stageNotAllowed");
    expect(getFixedT("nl", "matching")("errors.stageNotAllowed")).toMatch(/fase/);
  });
});

describe("recommended by the Euregio", () => {
  it("staff promote a suggested pair: both see it first, are notified, and it is audited; interest turns it into a match", async () => {
    const { teacher, lehrerin, dutch, german } = await pair();
    const staff = await createUser({ role: "staff" });
    const matchId = await promoteSuggestion(staff, {
      organisation: dutch.slug,
      partner: german.slug,
      noteNl: "Twee scholen die elkaars taal leren.",
      noteDe: "Zwei Schulen, die die Sprache der anderen lernen.",
    });
    const { body } = await answerOf<{ matches: { id: string; status: string; promoted: boolean }[] }>(
      matchesLoader({
        request: new Request("http://localhost/de/matches"),
        params: { lang: "de" },
        context: contextFor(lehrerin),
      }),
    );
    expect(body.matches[0]).toMatchObject({ id: matchId, status: "suggested", promoted: true });
    for (const user of [teacher, lehrerin]) {
      expect((await notificationsOf(user.id)).map((row) => row.type)).toEqual(["match_promoted"]);
    }
    expect(
      await prisma.auditLog.count({
        where: { actorId: staff.id, action: "match.promote", targetId: matchId },
      }),
    ).toBe(1);
    const promotedView = await view(staff, matchId);
    expect(promotedView.status).toBe(200);
    expect(promotedView.body.match.side).toBeNull();
    // The German school answers the recommendation: its interest, still recommended.
    expect(await interest(lehrerin, german, dutch)).toEqual({ matchId, status: "interested" });
    const row = await prisma.match.findUniqueOrThrow({ where: { id: matchId } });
    expect(row).toMatchObject({
      fromOrganisationId: german.id,
      toOrganisationId: dutch.id,
      promotedById: staff.id,
    });
  });

  it("refuses promotion to members, and a note missing in one language", async () => {
    const { teacher, lehrerin, dutch, german } = await pair();
    const { matchId } = await interest(teacher, dutch, german);
    await expectAppError(
      promoteMatch(teacher, matchId, { noteNl: "Ja", noteDe: "Ja" }),
      403,
      "matching:errors.staffOnly",
    );
    const staff = await createUser({ role: "staff" });
    const missing = await postMatch(staff, matchId, { intent: "promote", noteNl: "Goed paar", noteDe: " " });
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({
      fields: { noteDe: "matching:errors.noteMissing" },
      noteNl: "Goed paar",
    });
    const done = await postMatch(staff, matchId, {
      intent: "promote",
      noteNl: "Goed paar",
      noteDe: "Gutes Paar",
    });
    expect(done.status).toBe(302);
    expect((await notificationsOf(lehrerin.id)).map((row) => row.type)).toEqual([
      "interest_received",
      "match_promoted",
    ]);
  });
});

describe("the staff page for recommendations", () => {
  const staffPage = (user: User | null, query: string) =>
    answerOf<{ suggestions: { partner: { slug: string } }[]; found: { slug: string }[] }>(
      staffLoader({
        request: new Request(`http://localhost/nl/staff/matches${query}`),
        params: { lang: "nl" },
        context: contextFor(user),
      }),
    );

  it("finds an organisation, lists its best partners and recommends one to both", async () => {
    const { teacher, dutch } = await pair();
    // The other tests' Kleve schools fit as well; this one, just across the border, fits best.
    const lehrerin = await createUser({ locale: "de" });
    const german = await createOrganisation({
      municipalityCode: "05154040",
      at: [5.98, 51.79],
      kind: "school",
      schoolLevel: "secondary",
      languages: [native("de"), learns("nl")],
      ownerId: lehrerin.id,
    });
    await createOpenRequest(german.id, {
      topics: ["neighbour_language"],
      activityTypes: ["exchange_visit"],
      ageGroups: ["age_12_15"],
    });
    const staff = await createUser({ role: "staff" });
    const found = await staffPage(staff, `?q=${encodeURIComponent(dutch.name)}`);
    expect(found.body.found.map((row) => row.slug)).toEqual([dutch.slug]);
    const chosen = await staffPage(staff, `?organisation=${dutch.slug}`);
    expect(chosen.body.suggestions.map((row) => row.partner.slug)).toContain(german.slug);
    const posted = await post(
      staff,
      "/staff/matches",
      { intent: "promote", organisation: dutch.slug, partner: german.slug, noteNl: "Goed", noteDe: "Gut" },
      staffAction,
    );
    expect(posted.status).toBe(302);
    const match = await prisma.match.findFirstOrThrow({ where: { fromOrganisationId: dutch.id } });
    expect(posted.headers.get("Location")).toBe(`/de/matches/${match.id}`);
    expect(match).toMatchObject({ status: "suggested", toOrganisationId: german.id, promotionNoteDe: "Gut" });
    // Once recommended, the pair is no longer among the suggestions but among the matches.
    const after = await staffPage(staff, `?organisation=${dutch.slug}`);
    expect(after.body.suggestions.map((row) => row.partner.slug)).not.toContain(german.slug);
    for (const user of [teacher, lehrerin]) {
      expect((await notificationsOf(user.id)).map((row) => row.type)).toEqual(["match_promoted"]);
    }
  });

  it("is for staff only, and answers an unknown organisation with a 404", async () => {
    const { teacher, dutch, german } = await pair();
    expect((await staffPage(teacher, "")).status).toBe(403);
    const posted = await post(
      teacher,
      "/staff/matches",
      { intent: "promote", organisation: dutch.slug, partner: german.slug, noteNl: "Ja", noteDe: "Ja" },
      staffAction,
    );
    expect(posted.status).toBe(403);
    expect(await prisma.match.count({ where: { fromOrganisationId: dutch.id } })).toBe(0);
    const staff = await createUser({ role: "staff" });
    expect((await staffPage(staff, "?organisation=no-such-organisation")).status).toBe(404);
    const bad = await post(
      staff,
      "/staff/matches",
      { intent: "promote", organisation: dutch.slug },
      staffAction,
    );
    expect(bad.status).toBe(400);
  });
});
