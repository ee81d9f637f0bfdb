// A pending or a suspended organisation is nowhere public: not its name, logo or requests on the
// browse page, the map page, the map's endpoints, its profile, its request pages or the home page,
// for a signed-out visitor nor for a signed-in user who is not one of its members.
import type { AppLoadContext } from "@remix-run/node";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { setVerificationStatus } from "~/modules/organisations/service.server.ts";
import { loader as homeLoader } from "~/routes/$lang._index.tsx";
import { loader as browseLoader } from "~/routes/$lang.browse.tsx";
import { loader as mapLoader } from "~/routes/$lang.map.tsx";
import { loader as profileLoader } from "~/routes/$lang.organisations.$slug._index.tsx";
import { loader as requestLoader } from "~/routes/$lang.requests.$slug._index.tsx";
import { loader as logoLoader } from "~/routes/logos.$id.tsx";
import { loader as itemsLoader } from "~/routes/map.items.tsx";
import { loader as pointsLoader } from "~/routes/map.points.tsx";
import { prisma } from "~/utils/db.server.ts";
import { createOpenRequest, createOrganisation, createUser, token } from "../factories/index.ts";
import { withOrgAccess } from "../support/access.ts";
import { answerOf, type Answer } from "../support/answer.ts";
import { contextFor } from "../support/context.ts";

const euregio = "bbox=5.0,51.0,7.5,52.5";

type Listed = { name: string; slug: string; requestTitle: string; requestSlug: string; logoId: string };

let visitor: AppLoadContext;
let outsider: AppLoadContext;
let hidden: Listed[];
let control: Listed;

/** A pending organisation with a distinctive name, a logo and an open request. */
async function listedOrganisation(name: string): Promise<Listed> {
  const organisation = await createOrganisation({ name, status: "pending", kind: "cultural" });
  const image = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#0b5cad" } })
    .webp()
    .toBuffer();
  const logo = await prisma.organisationLogo.create({
    data: { mimeType: "image/webp", width: 8, height: 8, data: new Uint8Array(image) },
  });
  await prisma.organisation.update({ where: { id: organisation.id }, data: { logoId: logo.id } });
  const requestTitle = `Koorreis ${token()}`;
  const request = await createOpenRequest(organisation.id, { titleNl: requestTitle });
  return { name, slug: organisation.slug, requestTitle, requestSlug: request.slug, logoId: logo.id };
}

/** An answer's body as text, to look for what must not be in it. */
function bodyOf({ body }: Answer): string {
  return typeof body === "string" ? body : JSON.stringify(body);
}

function expectNoneOf(text: string, organisations: Listed[], where: string) {
  for (const organisation of organisations) {
    for (const secret of [
      organisation.name,
      organisation.slug,
      organisation.requestTitle,
      organisation.logoId,
    ]) {
      expect(text, `${where} shows ${secret}`).not.toContain(secret);
    }
  }
}

beforeAll(async () => {
  visitor = contextFor(null);
  outsider = contextFor(await createUser());
  const staff = await createUser({ role: "staff" });
  const word = token();
  const pending = await listedOrganisation(`Zwanenzang Geheimkoor ${word}`);
  // Verified first, so its request was public once, then suspended.
  const suspended = await listedOrganisation(`Nachtegaal Schaduwensemble ${word}`);
  await withOrgAccess(staff, suspended, (access) => setVerificationStatus(access, "verified"), "staff");
  await withOrgAccess(staff, suspended, (access) => setVerificationStatus(access, "suspended"), "staff");
  hidden = [pending, suspended];
  control = await listedOrganisation(`Openbaar Zangkoor ${word}`);
  await withOrgAccess(staff, control, (access) => setVerificationStatus(access, "verified"), "staff");
});

describe("a pending or suspended organisation on public pages", () => {
  it("is not on the browse page, by its exact name, its request's title or without words", async () => {
    const queries = [
      ...hidden.flatMap((organisation) => [
        `show=organisations&q=${encodeURIComponent(organisation.name)}`,
        `show=requests&q=${encodeURIComponent(organisation.name)}`,
        `show=requests&q=${encodeURIComponent(organisation.requestTitle)}`,
        // One letter off, for the search's typo fallback.
        `show=organisations&q=${encodeURIComponent(organisation.name.replace("koor", "kor"))}`,
      ]),
      "show=organisations",
      "show=requests",
      "show=organisations&kind=cultural&country=NL",
    ];
    for (const query of queries) {
      const response = await answerOf(() =>
        browseLoader({
          request: new Request(`http://localhost/en/browse?${query}`),
          params: { lang: "en" },
          context: visitor,
        }),
      );
      expect(response.status, query).toBe(200);
      expectNoneOf(bodyOf(response), hidden, `/en/browse?${query}`);
    }
    // The same search finds a verified organisation, so the page is not empty by accident.
    const found = await answerOf(() =>
      browseLoader({
        request: new Request(
          `http://localhost/en/browse?show=organisations&q=${encodeURIComponent(control.name)}`,
        ),
        params: { lang: "en" },
        context: visitor,
      }),
    );
    expect(bodyOf(found)).toContain(control.name);
  });

  it("is not in the map page's list, which only echoes the words in the search box (not in its data)", async () => {
    for (const organisation of hidden) {
      for (const show of ["organisations", "requests"]) {
        const query = `show=${show}&q=${encodeURIComponent(organisation.name)}`;
        const response = await answerOf(() =>
          mapLoader({
            request: new Request(`http://localhost/en/map?${query}`),
            params: { lang: "en" },
            context: visitor,
          }),
        );
        expect(response.status, query).toBe(200);
        expect((response.body as { list: unknown }).list, query).toMatchObject({ total: 0, results: [] });
        expectNoneOf(bodyOf(response), hidden, `/en/map?${query}`);
      }
    }
    const whole = await answerOf(() =>
      mapLoader({
        request: new Request("http://localhost/en/map?show=organisations"),
        params: { lang: "en" },
        context: visitor,
      }),
    );
    expectNoneOf(bodyOf(whole), hidden, "/en/map?show=organisations");
    const found = await answerOf(() =>
      mapLoader({
        request: new Request(
          `http://localhost/en/map?show=organisations&q=${encodeURIComponent(control.name)}`,
        ),
        params: { lang: "en" },
        context: visitor,
      }),
    );
    expect((found.body as { list: { total: number } }).list.total).toBe(1);
  });

  it("is no point and no item of the map's endpoints", async () => {
    const total = async (search: string) => {
      const response = await pointsLoader({
        request: new Request(`http://localhost/map/points?${search}`),
        params: {},
        context: visitor,
      });
      expect(response.status, search).toBe(200);
      return ((await response.json()) as { total: number }).total;
    };
    const items = async (search: string) => {
      const response = await answerOf<{ total: number }>(
        itemsLoader({
          request: new Request(`http://localhost/map/items?${search}`),
          params: {},
          context: visitor,
        }),
      );
      expect(response.status, search).toBe(200);
      expectNoneOf(bodyOf(response), hidden, `/map/items?${search}`);
      return response.body.total;
    };
    for (const organisation of hidden) {
      for (const show of ["organisations", "requests"]) {
        const search = `${euregio}&zoom=9&show=${show}&q=${encodeURIComponent(organisation.name)}`;
        expect(await total(search), search).toBe(0);
        expect(await items(`show=${show}&q=${encodeURIComponent(organisation.name)}&lang=en`)).toBe(0);
      }
    }
    for (const show of ["organisations", "requests"]) await items(`${euregio}&show=${show}&lang=en`);
    expect(await total(`${euregio}&zoom=9&show=organisations&q=${encodeURIComponent(control.name)}`)).toBe(1);
    expect(await items(`show=requests&q=${encodeURIComponent(control.name)}&lang=en`)).toBe(1);
  });

  it("has no profile, request page or logo for a visitor or a signed-in outsider: the same 404 as an unknown one", async () => {
    const unknownProfile = await answerOf(() =>
      profileLoader({
        request: new Request("http://localhost/en/organisations/nobody"),
        params: { lang: "en", slug: "nobody" },
        context: visitor,
      }),
    );
    expect(unknownProfile.status).toBe(404);
    for (const context of [visitor, outsider]) {
      for (const organisation of hidden) {
        const profile = await answerOf(() =>
          profileLoader({
            request: new Request(`http://localhost/en/organisations/${organisation.slug}`),
            params: { lang: "en", slug: organisation.slug },
            context,
          }),
        );
        expect(profile.status).toBe(404);
        expect(bodyOf(profile)).toBe(bodyOf(unknownProfile));
        const request = await answerOf(() =>
          requestLoader({
            request: new Request(`http://localhost/en/requests/${organisation.requestSlug}`),
            params: { lang: "en", slug: organisation.requestSlug },
            context,
          }),
        );
        expect(request.status).toBe(404);
        expectNoneOf(bodyOf(request), hidden, `/en/requests/${organisation.requestSlug}`);
        const logo = await logoLoader({
          request: new Request(`http://localhost/logos/${organisation.logoId}`),
          params: { id: organisation.logoId },
          context,
        });
        expect(logo.status).toBe(404);
      }
    }
    // Its OG tags come from the loader's data, which a verified organisation has: its name and logo.
    const open = await answerOf(() =>
      profileLoader({
        request: new Request(`http://localhost/en/organisations/${control.slug}`),
        params: { lang: "en", slug: control.slug },
        context: visitor,
      }),
    );
    const { seo } = open.body as { seo: { image: string | null } };
    expect(seo.image).toContain(control.logoId);
  });

  it("is not on the home page", async () => {
    const response = await answerOf(() =>
      homeLoader({ request: new Request("http://localhost/en"), params: { lang: "en" }, context: visitor }),
    );
    expect(response.status).toBe(200);
    expectNoneOf(bodyOf(response), hidden, "/en");
  });
});
