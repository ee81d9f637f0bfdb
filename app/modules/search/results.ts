// What a search finds, as the browse page, the map's list and its cards show it: plain data the
// browser receives, so it lives outside the server module that reads it.
/** Counting stops here: "more than 100" is as useful to a reader as the exact number, and cheap. */
export const countLimit = 100;

/** How results can be ordered (the sort select lists them; the schemas check them). */
export const sorts = ["relevance", "newest", "distance"] as const;
export type Sort = (typeof sorts)[number];

type Texts = { nl: string | null; de: string | null; en: string | null };

export type RequestResult = {
  id: string;
  slug: string;
  title: Texts;
  organisationName: string;
  organisationSlug: string;
  /** The organisation's logo (`/logos/<id>`), if it has one. */
  organisationLogoId: string | null;
  kind: string;
  country: "NL" | "DE";
  municipality: string;
  topics: string[];
  activityTypes: string[];
  distanceKm: number | null;
};

export type OrganisationResult = {
  id: string;
  slug: string;
  name: string;
  logoId: string | null;
  description: Texts;
  kind: string;
  sport: string | null;
  country: "NL" | "DE";
  municipality: string;
  distanceKm: number | null;
};

export type SearchPage<T> = {
  results: T[];
  /** Capped at countLimit + 1, which reads as "more than countLimit". */
  count: number;
  nextCursor: string | null;
  /** The text searched for instead of a query that found nothing ("Fußball" for "Fusball"). */
  correctedQuery?: string;
};
