// Saves of one organisation at the same moment (two editors, a double click, the fuzz run) happen
// one after the other: each succeeds, and the profile ends as one of them left it, never mixed.
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { updateOrganisation } from "~/modules/organisations/service.server.ts";
import { prisma } from "~/utils/db.server.ts";
import { createOrganisation, createUser, organisationInput } from "../factories/index.ts";
import { withOrgAccess } from "../support/access.ts";

const levels = ["A1", "A2", "B1", "B2", "C1", "C2"] as const;

describe("saving one organisation at the same moment", () => {
  it("runs the saves one after the other, each with its own languages", async () => {
    const owner = await createUser();
    const organisation = await createOrganisation({ ownerId: owner.id });
    const saves = levels.map((level, index) =>
      withOrgAccess(owner, organisation, (access) =>
        updateOrganisation(
          access,
          organisationInput({
            name: `Save ${index}`,
            languages: [
              { language: "nl", level: "native" },
              { language: "de", level },
            ],
          }),
        ),
      ),
    );
    const results = await Promise.allSettled(saves);
    expect(results.filter((result) => result.status === "rejected")).toEqual([]);
    const saved = await prisma.organisation.findUniqueOrThrow({
      where: { id: organisation.id },
      select: { name: true, languages: { select: { language: true, level: true } } },
    });
    const index = Number(saved.name.replace("Save ", ""));
    expect(saved.languages.sort((a, b) => a.language.localeCompare(b.language))).toEqual([
      { language: "de", level: levels[index] },
      { language: "nl", level: "native" },
    ]);
  });

  it("replaces the logo once when several saves bring a new one", async () => {
    const owner = await createUser();
    const organisation = await createOrganisation({ ownerId: owner.id });
    const png = (color: string) =>
      sharp({ create: { width: 200, height: 200, channels: 3, background: color } })
        .png()
        .toBuffer();
    await withOrgAccess(owner, organisation, async (access) =>
      updateOrganisation(access, organisationInput(), new Uint8Array(await png("#0b5cad"))),
    );
    const logos = await Promise.all(["#aa0000", "#00aa00", "#0000aa", "#aaaa00"].map(png));
    const results = await Promise.allSettled(
      logos.map((logo) =>
        withOrgAccess(owner, organisation, (access) =>
          updateOrganisation(access, organisationInput(), new Uint8Array(logo)),
        ),
      ),
    );
    expect(results.filter((result) => result.status === "rejected")).toEqual([]);
    const { logoId } = await prisma.organisation.findUniqueOrThrow({
      where: { id: organisation.id },
      select: { logoId: true },
    });
    expect(logoId).not.toBeNull();
    // The earlier logos are gone (this file's database holds no other): only the last save's remains.
    const remaining = await prisma.organisationLogo.findMany({ select: { id: true } });
    expect(remaining).toEqual([{ id: logoId }]);
  });
});
