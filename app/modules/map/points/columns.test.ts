// The slots and their order without a database: random patches give the same set as building it
// anew from the same points, sets handed out earlier stay as they were, and parsing yields.
import { describe, expect, it } from "vitest";
import {
  applyPatch,
  compacted,
  emptyColumns,
  needsCompaction,
  parseLine,
  parseLines,
  pointSetOf,
  readSlot,
  writeSlot,
  type Point,
  type PointSet,
} from "./columns.ts";

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function generator(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (random: () => number, length: number) =>
  Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join("");

function randomPoint(random: () => number, id: string): Point {
  return {
    id,
    // Few distinct dates, so the id often breaks the tie.
    sortedAt: 1_700_000_000_000 + Math.floor(random() * 5) * 1000,
    lon: 5 + random() * 2,
    lat: 51 + random(),
    kind: Math.floor(random() * 5),
    country: random() < 0.5 ? 0 : 1,
    municipality: `GM0${Math.floor(random() * 4)}`,
    topics: Math.floor(random() * 2 ** 20),
    activities: Math.floor(random() * 2 ** 8),
    ages: Math.floor(random() * 2 ** 6),
    languages: Math.floor(random() * 2 ** 10),
    requests: Array.from({ length: Math.floor(random() * 3) }, () => [
      Math.floor(random() * 2 ** 20),
      Math.floor(random() * 2 ** 8),
      Math.floor(random() * 2 ** 6),
    ]),
  };
}

/** Newest first, then id descending: the order the full load's SQL gives. */
const byNewest = (a: Point, b: Point) => b.sortedAt - a.sortedAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

function built(points: Point[]): PointSet {
  const columns = emptyColumns(4);
  const order = Uint32Array.from([...points].sort(byNewest), (point) => writeSlot(columns, point));
  return pointSetOf("organisations", 1n, columns, order);
}

/** The set's points in its order, as plain values. */
const contents = (set: PointSet) => Array.from(set.order, (slot) => readSlot(set.columns, slot));

describe("patching a set", () => {
  it("gives the same points in the same order as building the set anew, for random changes", () => {
    const random = generator(20261207);
    const rows = new Map<string, Point>();
    for (let i = 0; i < 300; i++) {
      const id = `${hex(random, 8)}-0000-4000-8000-${hex(random, 12)}`;
      rows.set(id, randomPoint(random, id));
    }
    let set = built([...rows.values()]);
    const versions: { set: PointSet; points: Point[] }[] = [];
    for (let version = 2n; version < 60n; version++) {
      const changed: string[] = [];
      const points: Point[] = [];
      for (let k = Math.floor(random() * 12); k > 0; k--) {
        const ids = [...rows.keys()];
        const roll = random();
        if (roll < 0.3 || !ids.length) {
          const id = `${hex(random, 8)}-0000-4000-8000-${hex(random, 12)}`;
          rows.set(id, randomPoint(random, id));
          changed.push(id);
        } else if (roll < 0.5) {
          const id = ids[Math.floor(random() * ids.length)]!;
          rows.delete(id);
          changed.push(id);
        } else {
          const id = ids[Math.floor(random() * ids.length)]!;
          rows.set(id, randomPoint(random, id));
          changed.push(id);
        }
      }
      // The log may name an id twice, and an id that is not (or no longer) a point.
      const named = [...changed, ...changed.slice(0, 1), "ffffffff-0000-4000-8000-000000000000"];
      for (const id of new Set(changed)) if (rows.has(id)) points.push(rows.get(id)!);
      set = applyPatch(set, version, { changed: named, points });
      if (needsCompaction(set)) set = compacted(set);
      const expected = [...rows.values()].sort(byNewest);
      expect(contents(set)).toEqual(expected);
      expect(set.size).toBe(expected.length);
      expect(set.version).toBe(version);
      versions.push({ set, points: expected });
    }
    // Every set handed out on the way still shows its own version's points.
    for (const { set: earlier, points } of versions) expect(contents(earlier)).toEqual(points);
  });

  it("copies the live slots away once dropped ones outnumber them, in a new generation", () => {
    const random = generator(7);
    const point = randomPoint(random, "00000000-0000-4000-8000-000000000001");
    let set = built([point]);
    const first = set.generation;
    for (let version = 2n; !needsCompaction(set); version++) {
      set = applyPatch(set, version, { changed: [point.id], points: [point] });
    }
    const before = set;
    set = compacted(set);
    expect(set.generation).not.toBe(first);
    expect(set.slots).toBe(1);
    expect(contents(set)).toEqual([point]);
    expect(contents(before)).toEqual([point]);
    // Only the newest set of its columns is patched: an older one would lose the later slots.
    const next = applyPatch(set, 99n, { changed: [point.id], points: [point] });
    expect(contents(next)).toEqual([point]);
    expect(() => applyPatch(set, 100n, { changed: [], points: [] })).toThrow(/newest/);
  });
});

describe("reading the load's text", () => {
  it("reads a request's line and an organisation's with its open requests", () => {
    const request = parseLine(
      "0b8e0000-0000-4000-8000-000000000001,51.84,5.85,school,NL,GM0268,music|sport,exchange_visit,age_6_11,nl|de,1700000000000",
    );
    expect(request).toMatchObject({ sortedAt: 1_700_000_000_000, lat: 51.84, lon: 5.85, country: 0 });
    expect(request.topics).not.toBe(0);
    expect(request.requests).toEqual([]);
    const organisation = parseLine(
      "0b8e0000-0000-4000-8000-000000000002,51.79,6.14,sports_club,DE,05154036,sport,tournament,,de,1700000000000,sport/tournament/;music//seniors",
    );
    expect(organisation.country).toBe(1);
    expect(organisation.requests).toHaveLength(2);
    expect(organisation.requests[1]![0]).not.toBe(0);
    expect(organisation.requests[1]![1]).toBe(0);
  });

  it("lets timers and I/O run between slices of a long text", async () => {
    const line =
      "0b8e0000-0000-4000-8000-000000000001,51.84,5.85,school,NL,GM0268,music|sport,exchange_visit,age_6_11,nl|de,1700000000000";
    const text = Array.from({ length: 200_000 }, () => line).join("\n");
    let read = 0;
    let readWhenOtherWorkRan = -1;
    setImmediate(() => {
      readWhenOtherWorkRan = read;
    });
    await parseLines(text, () => {
      read++;
    });
    expect(read).toBe(200_000);
    expect(readWhenOtherWorkRan).toBeGreaterThan(0);
    expect(readWhenOtherWorkRan).toBeLessThan(200_000);
  });
});
