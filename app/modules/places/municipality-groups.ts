// The label of a municipality select's group, for the forms and filters that show the gazetteer.
// Apart from municipalities.ts, which the server's services import too: this text needs the
// taxonomy namespace, which only the pages with such a select load.
import type { MunicipalityGroup } from "./municipalities.ts";

type Translate = (key: string, values: Record<string, string>) => string;

/** "Netherlands: Euregio members" or "Netherlands: outside the Euregio", for an <optgroup>. */
export function municipalityGroupLabel(
  t: Translate,
  group: Pick<MunicipalityGroup, "country" | "member">,
): string {
  return t(group.member ? "taxonomy:municipalityGroup.member" : "taxonomy:municipalityGroup.other", {
    country: t(`taxonomy:country.${group.country}`, {}),
  });
}
