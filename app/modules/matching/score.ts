// The scorer: how well a candidate organisation (with its open requests) fits what one side is
// looking for, as a score from 0 to 100 and the reasons behind it. Pure: the candidates are chosen
// and read in PostgreSQL, this only weighs them, so it is tested without a database. Every reason is
// a translation key with parameters (reasons.ts turns them into words in the reader's language).

/** What the scores are made of. Each factor gives 0–1; its weight is what it adds at most. */
export const weights = {
  /** Shared topics are what a joint project is about: the strongest single sign. */
  topics: 22,
  /** The Euregio's own aim ("Nachbarsprache"): learners of each other's language, or a learner and native speakers. */
  tandem: 16,
  /** Pupils or members of the same age can do things together. */
  ageGroups: 14,
  /** Close partners meet more easily; decays with the distance (see distanceFactor). */
  distance: 14,
  /** The same kind of activity (an exchange visit, a tournament). */
  activities: 10,
  /** A language both speak well enough to plan in. Without one, little works. */
  sharedLanguage: 10,
  /** The same months, or one side is flexible. */
  timeframe: 6,
  /** Groups of a similar size. */
  groupSize: 4,
  /** A request published recently is more likely to be answered. */
  freshness: 4,
} as const;

/** What an unknown factor gives (a side that said nothing about ages): less than a match, more than a miss. */
const unknown = 0.4;
/** Without a request of its own, an organisation looks this far. */
export const defaultRadiusKm = 60;
/** Distance at which the distance factor has halved. */
const halfDistanceKm = 30;
/** A factor must reach this to be named as a reason. */
const reasonThreshold = 0.5;

export type LanguageSkill = { language: string; level: string };

export type RequestFacts = {
  id: string;
  topics: readonly string[];
  activityTypes: readonly string[];
  ageGroups: readonly string[];
  /** The partner kinds wanted; empty means any. */
  partnerKinds: readonly string[];
  workingLanguages: readonly string[];
  groupSizeMin: number | null;
  groupSizeMax: number | null;
  startsOn: Date | null;
  endsOn: Date | null;
  flexible: boolean;
  radiusKm: number;
  crossBorderOnly: boolean;
  publishedAt: Date | null;
};

export type OrganisationFacts = {
  id: string;
  kind: string;
  country: "NL" | "DE";
  lat: number;
  lon: number;
  languages: readonly LanguageSkill[];
};

/** The side looking: an organisation, with the open request it looks for (or none). */
export type Seeker = OrganisationFacts & { request: RequestFacts | null };

/** A possible partner: verified and not archived (the selection in SQL checks it again), with its open requests. */
export type Candidate = OrganisationFacts & {
  status: string;
  archived: boolean;
  requests: readonly RequestFacts[];
};

export type Reason = { key: string; values: Record<string, string | number | readonly string[]> };

export type Suggestion = {
  organisationId: string;
  /** The candidate's request that fits best, or null when it has none that fits. */
  requestId: string | null;
  score: number;
  distanceKm: number;
  reasons: Reason[];
};

export type ScoreContext = {
  now: Date;
  /** Organisations never to suggest: blocked, dismissed, declined before, or already matched. */
  excluded: ReadonlySet<string>;
};

/** Great-circle distance in kilometres (haversine, on a sphere of the earth's mean radius). */
export function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const radians = (degrees: number) => (degrees * Math.PI) / 180;
  const dLat = radians(b.lat - a.lat);
  const dLon = radians(b.lon - a.lon);
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.lat)) * Math.cos(radians(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** 1 next door, ½ at 30 km, ¼ at 60 km. */
export function distanceFactor(km: number): number {
  return 2 ** (-km / halfDistanceKm);
}

function shared(a: readonly string[], b: readonly string[]): string[] {
  return a.filter((value) => b.includes(value));
}

/** Shared values over the smaller side's count: two topics of two shared is a full match. Unknown when a side has none. */
export function overlapFactor(a: readonly string[], b: readonly string[]): number {
  if (!a.length || !b.length) return unknown;
  return shared(a, b).length / Math.min(a.length, b.length);
}

const learnerLevels = ["A1", "A2", "B1", "B2"];
const usableLevels = ["B1", "B2", "C1", "C2", "native"];

const isLearner = (skill: LanguageSkill) => learnerLevels.includes(skill.level);
const isNative = (skill: LanguageSkill) => skill.level === "native";

/**
 * The neighbour-language tandem: each learns the other's native language (the best case), or one
 * learns a language the other speaks natively. Only Dutch and German count: the Euregio's aim.
 */
export function tandem(
  mine: readonly LanguageSkill[],
  theirs: readonly LanguageSkill[],
): { factor: number; reason: Reason | null } {
  const neighbour = ["nl", "de"];
  const learns = (skills: readonly LanguageSkill[]) =>
    skills
      .filter((skill) => neighbour.includes(skill.language) && isLearner(skill))
      .map((skill) => skill.language);
  const native = (skills: readonly LanguageSkill[]) =>
    skills
      .filter((skill) => neighbour.includes(skill.language) && isNative(skill))
      .map((skill) => skill.language);
  const iLearnTheirs = learns(mine).filter((language) => native(theirs).includes(language));
  const theyLearnMine = learns(theirs).filter((language) => native(mine).includes(language));
  if (iLearnTheirs[0] && theyLearnMine[0]) {
    return {
      factor: 1,
      reason: { key: "matching:reasons.tandem", values: { mine: iLearnTheirs[0], theirs: theyLearnMine[0] } },
    };
  }
  if (iLearnTheirs[0]) {
    return {
      factor: 0.7,
      reason: { key: "matching:reasons.learnerMeetsNative", values: { language: iLearnTheirs[0] } },
    };
  }
  if (theyLearnMine[0]) {
    return {
      factor: 0.6,
      reason: { key: "matching:reasons.nativeMeetsLearner", values: { language: theyLearnMine[0] } },
    };
  }
  return { factor: 0, reason: null };
}

/** A language both speak at B1 or better, the request's working languages first. */
export function sharedLanguage(
  mine: readonly LanguageSkill[],
  theirs: readonly LanguageSkill[],
  preferred: readonly string[] = [],
): string | null {
  const usable = (skills: readonly LanguageSkill[]) =>
    skills.filter((skill) => usableLevels.includes(skill.level)).map((skill) => skill.language);
  const both = shared(usable(mine), usable(theirs));
  return both.find((language) => preferred.includes(language)) ?? both[0] ?? null;
}

/** Do the two periods overlap? Flexible or undated sides fit anything, but say less. */
export function timeframeFactor(a: RequestFacts | null, b: RequestFacts | null): number {
  if (!a || !b) return unknown;
  const dated = (request: RequestFacts) => !request.flexible && request.startsOn && request.endsOn;
  if (!dated(a) || !dated(b)) return 0.7;
  return a.startsOn! <= b.endsOn! && b.startsOn! <= a.endsOn! ? 1 : 0;
}

/** Groups whose size ranges overlap fit; further apart, less. */
export function groupSizeFactor(a: RequestFacts | null, b: RequestFacts | null): number {
  if (!a || !b) return unknown;
  const range = (request: RequestFacts): [number, number] | null => {
    const low = request.groupSizeMin ?? request.groupSizeMax;
    const high = request.groupSizeMax ?? request.groupSizeMin;
    return low === null || high === null ? null : [low, high];
  };
  const ra = range(a);
  const rb = range(b);
  if (!ra || !rb) return unknown;
  const [lowA, highA] = ra;
  const [lowB, highB] = rb;
  if (lowA <= highB && lowB <= highA) return 1;
  const gap = Math.max(lowA - highB, lowB - highA);
  return Math.max(0, 1 - gap / Math.max(highA, highB));
}

/** 1 for a request published this fortnight, falling to 0 at three months. */
export function freshnessFactor(publishedAt: Date | null, now: Date): number {
  if (!publishedAt) return unknown;
  const days = (now.getTime() - publishedAt.getTime()) / 86_400_000;
  if (days <= 14) return 1;
  return Math.max(0, 1 - (days - 14) / 76);
}

/** May these two requests go together at all? The wanted kinds and the border rule of each. */
function compatible(seeker: Seeker, candidate: Candidate, theirs: RequestFacts): boolean {
  if (theirs.partnerKinds.length && !theirs.partnerKinds.includes(seeker.kind)) return false;
  if (theirs.crossBorderOnly && candidate.country === seeker.country) return false;
  return true;
}

type Factors = Record<keyof typeof weights, number>;

function requestFactors(seeker: Seeker, theirs: RequestFacts | null, now: Date) {
  const mine = seeker.request;
  return {
    topics: mine && theirs ? overlapFactor(mine.topics, theirs.topics) : unknown,
    activities: mine && theirs ? overlapFactor(mine.activityTypes, theirs.activityTypes) : unknown,
    ageGroups: mine && theirs ? overlapFactor(mine.ageGroups, theirs.ageGroups) : unknown,
    timeframe: timeframeFactor(mine, theirs),
    groupSize: groupSizeFactor(mine, theirs),
    freshness: theirs ? freshnessFactor(theirs.publishedAt, now) : unknown,
  };
}

const total = (factors: Factors) =>
  (Object.keys(weights) as (keyof typeof weights)[]).reduce(
    (sum, name) => sum + weights[name] * factors[name],
    0,
  );

/**
 * The candidate's score and reasons, or null when a hard filter rules it out: itself, excluded,
 * not verified or archived, the same country where the seeker wants the other side, a kind the
 * seeker's request does not want, beyond its radius, or only requests that do not want the seeker.
 */
export function scoreCandidate(
  seeker: Seeker,
  candidate: Candidate,
  context: ScoreContext,
): Suggestion | null {
  const mine = seeker.request;
  if (candidate.id === seeker.id || context.excluded.has(candidate.id)) return null;
  if (candidate.status !== "verified" || candidate.archived) return null;
  if ((mine?.crossBorderOnly ?? true) && candidate.country === seeker.country) return null;
  if (mine?.partnerKinds.length && !mine.partnerKinds.includes(candidate.kind)) return null;
  const km = distanceKm(seeker, candidate);
  if (km > (mine?.radiusKm ?? defaultRadiusKm)) return null;

  const fitting = candidate.requests.filter((theirs) => compatible(seeker, candidate, theirs));
  // An organisation whose every request wants someone else is not a partner for these.
  if (candidate.requests.length && !fitting.length) return null;

  const languageTandem = tandem(seeker.languages, candidate.languages);
  const language = sharedLanguage(seeker.languages, candidate.languages, mine?.workingLanguages);
  const organisationFactors = {
    tandem: languageTandem.factor,
    sharedLanguage: language ? 1 : 0,
    distance: distanceFactor(km),
  };
  // The candidate's best request, or the organisation alone when it has none.
  const options = fitting.length ? fitting : [null];
  const scored = options.map((theirs) => {
    const factors: Factors = { ...organisationFactors, ...requestFactors(seeker, theirs, context.now) };
    return { theirs, factors, points: total(factors) };
  });
  const best = scored.reduce((a, b) => (b.points > a.points ? b : a));

  return {
    organisationId: candidate.id,
    requestId: best.theirs?.id ?? null,
    score: Math.round(Math.min(100, Math.max(0, best.points))),
    distanceKm: Math.round(km * 10) / 10,
    reasons: reasonsFor(seeker, best.theirs, best.factors, languageTandem.reason, language, km),
  };
}

function reasonsFor(
  seeker: Seeker,
  theirs: RequestFacts | null,
  factors: Factors,
  tandemReason: Reason | null,
  language: string | null,
  km: number,
): Reason[] {
  const mine = seeker.request;
  const reasons: { reason: Reason; weight: number }[] = [];
  const add = (name: keyof typeof weights, reason: Reason | null) => {
    if (reason && factors[name] >= reasonThreshold)
      reasons.push({ reason, weight: weights[name] * factors[name] });
  };
  if (mine && theirs) {
    const topics = shared(mine.topics, theirs.topics);
    if (topics.length) add("topics", { key: "matching:reasons.topics", values: { topics } });
    const activities = shared(mine.activityTypes, theirs.activityTypes);
    if (activities.length) add("activities", { key: "matching:reasons.activities", values: { activities } });
    const ages = shared(mine.ageGroups, theirs.ageGroups);
    if (ages.length) add("ageGroups", { key: "matching:reasons.ageGroups", values: { ages } });
    if (factors.timeframe === 1) add("timeframe", { key: "matching:reasons.timeframe", values: {} });
    if (factors.groupSize === 1) add("groupSize", { key: "matching:reasons.groupSize", values: {} });
  }
  add("tandem", tandemReason);
  if (language) add("sharedLanguage", { key: "matching:reasons.sharedLanguage", values: { language } });
  if (theirs && factors.freshness === 1) add("freshness", { key: "matching:reasons.fresh", values: {} });
  reasons.sort((a, b) => b.weight - a.weight);
  // The distance is always told, last: it is a fact about the pair more than a reason.
  return [
    ...reasons.map((entry) => entry.reason),
    { key: "matching:reasons.distance", values: { km: Math.max(1, Math.round(km)) } },
  ];
}

/** The candidates that pass, best first (a tie goes to the nearer one), at most `limit`. */
export function rankCandidates(
  seeker: Seeker,
  candidates: readonly Candidate[],
  context: ScoreContext,
  limit = 10,
): Suggestion[] {
  return candidates
    .map((candidate) => scoreCandidate(seeker, candidate, context))
    .filter((suggestion): suggestion is Suggestion => suggestion !== null)
    .sort(
      (a, b) =>
        b.score - a.score || a.distanceKm - b.distanceKm || a.organisationId.localeCompare(b.organisationId),
    )
    .slice(0, limit);
}
