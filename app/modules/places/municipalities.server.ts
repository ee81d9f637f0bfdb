// The gazetteer of member municipalities, as the forms and filters name them by code. One lookup for
// all of them: a code that names no member municipality (or one in another country than the form
// says) is a 400 on the field that named it, in the reader's language, never an empty result or a 500.
import type { Country } from "~/generated/prisma/client.ts";
import type { Locale } from "~/modules/i18n/config.ts";
import { prisma } from "~/utils/db.server.ts";
import { AppError } from "~/utils/errors.ts";
import { isBoundary, type Boundary } from "./boundaries.ts";
import { groupMunicipalities, type MunicipalityOption } from "./municipalities.ts";
import type { Point } from "./points.ts";

export type Municipality = { code: string; country: Country } & Point;

export type MunicipalityRefusal = {
  /** The form field or query parameter that named the code. */
  field: string;
  /** The field's message key. */
  message: string;
  /** The error's own message key; the field's message when not given. */
  summary?: string;
  /** The country the code must lie in. */
  country?: Country;
};

export async function requireMunicipality(code: string, refusal: MunicipalityRefusal): Promise<Municipality> {
  const municipality = await prisma.municipality.findUnique({
    where: { code },
    select: { code: true, country: true, lat: true, lon: true },
  });
  if (!municipality || (refusal.country && municipality.country !== refusal.country)) {
    throw new AppError(400, refusal.summary ?? refusal.message, { [refusal.field]: refusal.message });
  }
  return municipality;
}

/** The municipality's boundary, for checking that a point lies within it; null without one. */
export async function municipalityBoundary(code: string): Promise<Boundary | null> {
  const row = await prisma.municipality.findUnique({ where: { code }, select: { boundary: true } });
  return row && isBoundary(row.boundary) ? row.boundary : null;
}

export type GazetteerEntry = MunicipalityOption & Point & { member: boolean };

let gazetteer: Promise<GazetteerEntry[]> | undefined;
const groups = new Map<Locale, Promise<ReturnType<typeof groupMunicipalities>>>();

/**
 * Every municipality of the gazetteer by name, read once per process: only a migration changes
 * the table. Pages read it on every request (the filters' and forms' selects), which was a query and
 * a hundred rows through Prisma each time. A failed read is not kept, so the next request tries again.
 */
export function listGazetteer(): Promise<GazetteerEntry[]> {
  gazetteer ??= prisma.municipality
    .findMany({
      select: {
        code: true,
        name: true,
        nameNl: true,
        nameDe: true,
        country: true,
        member: true,
        lat: true,
        lon: true,
      },
      orderBy: { name: "asc" },
    })
    .catch((error: unknown) => {
      gazetteer = undefined;
      throw error;
    });
  return gazetteer;
}

/** The gazetteer as a select's options in the reader's language, grouped by country and sorted once. */
export function municipalityGroups(locale: Locale): Promise<ReturnType<typeof groupMunicipalities>> {
  let grouped = groups.get(locale);
  if (!grouped) {
    grouped = listGazetteer().then(
      (municipalities) => groupMunicipalities(municipalities, locale),
      (error: unknown) => {
        groups.delete(locale);
        throw error;
      },
    );
    groups.set(locale, grouped);
  }
  return grouped;
}
