// A Dutch and a German secondary school that fit each other (neighbour-language tandem, one open
// request each), for the browser tests of the double opt-in. The German one is in Wesel, outside
// the 40 km the demo users' requests look: the browser tests run in parallel on one database, and
// a school in Kleve would turn up among Sanne's suggestions while another test reads them.
import type { TestFactories } from "./fixtures.ts";

const WIJCHEN = "GM0296";
const WESEL = "05170048";

export async function crossBorderSchools(
  factories: TestFactories,
  names: { dutch: string; german: string } = {
    dutch: "Maaswaal College Wijchen",
    german: "Realschule am Lippeufer Wesel",
  },
) {
  const teacher = await factories.createUser({ locale: "nl", name: "Lotte Bakker" });
  const lehrer = await factories.createUser({ locale: "de", name: "Stefan Krüger" });
  const dutch = await factories.createOrganisation({
    municipalityCode: WIJCHEN,
    kind: "school",
    schoolLevel: "secondary",
    name: names.dutch,
    address: "Veldstraat 3, Wijchen",
    languages: [
      { language: "nl", level: "native" },
      { language: "de", level: "A2" },
    ],
    ownerId: teacher.id,
  });
  const german = await factories.createOrganisation({
    municipalityCode: WESEL,
    kind: "school",
    schoolLevel: "secondary",
    name: names.german,
    address: "Lippestraße 8, Wesel",
    languages: [
      { language: "de", level: "native" },
      { language: "nl", level: "A2" },
    ],
    ownerId: lehrer.id,
  });
  // 62 km apart: each request looks 100 km far.
  for (const organisation of [dutch, german]) {
    await factories.createOpenRequest(organisation.id, {
      topics: ["neighbour_language"],
      activityTypes: ["exchange_visit"],
      ageGroups: ["age_12_15"],
      radiusKm: 100,
    });
  }
  return { teacher, lehrer, dutch, german };
}
