// The request form's limits and field names, without Zod, for the form in the browser; the schema
// (schemas.ts) builds on them on the server.
import type { Locale } from "~/modules/i18n/config.ts";

export const TITLE_MAX = 120;
export const DESCRIPTION_MAX = 5000;
export const GROUP_SIZE_MIN = 1;
export const GROUP_SIZE_MAX = 1000;
export const RADIUS_MIN = 5;
export const RADIUS_MAX = 300;
export const RADIUS_DEFAULT = 50;
/** A timeframe plans the coming years: a date outside these is a typo ("0026") or a probe (0000 is no date PostgreSQL stores). */
export const DATE_YEAR_MIN = 2000;
export const DATE_YEAR_MAX = 2100;

const capitalized = { nl: "Nl", de: "De", en: "En" } as const satisfies Record<Locale, string>;
export const titleField = (locale: Locale) => `title${capitalized[locale]}` as const;
export const descriptionField = (locale: Locale) => `description${capitalized[locale]}` as const;
