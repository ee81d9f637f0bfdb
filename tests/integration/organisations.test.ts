// Organisations against real PostgreSQL: creation, who may do what (whatever ids are sent),
// memberships, invitations, visibility and verification by staff.
import { describe, expect, it } from "vitest";
import type { User } from "~/generated/prisma/client.ts";
import { hashToken } from "~/modules/auth/tokens.ts";
import type { Mail } from "~/modules/mail/templates.server.ts";
import { requireOrgAccess, requireVerified } from "~/modules/organisations/access.server.ts";
import { organisationSchema } from "~/modules/organisations/schemas.ts";
import {
  acceptInvitation,
  createOrganisation as createOrganisationAs,
  getOrganisationForEditing,
  getOrganisationProfile,
  inviteMember,
  leaveOrganisation,
  listMembers,
  listMyOrganisations,
  previewInvitation,
  removeMember,
  setVerificationStatus,
  transferOwnership,
  updateOrganisation,
} from "~/modules/organisations/service.server.ts";
import { loader as membersLoader } from "~/routes/$lang.organisations.$slug.members.tsx";
import { prisma } from "~/utils/db.server.ts";
import {
  addMember,
  createOrganisation,
  createUser,
  municipalityCodes,
  organisationInput,
  uniqueEmail,
} from "../factories/index.ts";
import { expectAppError } from "../support/app-error.ts";
import { mailsTo } from "../support/outbox.ts";
import { withOrgAccess } from "../support/access.ts";

function invitationToken(mail: Mail | undefined): string {
  const match = mail?.text.match(/invitations\/accept\?token=([a-z2-7]+)/);
  if (!match?.[1]) throw new Error(`no invitation link in mail: ${mail?.text}`);
  return match[1];
}

/** Two organisations, each with an owner and an editor, and a draft and an open request in B. */
async function twoOrganisations() {
  const [ownerA, editorA, ownerB, editorB] = await Promise.all([
    createUser({ name: "Anna Owner" }),
    createUser({ name: "Arne Editor" }),
    createUser({ name: "Bram Owner" }),
    createUser({ name: "Bea Editor" }),
  ]);
  const a = await createOrganisation({ ownerId: ownerA.id, name: "Organisation A" });
  const b = await createOrganisation({ ownerId: ownerB.id, name: "Organisation B" });
  await addMember(a.id, editorA.id);
  await addMember(b.id, editorB.id);
  await prisma.partnershipRequest.createMany({
    data: [
      { organisationId: b.id, slug: `draft-${b.slug}`, status: "draft", titleNl: "Geheim concept" },
      { organisationId: b.id, slug: `open-${b.slug}`, status: "open", titleNl: "Open verzoek" },
    ],
  });
  return { a, b, ownerA, editorA, ownerB, editorB };
}

describe("creating an organisation", () => {
  it("makes the creator its owner and leaves it pending, placed at the municipality's centroid", async () => {
    const user = await createUser();
    const input = organisationInput({ municipalityCode: municipalityCodes.DE, country: "DE" });
    const created = await createOrganisationAs(user.id, input);

    expect(created.status).toBe("pending");
    expect(created.slug).toMatch(/^stedelijk-gymnasium-nijmegen-[a-z2-9]{6}$/);
    const stored = await prisma.organisation.findUniqueOrThrow({
      where: { id: created.id },
      include: { memberships: true, languages: true, municipality: true },
    });
    expect(stored.memberships).toEqual([expect.objectContaining({ userId: user.id, role: "owner" })]);
    expect([stored.lat, stored.lon]).toEqual([stored.municipality.lat, stored.municipality.lon]);
    expect(stored.municipality.name).toBe("Kleve");
    expect(stored.languages.map(({ language, level }) => `${language}:${level}`).sort()).toEqual([
      "de:B1",
      "nl:native",
    ]);
    expect(await listMyOrganisations(user.id)).toEqual([
      expect.objectContaining({ id: created.id, role: "owner", status: "pending" }),
    ]);
  });

  it("refuses a municipality outside the chosen country, and saves nothing", async () => {
    const user = await createUser();
    await expectAppError(
      createOrganisationAs(
        user.id,
        organisationInput({ country: "DE", municipalityCode: municipalityCodes.NL }),
      ),
      400,
      "organisations:errors.municipality",
    );
    await expectAppError(
      createOrganisationAs(user.id, organisationInput({ municipalityCode: "GM9999" })),
      400,
      "organisations:errors.municipality",
    );
    expect(await prisma.membership.count({ where: { userId: user.id } })).toBe(0);
  });

  it("asks schools for their level, sports clubs for their sport, and everyone for a description", () => {
    const base = {
      name: "Verein",
      country: "DE",
      municipalityCode: municipalityCodes.DE,
      descriptionDe: "Hallo",
    };
    const school = organisationSchema.safeParse({ ...base, kind: "school" });
    const club = organisationSchema.safeParse({ ...base, kind: "sports_club", sport: "curling" });
    const silent = organisationSchema.safeParse({ ...base, kind: "cultural", descriptionDe: "  " });
    expect(school.error?.issues.map((issue) => issue.path[0])).toEqual(["schoolLevel"]);
    expect(club.error?.issues.map((issue) => issue.path[0])).toEqual(["sport"]);
    expect(silent.error?.issues.map((issue) => issue.message)).toEqual([
      "organisations:errors.descriptionRequired",
    ]);
    const empty = organisationSchema.safeParse({});
    expect(empty.error?.issues.map((issue) => issue.path[0])).toEqual(
      expect.arrayContaining(["name", "kind", "country", "municipalityCode", "descriptionNl"]),
    );
  });

  it("accepts only http(s) websites and keeps level and sport only where they belong", () => {
    const base = { name: "Club", country: "NL", municipalityCode: municipalityCodes.NL, descriptionEn: "Hi" };
    for (const website of ["javascript:alert(1)", "ftp://example.org", "example", "https://"]) {
      const result = organisationSchema.safeParse({ ...base, kind: "other", website });
      expect(result.error?.issues[0]?.message, website).toBe("organisations:errors.website");
    }
    const parsed = organisationSchema.parse({
      ...base,
      kind: "sports_club",
      sport: "korfball",
      schoolLevel: "primary",
      website: "https://korfbal.example.nl/",
      level_de: "A2",
      level_nl: "native",
      level_fr: "",
    });
    expect(parsed).toMatchObject({
      sport: "korfball",
      schoolLevel: null,
      website: "https://korfbal.example.nl/",
    });
    expect(parsed.languages).toEqual([
      { language: "nl", level: "native" },
      { language: "de", level: "A2" },
    ]);
  });
});

describe("permissions between organisations", () => {
  it("a member of A cannot edit B, whatever organisation id is sent", async () => {
    const { b, ownerA, editorA } = await twoOrganisations();
    for (const user of [ownerA, editorA]) {
      await expectAppError(
        withOrgAccess(user, b, (access) =>
          updateOrganisation(access, organisationInput({ name: "Taken over" })),
        ),
        404,
        "common:errors.notFoundText",
      );
      await expectAppError(
        withOrgAccess(user, b, (access) => getOrganisationForEditing(access)),
        404,
        "common:errors.notFoundText",
      );
      await expectAppError(requireOrgAccess(b.slug, user, "editor"), 404, "common:errors.notFoundText");
      await expectAppError(requireOrgAccess(b.slug, user, "owner"), 404, "common:errors.notFoundText");
    }
    expect((await prisma.organisation.findUniqueOrThrow({ where: { id: b.id } })).name).toBe(
      "Organisation B",
    );
  });

  it("a member of A cannot invite into B or manage B's members", async () => {
    const { b, ownerA, ownerB, editorB } = await twoOrganisations();
    await expectAppError(
      withOrgAccess(ownerA, b, (access) => inviteMember(access, uniqueEmail(), "en")),
      404,
      "common:errors.notFoundText",
    );
    expect(await prisma.invitation.count({ where: { organisationId: b.id } })).toBe(0);
    await expectAppError(
      withOrgAccess(ownerA, b, (access) => listMembers(access)),
      404,
      "common:errors.notFoundText",
    );
    await expectAppError(
      withOrgAccess(ownerA, b, (access) => removeMember(access, editorB.id)),
      404,
      "common:errors.notFoundText",
    );
    await expectAppError(
      withOrgAccess(ownerA, b, (access) => transferOwnership(access, ownerA.id)),
      404,
      "common:errors.notFoundText",
    );
    await expectAppError(
      withOrgAccess(ownerA, b, (access) => leaveOrganisation(access)),
      404,
      "common:errors.notFoundText",
    );
    const roles = await prisma.membership.findMany({
      where: { organisationId: b.id },
      orderBy: { role: "asc" },
    });
    expect(roles.map((m) => [m.userId, m.role])).toEqual([
      [ownerB.id, "owner"],
      [editorB.id, "editor"],
    ]);
  });

  it("an owner of A cannot reach B's members through A", async () => {
    const { a, ownerA, editorB } = await twoOrganisations();
    await expectAppError(
      withOrgAccess(ownerA, a, (access) => removeMember(access, editorB.id)),
      404,
      "common:errors.notFoundText",
    );
    await expectAppError(
      withOrgAccess(ownerA, a, (access) => transferOwnership(access, editorB.id)),
      404,
      "common:errors.notFoundText",
    );
    expect(await prisma.membership.count({ where: { userId: editorB.id } })).toBe(1);
    expect(await prisma.membership.count({ where: { organisationId: a.id, userId: editorB.id } })).toBe(0);
  });

  it("a member of A cannot read B's drafts; B's members can", async () => {
    const { b, ownerA, editorB } = await twoOrganisations();
    const outsider = await getOrganisationProfile(b.slug, ownerA);
    expect(outsider.openRequests.map((r) => r.title.nl)).toEqual(["Open verzoek"]);
    expect(outsider.draftRequests).toEqual([]);
    expect(outsider.viewerRole).toBeNull();
    const anonymous = await getOrganisationProfile(b.slug, null);
    expect(anonymous.draftRequests).toEqual([]);
    const member = await getOrganisationProfile(b.slug, editorB);
    expect(member.draftRequests.map((r) => r.title.nl)).toEqual(["Geheim concept"]);
  });

  it("an editor edits, but cannot invite, hand over ownership or remove members", async () => {
    const { a, ownerA, editorA } = await twoOrganisations();
    await withOrgAccess(editorA, a, (access) =>
      updateOrganisation(access, organisationInput({ name: "Renamed by the editor" })),
    );
    expect((await prisma.organisation.findUniqueOrThrow({ where: { id: a.id } })).name).toBe(
      "Renamed by the editor",
    );
    await expectAppError(
      withOrgAccess(editorA, a, (access) => inviteMember(access, uniqueEmail(), "en")),
      403,
      "organisations:errors.ownerOnly",
    );
    await expectAppError(
      withOrgAccess(editorA, a, (access) => transferOwnership(access, editorA.id)),
      403,
      "organisations:errors.ownerOnly",
    );
    await expectAppError(
      withOrgAccess(editorA, a, (access) => removeMember(access, ownerA.id)),
      403,
      "organisations:errors.ownerOnly",
    );
    expect(
      await prisma.membership.findMany({ where: { organisationId: a.id }, orderBy: { role: "asc" } }),
    ).toEqual([
      expect.objectContaining({ userId: ownerA.id, role: "owner" }),
      expect.objectContaining({ userId: editorA.id, role: "editor" }),
    ]);
  });
});

describe("memberships", () => {
  it("the last owner cannot leave", async () => {
    const { a, ownerA } = await twoOrganisations();
    await expectAppError(
      withOrgAccess(ownerA, a, (access) => leaveOrganisation(access)),
      409,
      "organisations:errors.lastOwner",
    );
    await expectAppError(
      withOrgAccess(ownerA, a, (access) => removeMember(access, ownerA.id)),
      409,
      "organisations:errors.lastOwner",
    );
    expect(await prisma.membership.count({ where: { organisationId: a.id, role: "owner" } })).toBe(1);
  });

  it("hands over ownership: the member becomes owner, the previous owner an editor who may then leave", async () => {
    const { a, ownerA, editorA } = await twoOrganisations();
    await withOrgAccess(ownerA, a, (access) => transferOwnership(access, editorA.id));
    const roles = Object.fromEntries(
      (await prisma.membership.findMany({ where: { organisationId: a.id } })).map((m) => [m.userId, m.role]),
    );
    expect(roles).toEqual({ [editorA.id]: "owner", [ownerA.id]: "editor" });
    await expectAppError(
      withOrgAccess(ownerA, a, (access) => transferOwnership(access, editorA.id)),
      403,
      "organisations:errors.ownerOnly",
    );
    await withOrgAccess(ownerA, a, (access) => leaveOrganisation(access));
    expect(await prisma.membership.count({ where: { organisationId: a.id } })).toBe(1);
  });

  it("of two owners leaving at the same moment, one stays", async () => {
    const { a, ownerA, editorA } = await twoOrganisations();
    await prisma.membership.update({
      where: { organisationId_userId: { organisationId: a.id, userId: editorA.id } },
      data: { role: "owner" },
    });
    const results = await Promise.allSettled([
      withOrgAccess(ownerA, a, (access) => leaveOrganisation(access)),
      withOrgAccess(editorA, a, (access) => leaveOrganisation(access)),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await prisma.membership.count({ where: { organisationId: a.id, role: "owner" } })).toBe(1);
  });

  it("an owner removes an editor, and an editor may leave", async () => {
    const { a, b, ownerA, editorA, editorB } = await twoOrganisations();
    await withOrgAccess(ownerA, a, (access) => removeMember(access, editorA.id));
    expect(await prisma.membership.count({ where: { organisationId: a.id } })).toBe(1);
    await expectAppError(
      withOrgAccess(ownerA, a, (access) => removeMember(access, editorA.id)),
      404,
      "common:errors.notFoundText",
    );
    await withOrgAccess(editorB, b, (access) => leaveOrganisation(access));
    expect(await listMyOrganisations(editorB.id)).toEqual([]);
  });
});

describe("invitations", () => {
  it("mails a German account holder in German; only the invited address accepts, once", async () => {
    const owner = await createUser({ name: "Olga Owner", locale: "nl" });
    const organisation = await createOrganisation({ ownerId: owner.id, name: "Heemkundekring Kleef" });
    const invitee = await createUser({ name: "Dieter Schulz", locale: "de" });
    const stranger = await createUser({ locale: "de" });

    await withOrgAccess(owner, organisation, (access) => inviteMember(access, invitee.email, "nl"));
    const [mail] = await mailsTo(invitee.email);
    expect(mail?.subject).toBe(
      "Sie sind eingeladen, Heemkundekring Kleef auf Euregio Partners zu bearbeiten",
    );
    expect(mail?.text).toContain("Hallo Dieter Schulz,");
    expect(mail?.text).toContain("Olga Owner");
    expect(mail?.text).toMatch(/http:\/\/localhost:3000\/de\/invitations\/accept\?token=/);
    const token = invitationToken(mail);
    const stored = await prisma.invitation.findFirstOrThrow({ where: { organisationId: organisation.id } });
    expect(stored.id).toBe(hashToken(token));
    expect(stored.id).not.toContain(token);
    expect(stored.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);

    await expectAppError(previewInvitation(token, stranger), 403, "organisations:invitation.wrongAccount");
    await expectAppError(acceptInvitation(token, stranger), 403, "organisations:invitation.wrongAccount");
    expect(await prisma.membership.count({ where: { userId: stranger.id } })).toBe(0);

    expect(await previewInvitation(token, invitee)).toEqual({
      organisationName: "Heemkundekring Kleef",
      slug: organisation.slug,
    });
    expect(await acceptInvitation(token, invitee)).toEqual({ slug: organisation.slug });
    expect(await listMyOrganisations(invitee.id)).toEqual([
      expect.objectContaining({ id: organisation.id, role: "editor" }),
    ]);
    await expectAppError(acceptInvitation(token, invitee), 400, "organisations:invitation.invalid");
  });

  it("mails an address without an account in the inviter's language", async () => {
    const owner = await createUser({ name: "Olga Owner" });
    const organisation = await createOrganisation({ ownerId: owner.id, name: "Muziekschool Arnhem" });
    const email = uniqueEmail("new");
    await withOrgAccess(owner, organisation, (access) => inviteMember(access, email, "nl"));
    const [mail] = await mailsTo(email);
    expect(mail?.subject).toBe("U bent uitgenodigd om Muziekschool Arnhem te bewerken op Euregio Partners");
    expect(mail?.text).toMatch(/\/nl\/invitations\/accept\?token=/);
  });

  it("refuses an expired invitation, a forged token and inviting an existing member", async () => {
    const owner = await createUser();
    const editor = await createUser();
    const organisation = await createOrganisation({ ownerId: owner.id });
    await addMember(organisation.id, editor.id);
    await expectAppError(
      withOrgAccess(owner, organisation, (access) => inviteMember(access, editor.email, "en")),
      409,
      "organisations:errors.alreadyMember",
    );

    const invitee = await createUser();
    await withOrgAccess(owner, organisation, (access) => inviteMember(access, invitee.email, "en"));
    const token = invitationToken((await mailsTo(invitee.email))[0]);
    await prisma.invitation.updateMany({
      where: { id: hashToken(token) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    await expectAppError(acceptInvitation(token, invitee), 400, "organisations:invitation.invalid");
    await expectAppError(acceptInvitation("forgedtoken", invitee), 400, "organisations:invitation.invalid");
    expect(await prisma.membership.count({ where: { userId: invitee.id } })).toBe(0);
  });

  it("the members page's loader gives open invitations' addresses to owners, never to editors", async () => {
    const owner = await createUser();
    const editor = await createUser();
    const organisation = await createOrganisation({ ownerId: owner.id });
    await addMember(organisation.id, editor.id);
    const invitee = uniqueEmail("invitee");
    await withOrgAccess(owner, organisation, (access) => inviteMember(access, invitee, "en"));

    const membersPage = (user: User) =>
      membersLoader({
        request: new Request(`http://localhost/en/organisations/${organisation.slug}/members`),
        params: { lang: "en", slug: organisation.slug },
        context: {
          cspNonce: "",
          clientIp: "203.0.113.9",
          isDevelopment: false,
          auth: { sessionId: "test", expiresAt: new Date(Date.now() + 60_000), user },
        },
      });
    expect((await membersPage(owner)).invitations).toEqual([expect.objectContaining({ email: invitee })]);
    const forEditor = await membersPage(editor);
    expect(forEditor.invitations).toEqual([]);
    expect(JSON.stringify(forEditor)).not.toContain(invitee);
  });
});

describe("visibility and verification", () => {
  it("hides a pending organisation from signed-out visitors and outsiders, shows it to members and staff", async () => {
    const owner = await createUser();
    const outsider = await createUser();
    const staff = await createUser({ role: "staff" });
    const organisation = await createOrganisation({ ownerId: owner.id, status: "pending" });

    await expectAppError(getOrganisationProfile(organisation.slug, null), 404, "common:errors.notFoundText");
    await expectAppError(
      getOrganisationProfile(organisation.slug, outsider),
      404,
      "common:errors.notFoundText",
    );
    expect((await getOrganisationProfile(organisation.slug, owner)).viewerRole).toBe("owner");
    expect((await getOrganisationProfile(organisation.slug, staff)).viewerIsStaff).toBe(true);
  });

  it("shows a signed-out visitor only public data of a verified organisation", async () => {
    const owner = await createUser();
    const organisation = await createOrganisation({ ownerId: owner.id, status: "verified" });
    await prisma.organisation.update({ where: { id: organisation.id }, data: { address: "Markt 1, Kleve" } });

    const anonymous = await getOrganisationProfile(organisation.slug, null);
    expect(anonymous).toMatchObject({
      name: organisation.name,
      address: null,
      viewerRole: null,
      viewerIsStaff: false,
    });
    expect(JSON.stringify(anonymous)).not.toContain(owner.email);
    expect((await getOrganisationProfile(organisation.slug, owner)).address).toBe("Markt 1, Kleve");
  });

  it("hides suspended and archived organisations from the public", async () => {
    const suspended = await createOrganisation({ status: "suspended" });
    const archived = await createOrganisation({ status: "verified", archived: true });
    await expectAppError(getOrganisationProfile(suspended.slug, null), 404, "common:errors.notFoundText");
    await expectAppError(getOrganisationProfile(archived.slug, null), 404, "common:errors.notFoundText");
    await expectAppError(
      getOrganisationProfile("no-such-organisation", null),
      404,
      "common:errors.notFoundText",
    );
  });

  it("only staff verify, and every verification and suspension is audited", async () => {
    const owner = await createUser();
    const staff = await createUser({ role: "staff" });
    const organisation = await createOrganisation({ ownerId: owner.id, status: "pending" });

    await expectAppError(
      withOrgAccess(owner, organisation, (access) => setVerificationStatus(access, "verified"), "staff"),
      403,
      "organisations:errors.staffOnly",
    );
    expect((await prisma.organisation.findUniqueOrThrow({ where: { id: organisation.id } })).status).toBe(
      "pending",
    );

    await withOrgAccess(staff, organisation, (access) => setVerificationStatus(access, "verified"), "staff");
    const verified = await prisma.organisation.findUniqueOrThrow({ where: { id: organisation.id } });
    expect(verified).toMatchObject({ status: "verified", verifiedById: staff.id });
    expect(verified.verifiedAt).toBeInstanceOf(Date);
    expect((await getOrganisationProfile(organisation.slug, null)).name).toBe(organisation.name);

    await withOrgAccess(staff, organisation, (access) => setVerificationStatus(access, "suspended"), "staff");
    const log = await prisma.auditLog.findMany({
      where: { targetType: "organisation", targetId: organisation.id },
      orderBy: { createdAt: "asc" },
    });
    expect(log.map((entry) => [entry.actorId, entry.action])).toEqual([
      [staff.id, "organisation.verify"],
      [staff.id, "organisation.suspend"],
    ]);
    await expectAppError(getOrganisationProfile(organisation.slug, null), 404, "common:errors.notFoundText");
  });

  it("an unverified organisation cannot publish: requireVerified refuses it until staff verify it", async () => {
    const owner = await createUser();
    const staff = await createUser({ role: "admin" });
    const created = await createOrganisationAs(owner.id, organisationInput());
    const verified = async () => requireVerified(await requireOrgAccess(created.slug, owner, "editor"));
    await expectAppError(verified(), 403, "organisations:errors.notVerified");
    await withOrgAccess(staff, created, (access) => setVerificationStatus(access, "verified"), "staff");
    await expect(verified()).resolves.toBeUndefined();
    await withOrgAccess(staff, created, (access) => setVerificationStatus(access, "suspended"), "staff");
    await expectAppError(verified(), 403, "organisations:errors.notVerified");
  });

  it("access values come only from the guards: a forged one is refused by every service", async () => {
    const owner = await createUser();
    const created = await createOrganisationAs(owner.id, organisationInput());
    const real = await requireOrgAccess(created.slug, owner, "owner");
    const forged = { ...real } as typeof real;
    await expect(listMembers(forged)).rejects.toThrow("not issued by a guard");
    await expect(leaveOrganisation(forged)).rejects.toThrow("not issued by a guard");
    await expect(listMembers(real)).resolves.toMatchObject({ viewerRole: "owner" });
  });

  it("a guard returns the organisation with the caller's role, and refuses by what is needed", async () => {
    const owner = await createUser();
    const created = await createOrganisationAs(owner.id, organisationInput());
    const access = await requireOrgAccess(created.slug, owner, "owner");
    expect(access.role).toBe("owner");
    expect(access.organisation).toMatchObject({ id: created.id, slug: created.slug, country: "NL" });
    const editor = await createUser();
    await prisma.membership.create({
      data: { organisationId: created.id, userId: editor.id, role: "editor" },
    });
    await expectAppError(
      requireOrgAccess(created.slug, editor, "owner"),
      403,
      "organisations:errors.ownerOnly",
    );
    await expectAppError(
      requireOrgAccess(created.slug, editor, "staff"),
      403,
      "organisations:errors.staffOnly",
    );
    await expectAppError(
      requireOrgAccess("no-such-slug", editor, "editor"),
      404,
      "common:errors.notFoundText",
    );
  });
});
