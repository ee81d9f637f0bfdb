// One colour per organisation kind, for the points, their legend and clusters of one kind. Dark
// enough for white figures on them (contrast ≥ 4.5:1) and told apart by colour-blind readers
// (after Okabe and Ito); a white ring sets every point off from the base map.
import { organisationKinds, type OrganisationKind } from "~/modules/taxonomy/taxonomy.ts";

export const kindColours: Record<OrganisationKind, string> = {
  school: "#0b5fa5",
  sports_club: "#b34d00",
  cultural: "#8e3b79",
  historical_society: "#6b5313",
  youth: "#00704f",
  other: "#4a4a4a",
};

/** A cluster of several kinds. */
export const mixedColour = "#1d2b53";

export function kindColour(index: number): string {
  const kind = organisationKinds[index];
  return kind ? kindColours[kind] : mixedColour;
}
