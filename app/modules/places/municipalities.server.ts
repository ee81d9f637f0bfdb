// The gazetteer of member municipalities, as the forms and filters name them by code. One lookup for
// all of them: a code that names no member municipality (or one in another country than the form
// says) is a 400 on the field that named it, in the reader's language, never an empty result or a 500.
import type { Country } from "~/generated/prisma/client.ts";
import { prisma } from "~/utils/db.server.ts";
import { AppError } from "~/utils/errors.ts";
import { isBoundary, type Boundary } from "./boundaries.ts";
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
