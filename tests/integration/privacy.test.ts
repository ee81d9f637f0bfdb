// GDPR: the data download holds the user's and their organisations' data; deleting an account
// leaves nothing of theirs reachable and hands organisations on or archives them.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signIn } from "~/modules/auth/service.server.ts";
import { validateSessionToken } from "~/modules/auth/session.server.ts";
import { deleteAccount, exportPersonalData } from "~/modules/privacy/service.server.ts";
import { prisma } from "~/utils/db.server.ts";
import {
  createOrganisation,
  createRequest,
  createUser,
  TEST_PASSWORD,
  uniqueEmail,
} from "../factories/index.ts";
import { expectAppError } from "../support/app-error.ts";

/** A historical society in Nijmegen with these members and one open request. */
async function organisationWith(members: { userId: string; role: "owner" | "editor"; since?: Date }[]) {
  const organisation = await createOrganisation({
    kind: "historical_society",
    descriptionNl: "Wij onderzoeken de geschiedenis van Nijmegen.",
    languages: [{ language: "nl", level: "native" }],
    members,
  });
  await createRequest({
    organisationId: organisation.id,
    status: "open",
    titleNl: "Gezamenlijke tentoonstelling",
  });
  return organisation;
}

describe("data download", () => {
  it("holds the profile, sessions and the organisations with their requests, but no secrets", async () => {
    const user = await createUser({ name: "Marieke Jansen", locale: "nl" });
    await signIn({ email: user.email, password: TEST_PASSWORD }, "192.0.2.1");
    const organisation = await organisationWith([{ userId: user.id, role: "owner" }]);

    const data = await exportPersonalData(user.id);
    expect(data.profile).toMatchObject({ name: "Marieke Jansen", email: user.email, locale: "nl" });
    expect(data.sessions).toHaveLength(1);
    expect(data.organisations).toHaveLength(1);
    expect(data.organisations[0]).toMatchObject({
      id: organisation.id,
      myRole: "owner",
      name: organisation.name,
    });
    expect(data.organisations[0]?.requests[0]?.titleNl).toBe("Gezamenlijke tentoonstelling");
    const text = JSON.stringify(data);
    expect(text).not.toContain(user.passwordHash);
    expect(text).not.toMatch(/"id":"[0-9a-f]{64}"/);
  });

  it("gives an organisation's open invitations to its owners only, not to its editors", async () => {
    const owner = await createUser();
    const editor = await createUser();
    const organisation = await organisationWith([
      { userId: owner.id, role: "owner" },
      { userId: editor.id, role: "editor" },
    ]);
    const invitee = uniqueEmail("invitee");
    await prisma.invitation.create({
      data: {
        id: randomBytes(32).toString("hex"),
        organisationId: organisation.id,
        email: invitee,
        invitedById: owner.id,
        expiresAt: new Date(Date.now() + 7 * 24 * 60 * 60 * 1000),
      },
    });

    const forOwner = await exportPersonalData(owner.id);
    expect(forOwner.organisations[0]?.invitations).toEqual([expect.objectContaining({ email: invitee })]);
    const forEditor = await exportPersonalData(editor.id);
    expect(forEditor.organisations[0]).toMatchObject({ id: organisation.id, myRole: "editor" });
    expect(forEditor.organisations[0]).not.toHaveProperty("invitations");
    expect(JSON.stringify(forEditor)).not.toContain(invitee);
  });
});

describe("account deletion", () => {
  it("asks for the password", async () => {
    const user = await createUser();
    const error = await expectAppError(deleteAccount(user.id, "not the password"), 400);
    expect(error.fieldErrors.password).toBe("auth:account.wrongPassword");
    expect(await prisma.user.count({ where: { id: user.id } })).toBe(1);
  });

  it("removes the user, sessions and memberships; a sole owner's organisation goes to the oldest editor", async () => {
    const owner = await createUser();
    const olderEditor = await createUser();
    const newerEditor = await createUser();
    const organisation = await organisationWith([
      { userId: owner.id, role: "owner" },
      { userId: olderEditor.id, role: "editor", since: new Date("2026-01-01") },
      { userId: newerEditor.id, role: "editor", since: new Date("2026-06-01") },
    ]);
    const { session } = await signIn({ email: owner.email, password: TEST_PASSWORD }, "192.0.2.1");

    await deleteAccount(owner.id, TEST_PASSWORD);
    expect(await prisma.user.count({ where: { id: owner.id } })).toBe(0);
    expect(await prisma.session.count({ where: { userId: owner.id } })).toBe(0);
    expect(await validateSessionToken(session.token)).toBeNull();
    expect(await prisma.membership.count({ where: { userId: owner.id } })).toBe(0);
    const roles = await prisma.membership.findMany({ where: { organisationId: organisation.id } });
    expect(roles.find((m) => m.userId === olderEditor.id)?.role).toBe("owner");
    expect(roles.find((m) => m.userId === newerEditor.id)?.role).toBe("editor");
    expect(
      (await prisma.organisation.findUniqueOrThrow({ where: { id: organisation.id } })).archivedAt,
    ).toBeNull();
  });

  it("archives an organisation left with nobody, and closes its open requests", async () => {
    const owner = await createUser();
    const organisation = await organisationWith([{ userId: owner.id, role: "owner" }]);
    await deleteAccount(owner.id, TEST_PASSWORD);
    const after = await prisma.organisation.findUniqueOrThrow({
      where: { id: organisation.id },
      include: { requests: true },
    });
    expect(after.archivedAt).not.toBeNull();
    expect(after.requests.every((r) => r.status === "closed")).toBe(true);
  });

  it("leaves an organisation with another owner as it is", async () => {
    const owner = await createUser();
    const coOwner = await createUser();
    const organisation = await organisationWith([
      { userId: owner.id, role: "owner" },
      { userId: coOwner.id, role: "owner" },
    ]);
    await deleteAccount(owner.id, TEST_PASSWORD);
    const members = await prisma.membership.findMany({ where: { organisationId: organisation.id } });
    expect(members).toEqual([expect.objectContaining({ userId: coOwner.id, role: "owner" })]);
  });
});
