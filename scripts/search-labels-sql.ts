// Prints the SQL of the search_taxonomy_labels view from locales/*/taxonomy.json, so search finds a
// Dutch "voetbal" club by "Fußball". Paste its output into a new migration when a label changes;
// tests/integration/search.test.ts fails until the database labels equal the locale files.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { searchedVocabularies } from "../app/modules/taxonomy/taxonomy.ts";

type Labels = Record<string, Record<string, string>>;

function readLabels(locale: string): Labels {
  const file = join(import.meta.dirname, "..", "locales", locale, "taxonomy.json");
  return JSON.parse(readFileSync(file, "utf8")) as Labels;
}

/** Every searched (vocabulary, key) with its nl/de/en labels. */
export function taxonomyLabelRows() {
  const [nl, de, en] = ["nl", "de", "en"].map(readLabels) as [Labels, Labels, Labels];
  return searchedVocabularies.flatMap((vocabulary) =>
    Object.keys(en[vocabulary] ?? {}).map((key) => ({
      vocabulary,
      key,
      nl: nl[vocabulary]?.[key] ?? "",
      de: de[vocabulary]?.[key] ?? "",
      en: en[vocabulary]?.[key] ?? "",
    })),
  );
}

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

export function taxonomyLabelsSql(): string {
  const rows = taxonomyLabelRows().map(
    (row) => `    (${[row.vocabulary, row.key, row.nl, row.de, row.en].map(literal).join(", ")})`,
  );
  return `CREATE OR REPLACE VIEW "search_taxonomy_labels" ("vocabulary", "key", "nl", "de", "en") AS\nVALUES\n${rows.join(",\n")};\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(taxonomyLabelsSql());
