// An organisation's point on the map against real PostgreSQL and the real routes: a picked point must
// lie within the chosen municipality, an empty one is its centroid, and bad numbers are a 400.
import type { AppLoadContext } from "@remix-run/node";
import { describe, expect, it } from "vitest";
import type { User } from "~/generated/prisma/client.ts";
import { isBoundary, isWithin } from "~/modules/places/boundaries.ts";
import {
  createOrganisation as createOrganisationAs,
  updateOrganisation,
} from "~/modules/organisations/service.server.ts";
import { action as editAction } from "~/routes/$lang.organisations.$slug.edit.tsx";
import { action as newAction } from "~/routes/$lang.organisations.new.tsx";
import { prisma } from "~/utils/db.server.ts";
import { createOrganisation, createUser, municipalityCodes, organisationInput } from "../factories/index.ts";
import { answerOf, formMessages } from "../support/answer.ts";
import { expectAppError } from "../support/app-error.ts";
import { withOrgAccess } from "../support/access.ts";

/** Nijmegen's Grote Markt, and a point in Kleve, well inside each municipality. */
const inNijmegen = { lat: 51.8475, lon: 5.8625 };
const inKleve = { lat: 51.79, lon: 6.14 };

function contextFor(user: User): AppLoadContext {
  return {
    cspNonce: "",
    clientIp: "203.0.113.9",
    isDevelopment: false,
    auth: { sessionId: "test", expiresAt: new Date(Date.now() + 60_000), user },
  };
}

/** The create form as a browser sends it, for Nijmegen unless told otherwise. */
function profileForm(overrides: Record<string, string> = {}): [string, string][] {
  const fields = {
    name: "Harmonie Nijmegen",
    kind: "cultural",
    country: "NL",
    municipalityCode: municipalityCodes.NL,
    descriptionNl: "Een harmonieorkest aan de Waal.",
    lat: "",
    lon: "",
    ...overrides,
  };
  return Object.entries(fields);
}

function post(path: string, entries: [string, string][]) {
  return new Request(`http://localhost${path}`, { method: "POST", body: new URLSearchParams(entries) });
}

async function centroidOf(code: string) {
  return prisma.municipality.findUniqueOrThrow({ where: { code }, select: { lat: true, lon: true } });
}

async function pointOf(id: string) {
  return prisma.organisation.findUniqueOrThrow({ where: { id }, select: { lat: true, lon: true } });
}

describe("placing an organisation on the map", () => {
  it("has every municipality's centroid inside its own boundary, so the pin's start is always valid", async () => {
    const municipalities = await prisma.municipality.findMany({
      select: { code: true, lat: true, lon: true, boundary: true },
    });
    expect(municipalities.length).toBeGreaterThan(100);
    const outside = municipalities.filter(
      ({ lat, lon, boundary }) => !isBoundary(boundary) || !isWithin({ lat, lon }, boundary),
    );
    expect(outside.map(({ code }) => code)).toEqual([]);
  });

  it("saves a point inside the chosen municipality", async () => {
    const user = await createUser();
    const response = await answerOf(
      newAction({
        request: post("/en/organisations/new", profileForm({ lat: "51.8475", lon: "5,8625" })),
        context: contextFor(user),
        params: { lang: "en" },
      }),
    );
    expect(response.status).toBe(302);
    const slug = response.headers.get("Location")!.split("/").pop()!;
    const stored = await prisma.organisation.findUniqueOrThrow({ where: { slug } });
    expect([stored.lat, stored.lon]).toEqual([inNijmegen.lat, inNijmegen.lon]);
  });

  it("refuses a point outside the municipality with a field error, keeps what was typed and saves nothing", async () => {
    const user = await createUser();
    const response = await answerOf(
      newAction({
        request: post(
          "/en/organisations/new",
          profileForm({ lat: String(inKleve.lat), lon: String(inKleve.lon) }),
        ),
        context: contextFor(user),
        params: { lang: "en" },
      }),
    );
    expect(response.status).toBe(400);
    const body = formMessages(response.body);
    expect(body.fieldErrors).toEqual({ location: "organisations:errors.pointOutside" });
    expect(body.initialValue).toMatchObject({ name: "Harmonie Nijmegen", lat: "51.79", lon: "6.14" });
    expect(await prisma.membership.count({ where: { userId: user.id } })).toBe(0);

    const error = await expectAppError(
      createOrganisationAs(user.id, organisationInput({ point: inKleve })),
      400,
    );
    expect(error.fieldErrors).toEqual({ location: "organisations:errors.pointOutside" });
  });

  it("places an organisation without a point at its municipality's centroid", async () => {
    const user = await createUser();
    const created = await createOrganisationAs(user.id, organisationInput({ point: null }));
    expect(await pointOf(created.id)).toEqual(await centroidOf(municipalityCodes.NL));
  });

  for (const [lat, lon] of [
    ["NaN", "5.86"],
    ["51.84", "Infinity"],
    ["91", "5.86"],
    ["51.84", "-181"],
    ["51.84", ""],
    ["einundfünfzig", "fünf"],
    ["1e2", "5"],
  ] as const) {
    it(`answers lat ${JSON.stringify(lat)}, lon ${JSON.stringify(lon)} with a 400 and a clear error`, async () => {
      const user = await createUser();
      const response = await answerOf(
        newAction({
          request: post("/en/organisations/new", profileForm({ lat, lon })),
          context: contextFor(user),
          params: { lang: "en" },
        }),
      );
      expect(response.status).toBe(400);
      const body = formMessages(response.body);
      expect(body.fieldErrors).toEqual({ location: "organisations:errors.pointInvalid" });
      // Conform leaves empty fields out of what it sends back.
      expect(body.initialValue).toMatchObject(
        Object.fromEntries(Object.entries({ lat, lon }).filter(([, v]) => v)),
      );
    });
  }
});

describe("moving an organisation's point", () => {
  it("saves a moved point within the municipality and refuses one outside it", async () => {
    const user = await createUser();
    const organisation = await createOrganisation({ ownerId: user.id });
    await withOrgAccess(user, organisation, (access) =>
      updateOrganisation(access, organisationInput({ point: inNijmegen })),
    );
    expect(await pointOf(organisation.id)).toEqual(inNijmegen);

    const response = await answerOf(
      editAction({
        request: post(
          `/en/organisations/${organisation.slug}/edit`,
          profileForm({ lat: String(inKleve.lat), lon: String(inKleve.lon) }),
        ),
        context: contextFor(user),
        params: { lang: "en", slug: organisation.slug },
      }),
    );
    expect(response.status).toBe(400);
    expect(formMessages(response.body).fieldErrors).toEqual({
      location: "organisations:errors.pointOutside",
    });
    expect(await pointOf(organisation.id)).toEqual(inNijmegen);
  });

  it("keeps the saved point when the form sends none, or sends it back unchanged", async () => {
    const user = await createUser();
    const organisation = await createOrganisation({ ownerId: user.id });
    await withOrgAccess(user, organisation, (access) =>
      updateOrganisation(access, organisationInput({ point: inNijmegen })),
    );
    await withOrgAccess(user, organisation, (access) =>
      updateOrganisation(access, organisationInput({ point: null })),
    );
    expect(await pointOf(organisation.id)).toEqual(inNijmegen);
    await withOrgAccess(user, organisation, (access) =>
      updateOrganisation(access, organisationInput({ point: { ...inNijmegen } })),
    );
    expect(await pointOf(organisation.id)).toEqual(inNijmegen);
  });

  it("moves to the new municipality's centroid when the municipality changes and the point does not", async () => {
    const user = await createUser();
    const organisation = await createOrganisation({ ownerId: user.id });
    await withOrgAccess(user, organisation, (access) =>
      updateOrganisation(access, organisationInput({ point: inNijmegen })),
    );
    const toKleve = { country: "DE" as const, municipalityCode: municipalityCodes.DE };

    await withOrgAccess(user, organisation, (access) =>
      updateOrganisation(access, organisationInput({ ...toKleve, point: null })),
    );
    expect(await pointOf(organisation.id)).toEqual(await centroidOf(municipalityCodes.DE));

    await withOrgAccess(user, organisation, (access) =>
      updateOrganisation(access, organisationInput({ point: inNijmegen })),
    );
    // A form without JavaScript sends the old point back with the new municipality.
    const response = await answerOf(
      editAction({
        request: post(
          `/en/organisations/${organisation.slug}/edit`,
          profileForm({
            country: "DE",
            municipalityCode: municipalityCodes.DE,
            lat: String(inNijmegen.lat),
            lon: String(inNijmegen.lon),
          }),
        ),
        context: contextFor(user),
        params: { lang: "en", slug: organisation.slug },
      }),
    );
    expect(response.status).toBe(200);
    expect(await pointOf(organisation.id)).toEqual(await centroidOf(municipalityCodes.DE));

    await withOrgAccess(user, organisation, (access) =>
      updateOrganisation(access, organisationInput({ ...toKleve, point: inKleve })),
    );
    expect(await pointOf(organisation.id)).toEqual(inKleve);
  });
});
