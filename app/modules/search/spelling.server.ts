// The label words typos are corrected to: every searched vocabulary's labels in nl, de and en, the
// same labels the search documents carry (search_taxonomy_labels), built once per process.
import { locales } from "~/modules/i18n/config.ts";
import { resources } from "~/modules/i18n/resources.server.ts";
import { searchedVocabularies } from "~/modules/taxonomy/taxonomy.ts";
import { buildVocabulary, correctSpelling, type Vocabulary } from "./spelling.ts";

let vocabulary: Vocabulary | undefined;

function labelVocabulary(): Vocabulary {
  vocabulary ??= buildVocabulary(
    locales.flatMap((locale) =>
      searchedVocabularies.flatMap((name) => {
        const labels = (resources[locale].taxonomy as Record<string, Record<string, string> | undefined>)[
          name
        ];
        return Object.values(labels ?? {});
      }),
    ),
  );
  return vocabulary;
}

/** `q` with its topic, sport and kind words corrected ("Fusball" → "Fußball"), or null. */
export function correctedQuery(q: string | undefined): string | null {
  return q ? correctSpelling(q, labelVocabulary()) : null;
}
