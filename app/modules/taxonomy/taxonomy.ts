// The fixed vocabularies: organisation kinds, sports, activity types, topics, age groups, languages,
// levels and sizes. Keys are stored; labels live in locales/<lng>/taxonomy.json.
export const organisationKinds = [
  "school",
  "sports_club",
  "cultural",
  "historical_society",
  "youth",
  "other",
] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

export const schoolLevels = ["primary", "secondary", "vocational"] as const;

export const sports = [
  "football",
  "handball",
  "hockey",
  "basketball",
  "volleyball",
  "korfball",
  "tennis",
  "table_tennis",
  "athletics",
  "swimming",
  "cycling",
  "rowing_canoeing",
  "gymnastics",
  "judo_martial_arts",
  "equestrian",
  "other",
] as const;

export const activityTypes = [
  "exchange_visit",
  "joint_project",
  "tournament",
  "online_exchange",
  "event",
  "twinning",
] as const;

export const topics = [
  "neighbour_language",
  "history_heritage",
  "remembrance",
  "sport",
  "music",
  "arts",
  "theatre_dance",
  "literature_media",
  "science_technology",
  "digital_skills",
  "environment_nature",
  "climate_energy",
  "citizenship_europe",
  "vocational_skills",
  "entrepreneurship",
  "health_wellbeing",
  "inclusion",
  "food_agriculture",
  "local_traditions",
  "youth_participation",
] as const;

export const ageGroups = [
  "age_0_5",
  "age_6_11",
  "age_12_15",
  "age_16_18",
  "age_19_25",
  "adults",
  "seniors",
] as const;

/** Languages an organisation may speak; working languages of a request are a subset. */
export const languages = ["nl", "de", "en", "fr", "es", "pl", "tr", "ar", "other"] as const;
export const workingLanguages = ["nl", "de", "en"] as const;
export const languageLevels = ["A1", "A2", "B1", "B2", "C1", "C2", "native"] as const;

export const sizeRanges = ["1-25", "26-100", "101-250", "251-500", "501-1000", "1000+"] as const;

export const countries = ["NL", "DE"] as const;
export type Country = (typeof countries)[number];

/** The vocabularies whose labels (in nl, de and en) search documents carry, and typos are corrected to. */
export const searchedVocabularies = ["kind", "schoolLevel", "sport", "activity", "topic"] as const;
