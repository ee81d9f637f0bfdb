// What a search finds, as the browse page, the map's list and its cards show it: plain data the
// browser receives, so it lives outside the server module that reads it.
type Texts = { nl: string | null; de: string | null; en: string | null };

export type RequestResult = {
  id: string;
  slug: string;
  title: Texts;
  organisationName: string;
  organisationSlug: string;
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
};
