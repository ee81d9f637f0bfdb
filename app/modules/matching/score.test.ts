// The scorer on its own: each factor, the hard filters, the reasons, and the order of realistic pairs.
import { describe, expect, it } from "vitest";
import { getFixedT } from "~/modules/i18n/instances.server.ts";
import { reasonText } from "./reasons.ts";
import {
  distanceFactor,
  distanceKm,
  freshnessFactor,
  groupSizeFactor,
  overlapFactor,
  rankCandidates,
  scoreCandidate,
  sharedLanguage,
  tandem,
  timeframeFactor,
  weights,
  type Candidate,
  type RequestFacts,
  type Seeker,
} from "./score.ts";

const now = new Date("2026-12-01T12:00:00Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
const context = { now, excluded: new Set<string>() };

const places = {
  wijchen: { lat: 51.809, lon: 5.727 },
  nijmegen: { lat: 51.842, lon: 5.853 },
  kleve: { lat: 51.788, lon: 6.138 },
  emmerich: { lat: 51.838, lon: 6.246 },
  duesseldorf: { lat: 51.227, lon: 6.773 },
};

function request(id: string, overrides: Partial<RequestFacts> = {}): RequestFacts {
  return {
    id,
    topics: [],
    activityTypes: [],
    ageGroups: [],
    partnerKinds: [],
    workingLanguages: [],
    groupSizeMin: null,
    groupSizeMax: null,
    startsOn: null,
    endsOn: null,
    flexible: true,
    radiusKm: 50,
    crossBorderOnly: true,
    publishedAt: daysAgo(3),
    ...overrides,
  };
}

function candidate(id: string, overrides: Partial<Candidate> & { lat: number; lon: number }): Candidate {
  return {
    id,
    kind: "school",
    country: "DE",
    languages: [{ language: "de", level: "native" }],
    status: "verified",
    archived: false,
    requests: [],
    ...overrides,
  };
}

/** A secondary school in Wijchen whose pupils learn German, looking for a partner school to visit. */
const wijchenRequest = request("wijchen-request", {
  topics: ["neighbour_language", "music"],
  activityTypes: ["exchange_visit"],
  ageGroups: ["age_12_15"],
  workingLanguages: ["de", "nl"],
  groupSizeMin: 20,
  groupSizeMax: 28,
  startsOn: new Date("2027-03-01"),
  endsOn: new Date("2027-05-31"),
  flexible: false,
  radiusKm: 100,
  crossBorderOnly: false,
});
const wijchen: Seeker = {
  id: "wijchen",
  kind: "school",
  country: "NL",
  ...places.wijchen,
  languages: [
    { language: "nl", level: "native" },
    { language: "de", level: "A2" },
    { language: "en", level: "B1" },
  ],
  request: wijchenRequest,
};

const kleveSchool = candidate("kleve-school", {
  ...places.kleve,
  languages: [
    { language: "de", level: "native" },
    { language: "nl", level: "A2" },
    { language: "en", level: "B1" },
  ],
  requests: [
    request("kleve-request", {
      topics: ["neighbour_language"],
      activityTypes: ["exchange_visit", "online_exchange"],
      ageGroups: ["age_12_15", "age_16_18"],
      groupSizeMin: 22,
      groupSizeMax: 30,
      startsOn: new Date("2027-04-01"),
      endsOn: new Date("2027-06-30"),
      flexible: false,
      publishedAt: daysAgo(5),
    }),
  ],
});
const nijmegenSchool = candidate("nijmegen-school", {
  ...places.nijmegen,
  country: "NL",
  languages: [
    { language: "nl", level: "native" },
    { language: "de", level: "A2" },
  ],
  requests: [
    request("nijmegen-request", {
      topics: ["neighbour_language"],
      activityTypes: ["exchange_visit"],
      ageGroups: ["age_12_15"],
      crossBorderOnly: false,
      publishedAt: daysAgo(5),
    }),
  ],
});
const duesseldorfClub = candidate("duesseldorf-club", {
  ...places.duesseldorf,
  kind: "sports_club",
  languages: [
    { language: "de", level: "native" },
    { language: "en", level: "B2" },
  ],
  requests: [
    request("club-request", { topics: ["sport"], activityTypes: ["tournament"], ageGroups: ["age_12_15"] }),
  ],
});

describe("factors", () => {
  it("measures distance along the earth: Wijchen–Kleve about 28 km, Wijchen–Düsseldorf about 97 km", () => {
    expect(distanceKm(places.wijchen, places.kleve)).toBeCloseTo(28, 0);
    expect(distanceKm(places.wijchen, places.duesseldorf)).toBeGreaterThan(90);
    expect(distanceKm(places.kleve, places.kleve)).toBe(0);
  });

  it("halves the distance factor every 30 km", () => {
    expect(distanceFactor(0)).toBe(1);
    expect(distanceFactor(30)).toBeCloseTo(0.5);
    expect(distanceFactor(60)).toBeCloseTo(0.25);
  });

  it("counts an overlap against the smaller side, and an unknown side as less than a match", () => {
    expect(overlapFactor(["music", "arts"], ["music", "arts", "sport"])).toBe(1);
    expect(overlapFactor(["music", "arts"], ["music", "sport"])).toBe(0.5);
    expect(overlapFactor(["music"], ["sport"])).toBe(0);
    expect(overlapFactor([], ["sport"])).toBeGreaterThan(0);
    expect(overlapFactor([], ["sport"])).toBeLessThan(0.5);
  });

  it("finds the neighbour-language tandem, then a learner meeting native speakers", () => {
    const dutchLearningGerman = [
      { language: "nl", level: "native" },
      { language: "de", level: "A2" },
    ];
    const germanLearningDutch = [
      { language: "de", level: "native" },
      { language: "nl", level: "A1" },
    ];
    const germanOnly = [{ language: "de", level: "native" }];
    expect(tandem(dutchLearningGerman, germanLearningDutch)).toEqual({
      factor: 1,
      reason: { key: "matching:reasons.tandem", values: { mine: "de", theirs: "nl" } },
    });
    expect(tandem(dutchLearningGerman, germanOnly).reason?.key).toBe("matching:reasons.learnerMeetsNative");
    expect(tandem(germanOnly, dutchLearningGerman).reason?.key).toBe("matching:reasons.nativeMeetsLearner");
    expect(tandem(germanOnly, germanOnly).factor).toBe(0);
    // Only Dutch and German: English learners meeting English speakers are not the Euregio's tandem.
    expect(tandem([{ language: "en", level: "A2" }], [{ language: "en", level: "native" }]).factor).toBe(0);
  });

  it("finds a language both speak at B1 or better, the request's working languages first", () => {
    const a = [
      { language: "en", level: "B2" },
      { language: "de", level: "C1" },
    ];
    const b = [
      { language: "en", level: "B1" },
      { language: "de", level: "native" },
    ];
    expect(sharedLanguage(a, b)).toBe("en");
    expect(sharedLanguage(a, b, ["de"])).toBe("de");
    expect(
      sharedLanguage([{ language: "de", level: "A2" }], [{ language: "de", level: "native" }]),
    ).toBeNull();
  });

  it("compares periods, group sizes and age of a request", () => {
    const spring = request("a", {
      flexible: false,
      startsOn: new Date("2027-03-01"),
      endsOn: new Date("2027-05-31"),
    });
    const summer = request("b", {
      flexible: false,
      startsOn: new Date("2027-07-01"),
      endsOn: new Date("2027-08-31"),
    });
    const april = request("c", {
      flexible: false,
      startsOn: new Date("2027-04-01"),
      endsOn: new Date("2027-04-30"),
    });
    expect(timeframeFactor(spring, april)).toBe(1);
    expect(timeframeFactor(spring, summer)).toBe(0);
    expect(timeframeFactor(spring, request("d"))).toBeGreaterThan(0.5);

    const class25 = request("e", { groupSizeMin: 20, groupSizeMax: 28 });
    expect(groupSizeFactor(class25, request("f", { groupSizeMin: 25, groupSizeMax: 30 }))).toBe(1);
    expect(groupSizeFactor(class25, request("g", { groupSizeMin: 80, groupSizeMax: 100 }))).toBeLessThan(0.5);

    expect(freshnessFactor(daysAgo(2), now)).toBe(1);
    expect(freshnessFactor(daysAgo(50), now)).toBeCloseTo(1 - 36 / 76);
    expect(freshnessFactor(daysAgo(120), now)).toBe(0);
  });

  it("keeps every weight in one table that adds up to 100", () => {
    expect(Object.values(weights).reduce((sum, weight) => sum + weight, 0)).toBe(100);
  });
});

describe("hard filters", () => {
  const crossBorder: Seeker = { ...wijchen, request: { ...wijchenRequest, crossBorderOnly: true } };

  it("leaves out the same country when the request wants the other side", () => {
    expect(scoreCandidate(crossBorder, nijmegenSchool, context)).toBeNull();
    expect(scoreCandidate(crossBorder, kleveSchool, context)).not.toBeNull();
  });

  it("leaves out kinds the request does not want", () => {
    const schoolsOnly: Seeker = { ...wijchen, request: { ...wijchenRequest, partnerKinds: ["school"] } };
    expect(scoreCandidate(schoolsOnly, duesseldorfClub, context)).toBeNull();
    expect(scoreCandidate(schoolsOnly, kleveSchool, context)).not.toBeNull();
  });

  it("leaves out what lies beyond the radius", () => {
    const near: Seeker = { ...wijchen, request: { ...wijchenRequest, radiusKm: 25 } };
    expect(scoreCandidate(near, kleveSchool, context)).toBeNull();
    expect(
      scoreCandidate({ ...near, request: { ...wijchenRequest, radiusKm: 30 } }, kleveSchool, context),
    ).not.toBeNull();
  });

  it("leaves out itself, the excluded, the unverified and the archived", () => {
    expect(scoreCandidate(wijchen, { ...kleveSchool, id: "wijchen" }, context)).toBeNull();
    expect(scoreCandidate(wijchen, kleveSchool, { now, excluded: new Set(["kleve-school"]) })).toBeNull();
    expect(scoreCandidate(wijchen, { ...kleveSchool, status: "pending" }, context)).toBeNull();
    expect(scoreCandidate(wijchen, { ...kleveSchool, archived: true }, context)).toBeNull();
  });

  it("leaves out an organisation whose every request wants another kind or the other side", () => {
    const wantsClubs = {
      ...kleveSchool,
      requests: [{ ...kleveSchool.requests[0]!, partnerKinds: ["sports_club"] }],
    };
    expect(scoreCandidate(wijchen, wantsClubs, context)).toBeNull();
    const dutchOnly = {
      ...nijmegenSchool,
      requests: [{ ...nijmegenSchool.requests[0]!, crossBorderOnly: true }],
    };
    expect(scoreCandidate(wijchen, dutchOnly, context)).toBeNull();
  });

  it("looks 60 km around an organisation without a request of its own", () => {
    const organisation: Seeker = { ...wijchen, request: null };
    expect(scoreCandidate(organisation, kleveSchool, context)).not.toBeNull();
    expect(scoreCandidate(organisation, duesseldorfClub, context)).toBeNull();
  });
});

describe("ranking realistic pairs", () => {
  it("ranks the Kleve school learning Dutch above a Nijmegen school and a Düsseldorf sports club", () => {
    const ranked = rankCandidates(wijchen, [duesseldorfClub, nijmegenSchool, kleveSchool], context);
    expect(ranked.map((suggestion) => suggestion.organisationId)).toEqual([
      "kleve-school",
      "nijmegen-school",
      "duesseldorf-club",
    ]);
    const [kleve, nijmegen, club] = ranked;
    expect(kleve!.score - nijmegen!.score).toBeGreaterThanOrEqual(10);
    expect(nijmegen!.score).toBeGreaterThan(club!.score);
    expect(kleve!.requestId).toBe("kleve-request");
    expect(kleve!.score).toBeGreaterThan(70);
    expect(kleve!.score).toBeLessThanOrEqual(100);
  });

  it("picks the candidate's request that fits best", () => {
    const twoRequests = {
      ...kleveSchool,
      requests: [
        request("football", { topics: ["sport"], activityTypes: ["tournament"], publishedAt: daysAgo(80) }),
        kleveSchool.requests[0]!,
      ],
    };
    expect(scoreCandidate(wijchen, twoRequests, context)?.requestId).toBe("kleve-request");
  });

  it("gives the reasons strongest first, the distance last", () => {
    const kleve = scoreCandidate(wijchen, kleveSchool, context)!;
    const keys = kleve.reasons.map((reason) => reason.key);
    expect(keys.slice(0, 2)).toEqual(["matching:reasons.topics", "matching:reasons.tandem"]);
    expect(keys).toContain("matching:reasons.ageGroups");
    expect(keys).toContain("matching:reasons.timeframe");
    expect(keys).toContain("matching:reasons.groupSize");
    expect(keys.at(-1)).toBe("matching:reasons.distance");
    expect(kleve.reasons.at(-1)!.values).toEqual({ km: 28 });
  });

  it("reads the reasons in Dutch and German", () => {
    const kleve = scoreCandidate(wijchen, kleveSchool, context)!;
    const texts = (locale: "nl" | "de") =>
      kleve.reasons.map((reason) => reasonText(getFixedT(locale, "matching"), reason, locale));
    expect(texts("nl")).toEqual([
      "Beide willen werken aan taal en buurtaal",
      "Uw groep leert Duits, die van hen Nederlands: een buurtaaltandem",
      "Dezelfde leeftijdsgroep: 12–15 jaar",
      "Beide plannen: uitwisselingsbezoek",
      "U kunt samenwerken in het Engels",
      "Uw plannen vallen in dezelfde periode",
      "Groepen van vergelijkbare grootte",
      "Hun verzoek is nieuw",
      "28 km van elkaar",
    ]);
    expect(texts("de")).toEqual([
      "Beide möchten zu Sprache und Nachbarsprache arbeiten",
      "Ihre Gruppe lernt Deutsch, die andere Niederländisch: ein Nachbarsprachen-Tandem",
      "Gleiche Altersgruppe: 12–15 Jahre",
      "Beide planen: Austauschbesuch",
      "Sie können auf Englisch zusammenarbeiten",
      "Ihre Pläne liegen im selben Zeitraum",
      "Gruppen ähnlicher Größe",
      "Die Anfrage ist neu",
      "28 km entfernt",
    ]);
  });

  it("joins several values as the language does, names in lower case inside Dutch and English sentences", () => {
    const reason = { key: "matching:reasons.topics", values: { topics: ["music", "arts"] } };
    expect(reasonText(getFixedT("de", "matching"), reason, "de")).toBe(
      "Beide möchten zu Musik und Bildende Kunst arbeiten",
    );
    expect(reasonText(getFixedT("nl", "matching"), reason, "nl")).toBe(
      "Beide willen werken aan muziek en beeldende kunst",
    );
    expect(reasonText(getFixedT("en", "matching"), reason, "en")).toBe(
      "Both want to work on music and visual arts",
    );
  });
});
