// The organisation form's limits and field names, without Zod, for the form in the browser; the
// schemas (schemas.ts) build on them on the server.

/** One select per language of the taxonomy, named `level_<language>`; blank means not spoken. */
export const languageFieldName = (language: string) => `level_${language}`;

export const DESCRIPTION_MAX = 4000;
