// Logos against real images made with sharp: good ones are re-encoded and resized, bad ones refused
// with a translated key, a refused logo never leaves a half-saved organisation behind, and only a
// public organisation's logo is served to everyone.
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { detectImageFormat, MAX_LOGO_BYTES, processLogo } from "~/modules/organisations/logo.server.ts";
import {
  createOrganisation,
  getLogo,
  setVerificationStatus,
  updateOrganisation,
} from "~/modules/organisations/service.server.ts";
import { loader as logoLoader } from "~/routes/logos.$id.tsx";
import { prisma } from "~/utils/db.server.ts";
import { addMember, createUser, organisationInput } from "../factories/index.ts";
import { expectAppError } from "../support/app-error.ts";
import { withOrgAccess } from "../support/access.ts";
import type { SessionUser } from "~/modules/auth/session.server.ts";
import { contextFor } from "../support/context.ts";

async function expectRefused(promise: Promise<unknown>, status: number, key: string) {
  expect((await expectAppError(promise, status)).fieldErrors).toEqual({ logo: key });
}

function picture(width: number, height: number) {
  return sharp({ create: { width, height, channels: 4, background: { r: 11, g: 92, b: 173, alpha: 1 } } });
}

const png = () => picture(1200, 800).png().toBuffer();
const jpeg = () =>
  picture(300, 600)
    .jpeg()
    .withExif({ IFD0: { Artist: "Secret Photographer" } })
    .toBuffer();
const webp = () => picture(200, 100).webp().toBuffer();

/** Random pixels do not compress, so this PNG is well over 1 MB. */
async function largePng() {
  const raw = Buffer.alloc(800 * 800 * 3);
  for (let index = 0; index < raw.length; index++) raw[index] = ((index * 7919) % 251) ^ ((index >> 3) % 256);
  return sharp(raw, { raw: { width: 800, height: 800, channels: 3 } })
    .png({ compressionLevel: 0 })
    .toBuffer();
}

const svgWithScript = Buffer.from(
  `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script><rect width="10" height="10"/></svg>`,
);

describe("accepted logos", () => {
  it("re-encodes PNG, JPEG and WebP to WebP that fits 400×400, without metadata", async () => {
    const cases = [
      { name: "png", bytes: await png(), size: [400, 267] },
      { name: "jpeg", bytes: await jpeg(), size: [200, 400] },
      { name: "webp", bytes: await webp(), size: [200, 100] },
    ] as const;
    for (const item of cases) {
      expect(detectImageFormat(item.bytes), item.name).toBe(item.name);
      const logo = await processLogo(item.bytes);
      expect(logo.mimeType).toBe("image/webp");
      expect([logo.width, logo.height], item.name).toEqual(item.size);
      const metadata = await sharp(logo.data).metadata();
      expect(metadata.format).toBe("webp");
      expect([metadata.width, metadata.height]).toEqual(item.size);
      expect(metadata.exif, item.name).toBeUndefined();
      expect(Buffer.from(logo.data).toString("latin1")).not.toContain("Secret Photographer");
    }
  });

  it("stores the logo with the organisation, serves it by id, and replaces or removes it on edit", async () => {
    const user = await createUser();
    const created = await createOrganisation(user.id, organisationInput(), await png());
    const { logoId } = await prisma.organisation.findUniqueOrThrow({ where: { id: created.id } });
    const served = await getLogo(logoId ?? "", user);
    expect(served?.mimeType).toBe("image/webp");
    expect((await sharp(served?.data).metadata()).width).toBe(400);

    const replacement = await webp();
    await withOrgAccess(user, created, (access) =>
      updateOrganisation(access, organisationInput(), replacement),
    );
    const replaced = await prisma.organisation.findUniqueOrThrow({ where: { id: created.id } });
    expect(replaced.logoId).not.toBe(logoId);
    expect(await getLogo(logoId ?? "", user)).toBeNull();

    await withOrgAccess(user, created, (access) =>
      updateOrganisation(access, organisationInput({ removeLogo: true })),
    );
    expect((await prisma.organisation.findUniqueOrThrow({ where: { id: created.id } })).logoId).toBeNull();
    expect(await prisma.organisationLogo.count({ where: { id: replaced.logoId ?? "" } })).toBe(0);
  });

  it("answers null for an unknown or malformed logo id", async () => {
    expect(await getLogo("6f1c2b9e-0000-4000-8000-000000000000", null)).toBeNull();
    expect(await getLogo("../../etc/passwd", null)).toBeNull();
  });
});

describe("refused logos", () => {
  it("refuses a GIF, plain text and an SVG with a script as the wrong type", async () => {
    const gif = await picture(20, 20).gif().toBuffer();
    for (const bytes of [gif, Buffer.from("just some text, not an image"), svgWithScript]) {
      await expectRefused(processLogo(bytes), 400, "organisations:logo.wrongType");
    }
  });

  it("refuses a file over 1 MB with 413", async () => {
    const large = await largePng();
    expect(large.byteLength).toBeGreaterThan(MAX_LOGO_BYTES);
    await expectRefused(processLogo(large), 413, "organisations:logo.tooLarge");
  });

  it("refuses corrupt images: a cut-off JPEG and a PNG signature followed by garbage", async () => {
    const whole = await jpeg();
    const cut = whole.subarray(0, Math.floor(whole.byteLength / 2));
    const garbage = Buffer.concat([(await png()).subarray(0, 8), Buffer.from("garbage".repeat(40))]);
    await expectRefused(processLogo(cut), 400, "organisations:logo.corrupt");
    await expectRefused(processLogo(garbage), 400, "organisations:logo.corrupt");
  });
});

describe("nothing half-saved", () => {
  it("a refused logo on create leaves no organisation, membership or logo", async () => {
    const user = await createUser();
    const logosBefore = await prisma.organisationLogo.count();
    await expectRefused(
      createOrganisation(user.id, organisationInput({ name: "Half Saved School" }), svgWithScript),
      400,
      "organisations:logo.wrongType",
    );
    await expectRefused(
      createOrganisation(user.id, organisationInput({ name: "Half Saved School" }), await largePng()),
      413,
      "organisations:logo.tooLarge",
    );
    expect(await prisma.organisation.count({ where: { name: "Half Saved School" } })).toBe(0);
    expect(await prisma.membership.count({ where: { userId: user.id } })).toBe(0);
    expect(await prisma.organisationLogo.count()).toBe(logosBefore);
  });

  it("a refused logo on edit keeps the previous profile and logo intact", async () => {
    const user = await createUser();
    const created = await createOrganisation(user.id, organisationInput({ name: "Kept Name" }), await png());
    const before = await prisma.organisation.findUniqueOrThrow({
      where: { id: created.id },
      include: { languages: true },
    });
    const whole = await jpeg();
    await expectRefused(
      withOrgAccess(user, created, (access) =>
        updateOrganisation(
          access,
          organisationInput({ name: "Changed Name", languages: [], removeLogo: true }),
          whole.subarray(0, 100),
        ),
      ),
      400,
      "organisations:logo.corrupt",
    );
    const after = await prisma.organisation.findUniqueOrThrow({
      where: { id: created.id },
      include: { languages: true },
    });
    expect(after).toEqual(before);
    expect(await getLogo(before.logoId ?? "", user)).not.toBeNull();
  });
});

describe("who is served a logo", () => {
  async function fetchLogo(id: string, user: SessionUser | null) {
    return logoLoader({
      request: new Request(`http://localhost/logos/${id}`),
      params: { id },
      context: contextFor(user),
    });
  }

  /** A pending organisation with a logo, its owner, an editor, a staff member and an outsider. */
  async function pendingWithLogo() {
    const [owner, editor, staff, outsider] = await Promise.all([
      createUser(),
      createUser(),
      createUser({ role: "staff" }),
      createUser(),
    ]);
    const created = await createOrganisation(owner.id, organisationInput(), await webp());
    await addMember(created.id, editor.id);
    const { logoId } = await prisma.organisation.findUniqueOrThrow({ where: { id: created.id } });
    return {
      organisationId: created.id,
      slug: created.slug,
      logoId: logoId ?? "",
      owner,
      editor,
      staff,
      outsider,
    };
  }

  it("serves a pending organisation's logo to its members and staff only, never to be stored", async () => {
    const { logoId, owner, editor, staff, outsider } = await pendingWithLogo();
    for (const user of [owner, editor, staff]) {
      const response = await fetchLogo(logoId, user);
      expect(response.status).toBe(200);
      expect(response.headers.get("Content-Type")).toBe("image/webp");
      expect(response.headers.get("Cache-Control")).toBe("private, no-store");
    }
    const unknown = await fetchLogo("6f1c2b9e-0000-4000-8000-000000000000", null);
    for (const user of [null, outsider]) {
      const response = await fetchLogo(logoId, user);
      expect(response.status).toBe(404);
      expect(await response.text()).toBe(await unknown.clone().text());
      expect(response.headers.get("Cache-Control")).toBeNull();
    }
  });

  it("serves a verified organisation's logo to everyone with the year-long cache, and hides it again once suspended", async () => {
    const { slug, logoId, owner, staff } = await pendingWithLogo();
    await withOrgAccess(staff, { slug }, (access) => setVerificationStatus(access, "verified"), "staff");
    const response = await fetchLogo(logoId, null);
    expect(response.status).toBe(200);
    expect(response.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");

    await withOrgAccess(staff, { slug }, (access) => setVerificationStatus(access, "suspended"), "staff");
    expect((await fetchLogo(logoId, null)).status).toBe(404);
    const forOwner = await fetchLogo(logoId, owner);
    expect(forOwner.status).toBe(200);
    expect(forOwner.headers.get("Cache-Control")).toBe("private, no-store");
  });
});
