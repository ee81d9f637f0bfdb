// Staff find the organisations that wait (#15 item 2): a mail to each staff member when one registers,
// and a list of the pending ones, the longest waiting first, for staff only.
import { describe, expect, it } from "vitest";
import { createOrganisation as register } from "~/modules/organisations/service.server.ts";
import { listPendingOrganisations } from "~/modules/organisations/pending.server.ts";
import { loader as pendingLoader } from "~/routes/$lang.staff.pending.tsx";
import { prisma } from "~/utils/db.server.ts";
import { createOrganisation, createUser, municipalityCodes, organisationInput } from "../factories/index.ts";
import { answerOf } from "../support/answer.ts";
import { contextFor } from "../support/context.ts";
import { mailsTo } from "../support/outbox.ts";

const DAY = 24 * 60 * 60 * 1000;

function loadPending(user: Parameters<typeof contextFor>[0], lang = "de") {
  return pendingLoader({
    request: new Request(`http://localhost/${lang}/staff/pending`),
    params: { lang },
    context: contextFor(user),
  });
}

describe("a new registration", () => {
  it("is mailed to every verified staff member in their language, with a link to its profile", async () => {
    const [german, dutch, unverified, member] = await Promise.all([
      createUser({ role: "staff", locale: "de" }),
      createUser({ role: "admin", locale: "nl" }),
      createUser({ role: "staff", locale: "en", verified: false }),
      createUser({ role: "member", locale: "de" }),
    ]);
    const founder = await createUser({ locale: "de" });
    const input = organisationInput({
      name: "Heimatverein Emmerich",
      kind: "historical_society",
      schoolLevel: null,
      country: "DE",
      municipalityCode: municipalityCodes.DE,
    });
    const { slug } = await register(founder.id, input);

    const [toGerman] = await mailsTo(german.email);
    expect(toGerman?.subject).toBe(
      "Zu prüfen: Heimatverein Emmerich hat sich bei Euregio Partners registriert",
    );
    expect(toGerman?.text).toContain("Heimatverein Emmerich (Heimat- und Geschichtsverein, Kleve)");
    expect(toGerman?.text).toContain(`/de/organisations/${slug}`);
    expect(toGerman?.text).not.toContain("Wenn Sie das nicht");
    const [toDutch] = await mailsTo(dutch.email);
    expect(toDutch?.subject).toBe(
      "Te controleren: Heimatverein Emmerich heeft zich aangemeld bij Euregio Partners",
    );
    expect(toDutch?.text).toContain(`/nl/organisations/${slug}`);
    expect(await mailsTo(unverified.email)).toEqual([]);
    expect(await mailsTo(member.email)).toEqual([]);
    expect(await mailsTo(founder.email)).toEqual([]);
  });
});

describe("the pending list", () => {
  it("holds the pending organisations only, the longest waiting first", async () => {
    const owner = await createUser();
    const old = await createOrganisation({
      ownerId: owner.id,
      status: "pending",
      name: "Old",
      createdAt: new Date(Date.now() - 40 * DAY),
    });
    const recent = await createOrganisation({ ownerId: owner.id, status: "pending", name: "Recent" });
    const verified = await createOrganisation({ ownerId: owner.id, status: "verified" });
    const archived = await createOrganisation({ ownerId: owner.id, status: "pending", archived: true });
    const { organisations, total } = await listPendingOrganisations();
    const slugs = organisations.map((organisation) => organisation.slug);
    expect(slugs.indexOf(old.slug)).toBeGreaterThanOrEqual(0);
    expect(slugs.indexOf(old.slug)).toBeLessThan(slugs.indexOf(recent.slug));
    expect(slugs).not.toContain(verified.slug);
    expect(slugs).not.toContain(archived.slug);
    expect(total).toBe(await prisma.organisation.count({ where: { status: "pending", archivedAt: null } }));
  });

  it("is for staff only, and shows each in the reader's language", async () => {
    const owner = await createUser();
    const pending = await createOrganisation({
      ownerId: owner.id,
      status: "pending",
      country: "DE",
      name: "Wartet",
    });
    const staff = await createUser({ role: "staff", locale: "de" });
    const data = (await loadPending(staff)) as Awaited<ReturnType<typeof pendingLoader>>;
    const row = data.organisations.find((organisation) => organisation.slug === pending.slug);
    expect(row).toMatchObject({ name: "Wartet", municipality: "Kleve", country: "DE" });
    expect(row?.registered).toMatch(/^\d{1,2}\. \w+ \d{4}$/u);

    const member = await createUser({ role: "member" });
    const refused = await answerOf(() => loadPending(member));
    expect(refused.status).toBe(403);
    const signedOut = await answerOf(() => loadPending(null));
    expect(signedOut.status).toBe(302);
  });
});
