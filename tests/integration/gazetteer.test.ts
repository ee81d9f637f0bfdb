// The gazetteer is read once per process (only migrations change it) and gives what the table holds.
import { describe, expect, it } from "vitest";
import { listGazetteer, municipalityGroups } from "~/modules/places/municipalities.server.ts";
import { prisma } from "~/utils/db.server.ts";

describe("gazetteer", () => {
  it("holds every municipality of the table, read once and kept", async () => {
    const rows = await prisma.municipality.findMany({ orderBy: { name: "asc" } });
    const [first, second] = await Promise.all([listGazetteer(), listGazetteer()]);
    const third = await listGazetteer();
    expect(first.map((entry) => entry.code)).toEqual(rows.map((row) => row.code));
    expect(first.find((entry) => entry.code === rows[0]!.code)).toMatchObject({
      name: rows[0]!.name,
      country: rows[0]!.country,
      member: rows[0]!.member,
      lat: rows[0]!.lat,
      lon: rows[0]!.lon,
    });
    // The same list each time: one read, kept.
    expect(second).toBe(first);
    expect(third).toBe(first);
  });

  it("groups the options by country, members first, in the reader's language, sorted as they read", async () => {
    const [dutch, german] = await Promise.all([municipalityGroups("nl"), municipalityGroups("de")]);
    expect(dutch.map((group) => [group.country, group.member])).toEqual([
      ["NL", true],
      ["NL", false],
      ["DE", true],
      ["DE", false],
    ]);
    const kleve = await prisma.municipality.findFirstOrThrow({ where: { name: "Kleve" } });
    expect(kleve.member).toBe(true);
    const dutchLabel = dutch[2]!.options.find((option) => option.value === kleve.code)?.label;
    expect(dutchLabel).toBe(kleve.nameNl ?? kleve.name);
    for (const group of dutch) {
      const codes = await prisma.municipality.findMany({
        where: { country: group.country, member: group.member },
        select: { code: true },
      });
      expect(group.options.map((option) => option.value).sort()).toEqual(codes.map((row) => row.code).sort());
    }
    const labels = german[0]!.options.map((option) => option.label);
    expect(labels).toEqual([...labels].sort((a, b) => a.localeCompare(b, "de")));
    expect(await municipalityGroups("nl")).toBe(dutch);
  });
});
