import type { SingleColumn } from './explorer.columns.ts';

// The facets with few values (region, status, ratings, stars…; the member too while there are few members) packed side by
// side, a few to a 16-bit code, a row's four codes next to one another. Counting fourteen facets over a common word's
// matches was fourteen passes over the rows, about a quarter of a search at ×100; counting the packed codes is one
// pass reading eight bytes a row, into tallies of a few thousand entries, each split back into its facets after.
// Filters on these facets are checked the same way: one table lookup per code says how many of them a row fails.

/** Bits per code: a tally of every code of a group then stays within 4,096 entries (16 KB, in the fastest cache). */
const GROUP_BITS = 12;
/**
 * Codes per row. Fixed, so the counting loop is written out for each: V8 does not unroll a loop over a variable
 * number of groups, and that loop ran three times slower. Forty-eight bits hold OGP's fourteen small facets.
 */
export const GROUPS = 4;
/** A facet with more values than this many bits hold (the member, past 254 members) stays a column of its own. */
const MAX_FACET_BITS = 8;

/** Where one facet's value number (plus one, 0 for none) sits in its group's code. */
export interface PackedFacet {
  /** The facet's number (its position in INDEXED_FACETS). */
  facet: number;
  group: number;
  shift: number;
  mask: number;
}

const bitsFor = (values: number): number => 32 - Math.clz32(values + 1);

/** A filter on a packed facet: its place, its allowed value numbers (at number plus one), its number in the caller's list. */
export interface PackedFilter {
  place: PackedFacet;
  allowed: Uint8Array;
  index: number;
}

/** What filterAndTally finds in one pass. */
export interface PackedPass {
  /** How many rows pass every filter: the first this many of the `passing` array it was given. */
  passed: number;
  /** The passing rows' codes counted per group, as tally() counts them. */
  tallies: Int32Array;
  /** For each filter, by its number: its own facet counted over the rows failing that filter alone, at value number plus one. */
  own: Int32Array[];
}

/** Room in the own-facet tallies for each filter: a packed facet's value numbers take at most MAX_FACET_BITS bits. */
const OWN_ROOM = 1 << MAX_FACET_BITS;
const NO_FAILURES = new Uint8Array(1 << GROUP_BITS);
const NOWHERE = new Int32Array(1 << GROUP_BITS);

export class PackedFacets {
  /** Row r's code of group g is records[r * GROUPS + g]; a group holding no facet is all 0. */
  records = new Uint16Array(0);
  /** Each packed facet, by group, in facet order. */
  facets: PackedFacet[] = [];
  /** Facet number → its place, or undefined when it is not packed. */
  private byFacet = new Map<number, PackedFacet>();
  private size = 0;
  private laidOut = false;

  /**
   * @param columns the single columns, by facet number
   */
  constructor(private readonly columns: readonly SingleColumn[]) {}

  placeOf(facet: number): PackedFacet | undefined {
    return this.byFacet.get(facet);
  }

  /**
   * Brings the codes up to the columns: only `touched` rows changed, or every row when null. A facet whose values no
   * longer fit its bits (one more value than it had room for) lays every code out afresh.
   */
  refresh(size: number, touched: readonly number[] | null): void {
    if (touched === null || !this.laidOut || !this.fits()) {
      this.layOut();
      this.size = size;
      this.records = new Uint16Array(size * GROUPS);
      for (let row = 0; row < size; row++) this.pack(row);
      return;
    }
    // Room for half as many rows again: new commitments arrive a few at a time, and each copy is the whole array.
    if (size * GROUPS > this.records.length) {
      const records = new Uint16Array(Math.max(size, Math.ceil(this.size * 1.5)) * GROUPS);
      records.set(this.records);
      this.records = records;
    }
    this.size = size;
    for (const row of touched) this.pack(row);
  }

  private fits(): boolean {
    return this.facets.every((place) => this.columns[place.facet]!.values.length <= place.mask);
  }

  /**
   * Each facet gets the bits of its values plus one spare value, so a new value seldom means a new layout. The widest
   * go first, each into the first group with room (first fit decreasing); one that fits nowhere stays a column.
   */
  private layOut(): void {
    const used = new Array<number>(GROUPS).fill(0);
    const wanted = this.columns
      .map((column, facet) => ({ facet, bits: bitsFor(column.values.length + 1) }))
      .filter(({ bits }) => bits <= MAX_FACET_BITS)
      .sort((a, b) => b.bits - a.bits || a.facet - b.facet);
    this.facets = [];
    for (const { facet, bits } of wanted) {
      const group = used.findIndex((bitsUsed) => bitsUsed + bits <= GROUP_BITS);
      if (group < 0) continue;
      this.facets.push({ facet, group, shift: used[group]!, mask: (1 << bits) - 1 });
      used[group]! += bits;
    }
    this.facets.sort((a, b) => a.facet - b.facet);
    this.byFacet = new Map(this.facets.map((place) => [place.facet, place]));
    this.laidOut = true;
  }

  private pack(row: number): void {
    const base = row * GROUPS;
    for (let g = 0; g < GROUPS; g++) this.records[base + g] = 0;
    for (const { facet, group, shift } of this.facets) {
      const codes = this.columns[facet]!.codes;
      this.records[base + group]! |= (row < codes.length ? codes[row]! : 0) << shift;
    }
  }

  /** Every code's count over the first `n` of `rows`, per group: tallies[g * 2^GROUP_BITS + code]. */
  tally(rows: Int32Array, n: number): Int32Array {
    const { records } = this;
    const tallies = new Int32Array(GROUPS << GROUP_BITS);
    for (let k = 0; k < n; k++) {
      const base = rows[k]! * GROUPS;
      tallies[records[base]!]!++;
      tallies[(1 << GROUP_BITS) + records[base + 1]!]!++;
      tallies[(2 << GROUP_BITS) + records[base + 2]!]!++;
      tallies[(3 << GROUP_BITS) + records[base + 3]!]!++;
    }
    return tallies;
  }

  /** Each packed facet's counts from the group tallies, by facet number, at value number plus one (0 counts none). */
  facetTallies(tallies: Int32Array): Map<number, Int32Array> {
    const byFacet = new Map<number, Int32Array>();
    for (const place of this.facets) byFacet.set(place.facet, new Int32Array(this.columns[place.facet]!.values.length + 1));
    for (let g = 0; g < GROUPS; g++) {
      const places = this.facets.filter((place) => place.group === g);
      if (places.length === 0) continue;
      const start = g << GROUP_BITS;
      for (let code = 0; code < 1 << GROUP_BITS; code++) {
        const count = tallies[start + code]!;
        if (count === 0) continue;
        for (const place of places) byFacet.get(place.facet)![(code >> place.shift) & place.mask]! += count;
      }
    }
    return byFacet;
  }

  /**
   * Filters and counts in one pass when every filter is on a packed facet, reading each row's codes once: the rows
   * passing every filter go into `passing` (their relevance into `passingScores`, when ranked) and into the group
   * tallies; a row failing one filter alone counts in that filter's own facet. Apart, the filtering, the sorting out
   * and the counting were three passes over a common word's rows and their scattered codes, half a search at ×100.
   */
  filterAndTally(rows: Int32Array, scores: Float64Array | null, filters: readonly PackedFilter[], passing: Int32Array, passingScores: Float64Array | null): PackedPass {
    const tables = this.failureTables(filters);
    const fails = tables.map((table) => table?.fails ?? NO_FAILURES);
    // For a code failing one filter of its group: where that filter's own tally counts the code's value.
    const ownAt = tables.map((table) => (table ? ownPlaces(table, filters) : NOWHERE));
    const [f0, f1, f2, f3] = fails as [Uint8Array, Uint8Array, Uint8Array, Uint8Array];
    const [o0, o1, o2, o3] = ownAt as [Int32Array, Int32Array, Int32Array, Int32Array];
    const { records } = this;
    const tallies = new Int32Array(GROUPS << GROUP_BITS);
    const numbers = filters.reduce((most, filter) => Math.max(most, filter.index + 1), 0);
    const own = new Int32Array(numbers * OWN_ROOM);
    let passed = 0;
    for (let k = 0; k < rows.length; k++) {
      const row = rows[k]!;
      const base = row * GROUPS;
      const c0 = records[base]!;
      const c1 = records[base + 1]!;
      const c2 = records[base + 2]!;
      const c3 = records[base + 3]!;
      const failed = f0[c0]! + f1[c1]! + f2[c2]! + f3[c3]!;
      if (failed === 0) {
        passing[passed] = row;
        if (passingScores !== null) passingScores[passed] = scores![k]!;
        passed++;
        tallies[c0]!++;
        tallies[(1 << GROUP_BITS) + c1]!++;
        tallies[(2 << GROUP_BITS) + c2]!++;
        tallies[(3 << GROUP_BITS) + c3]!++;
      } else if (failed === 1) {
        own[f0[c0] ? o0[c0]! : f1[c1] ? o1[c1]! : f2[c2] ? o2[c2]! : o3[c3]!]!++;
      }
    }
    return { passed, tallies, own: Array.from({ length: numbers }, (_, i) => own.subarray(i * OWN_ROOM, (i + 1) * OWN_ROOM)) };
  }

  /**
   * For each group, a table over its codes: how many of the given filters a code fails (0–255), and which of them
   * (`index`, its number in the caller's list) it failed last. `allowed[v]` is 1 for each allowed value number plus one.
   */
  failureTables(filters: readonly PackedFilter[]): Array<{ fails: Uint8Array; last: Uint8Array } | null> {
    const tables: Array<{ fails: Uint8Array; last: Uint8Array } | null> = Array.from({ length: GROUPS }, () => null);
    for (const { place, allowed, index } of filters) {
      const table = (tables[place.group] ??= { fails: new Uint8Array(1 << GROUP_BITS), last: new Uint8Array(1 << GROUP_BITS) });
      for (let code = 0; code < 1 << GROUP_BITS; code++) {
        const value = (code >> place.shift) & place.mask;
        if (value < allowed.length && allowed[value] === 1) continue;
        table.fails[code]!++;
        table.last[code] = index;
      }
    }
    return tables;
  }
}

/** Over a group's codes: for one failing a single filter, that filter's number times OWN_ROOM plus the code's value in its facet. */
function ownPlaces(table: { fails: Uint8Array; last: Uint8Array }, filters: readonly PackedFilter[]): Int32Array {
  const places = new Int32Array(1 << GROUP_BITS);
  const byIndex = new Map(filters.map((filter) => [filter.index, filter]));
  for (let code = 0; code < places.length; code++) {
    if (table.fails[code] !== 1) continue;
    const { place, index } = byIndex.get(table.last[code]!)!;
    places[code] = index * OWN_ROOM + ((code >> place.shift) & place.mask);
  }
  return places;
}
