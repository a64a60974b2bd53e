import { grown, MASK_VALUES, type MultiColumn, type RowCodes, type SingleColumn } from './explorer.columns.ts';
import type { FacetName, Sort } from './explorer.facets.ts';
import { type FacetIndex, INDEXED_FACETS, type MultiFacet, SINGLE_FACETS, type SingleFacet } from './explorer.index.ts';
import { GROUPS, type PackedFilter } from './explorer.packed-facets.ts';
import type { ExplorerState } from './explorer.state.ts';

// Over the facet index: which commitments match the state, how many would match with each facet value, and the
// first rows of the result in the state's order. Only the rows the words matched are visited (every row when there
// are no words): at ×100 a common word's matches are scattered over 600,000 rows, and reading the columns of those
// rows, not the arithmetic, is what costs.

/** The commitments containing the searched words, by document number, with their relevance when ranked. */
export interface TextMatches {
  docs: Int32Array;
  /** Relevance, parallel to docs, higher is better; null when not ranked. */
  scores: Float64Array | null;
}

/**
 * A facet's counts, left in the tally they were counted in: value number plus one → how many. Iterates as
 * [value, count] pairs of the values counted at least once. At ×100 a common word's member facet counts some twenty
 * thousand members, and turning every tally into a Map cost a tenth of a search.
 */
export class FacetTally implements Iterable<[string, number]> {
  private counted = -1;

  constructor(
    readonly values: readonly string[],
    readonly tally: Int32Array,
  ) {}

  /** How many values were counted at least once. */
  get size(): number {
    if (this.counted < 0) {
      let counted = 0;
      for (let code = 1; code < this.tally.length; code++) if (this.tally[code]! > 0) counted++;
      this.counted = counted;
    }
    return this.counted;
  }

  *[Symbol.iterator](): Iterator<[string, number]> {
    for (let code = 1; code < this.tally.length; code++) if (this.tally[code]! > 0) yield [this.values[code - 1]!, this.tally[code]!];
  }
}

export interface Evaluation {
  total: number;
  /** For each facet, value → how many commitments would match with that value chosen instead (or as well). */
  counts: Record<FacetName, FacetTally>;
  /** The first matching rows in the state's order: as many as asked for, or all of them. */
  rows: Int32Array;
  /** The relevance of each of `rows` when ranked by the words; empty otherwise. */
  scores: Float64Array;
}

/**
 * A selected facet as the pass tests it: its column, and which of its value numbers are allowed, each at its number
 * plus one (single columns' rows hold it so, 0 meaning none, which is never allowed).
 */
interface ActiveFilter {
  facet: number;
  codes: RowCodes;
  /** For a multi column; null for a single one. */
  offsets: Int32Array | null;
  /** A multi column's bit masks, when it keeps them. */
  masks: Uint8Array | null;
  allowed: Uint8Array;
}

const singles = SINGLE_FACETS.length;
const PACKED_COUNT_MIN = 1024;

/**
 * Working arrays, reused from one evaluation to the next: evaluate runs from start to end without waiting, and
 * nothing it returns is one of them. At ×100 a common word's candidates filled a few megabytes of fresh arrays per
 * search, which the garbage collector then had to clear. They grow to the most candidates seen (600,000 rows take
 * about 16 MB) and stay.
 */
const scratch = {
  rows: new Int32Array(0),
  scores: new Float64Array(0),
  passing: new Int32Array(0),
  passingScores: new Float64Array(0),
  fails: new Uint8Array(0),
  lastFailed: new Uint8Array(0),
};
type ScratchName = keyof typeof scratch;

/** The first `n` entries of a working array, of unspecified content. */
function room<K extends ScratchName>(name: K, n: number): (typeof scratch)[K] {
  const array = scratch[name];
  if (array.length < n) scratch[name] = new (array.constructor as new (length: number) => (typeof scratch)[K])(Math.max(n, Math.ceil(array.length * 1.5)));
  return scratch[name].subarray(0, n) as (typeof scratch)[K];
}

const columnOf = (index: FacetIndex, f: number): SingleColumn | MultiColumn =>
  f < singles ? index.single[INDEXED_FACETS[f] as SingleFacet] : index.multi[INDEXED_FACETS[f] as MultiFacet];

/** Which of a facet's value numbers the state selects. The member facet is selected by OGP code or slug. */
function allowedCodes(index: FacetIndex, facet: FacetName, values: string[], dictionary: string[]): Uint8Array {
  const selected = new Set(values);
  const isSelected =
    facet === 'member'
      ? (memberId: string) => {
          const member = index.members.get(memberId);
          return member !== undefined && (selected.has(member.code) || selected.has(member.slug));
        }
      : (value: string) => selected.has(value);
  const allowed = new Uint8Array(dictionary.length + 1);
  dictionary.forEach((value, code) => {
    if (isSelected(value)) allowed[code + 1] = 1;
  });
  return allowed;
}

function activeFilters(index: FacetIndex, state: ExplorerState): ActiveFilter[] {
  const filters: ActiveFilter[] = [];
  INDEXED_FACETS.forEach((facet, f) => {
    const values = state.filters[facet] ?? [];
    if (values.length === 0) return;
    const column = columnOf(index, f);
    const masks = column.offsets === null ? null : column.masks;
    filters.push({ facet: f, codes: column.codes, offsets: column.offsets, masks, allowed: allowedCodes(index, facet, values, column.values) });
  });
  return filters;
}

/** Rows to look at, with their relevance (parallel) when the words were ranked. */
interface Candidates {
  rows: Int32Array;
  scores: Float64Array | null;
}

/**
 * The rows of the words' matches, in document order; every live row when there are no words. A document maps to a
 * row only while that row is live and holds it (the index keeps it so), so no row needs a second look.
 */
function candidatesOf(index: FacetIndex, text: TextMatches | null): Candidates {
  const { size, live } = index;
  if (!text) {
    const rows = room('rows', size);
    let n = 0;
    for (let row = 0; row < size; row++) if (live[row] === 1) rows[n++] = row;
    return { rows: rows.subarray(0, n), scores: null };
  }
  const { docs } = text;
  const rows = room('rows', docs.length);
  if (!text.scores) {
    const n = rowsOf(index.rowOfDoc, docs, rows);
    return { rows: rows.subarray(0, n), scores: null };
  }
  const scores = room('scores', docs.length);
  const n = scoredRowsOf(index.rowOfDoc, docs, text.scores, rows, scores);
  return { rows: rows.subarray(0, n), scores: scores.subarray(0, n) };
}

// The two loops below are written out apart, over arrays passed in: with the match object's fields read inside one
// loop that tests for scores on every step, mapping a common word's 30,000 documents took 180 µs rather than 104.

/** The rows of `docs` into `rows`; how many. */
function rowsOf(rowOfDoc: Int32Array, docs: Int32Array, rows: Int32Array): number {
  const known = rowOfDoc.length;
  let n = 0;
  for (let k = 0; k < docs.length; k++) {
    const doc = docs[k]!;
    const row = doc < known ? rowOfDoc[doc]! : -1;
    if (row >= 0) rows[n++] = row;
  }
  return n;
}

/** The same, each row's relevance kept beside it. */
function scoredRowsOf(rowOfDoc: Int32Array, docs: Int32Array, docScores: Float64Array, rows: Int32Array, scores: Float64Array): number {
  const known = rowOfDoc.length;
  let n = 0;
  for (let k = 0; k < docs.length; k++) {
    const doc = docs[k]!;
    const row = doc < known ? rowOfDoc[doc]! : -1;
    if (row < 0) continue;
    rows[n] = row;
    scores[n++] = docScores[k]!;
  }
  return n;
}

/**
 * Adds the values of the first `n` of `rows` to a facet's tally, kept at value number plus one (0 counts none).
 * Every row below the index's size has an entry in every column (rows are filled or emptied whole): no bounds checks.
 */
function tallyRows(column: SingleColumn | MultiColumn, rows: Int32Array, n: number, tally: Int32Array): void {
  if (column.offsets !== null) {
    if (column.masks !== null) return tallyMasks(column.masks, rows, n, tally);
    return tallyMulti(column.codes, column.offsets, rows, n, tally);
  }
  const { codes } = column;
  for (let k = 0; k < n; k++) tally[codes[rows[k]!]!]!++;
}

/** A multi column's counts from its rows' bit masks: each mask counted once, then split into its values. */
function tallyMasks(masks: Uint8Array, rows: Int32Array, n: number, tally: Int32Array): void {
  const byMask = new Int32Array(1 << MASK_VALUES);
  for (let k = 0; k < n; k++) byMask[masks[rows[k]!]!]!++;
  for (let mask = 1; mask < byMask.length; mask++) {
    const count = byMask[mask]!;
    if (count === 0) continue;
    for (let value = 0; value < MASK_VALUES; value++) if ((mask >> value) & 1) tally[value + 1]! += count;
  }
}

function tallyMulti(codes: RowCodes, offsets: Int32Array, rows: Int32Array, n: number, tally: Int32Array): void {
  for (let k = 0; k < n; k++) {
    const row = rows[k]!;
    const end = offsets[row + 1]!;
    for (let i = offsets[row]!; i < end; i++) tally[codes[i]! + 1]!++;
  }
}

/**
 * value → count for facet `f`: the rows passing every filter (`passing`, or its tally when packed), and those failing
 * only this facet's own.
 */
function countFacet(index: FacetIndex, f: number, passing: Int32Array, total: number, filters: ActiveFilter[], failedOnly: RowList[], packed: Int32Array | undefined): FacetTally {
  const column = columnOf(index, f);
  const values = column.values;
  let tally = packed;
  if (!tally) {
    tally = new Int32Array(values.length + 1);
    tallyRows(column, passing, total, tally);
  }
  for (let k = 0; k < filters.length; k++) if (filters[k]!.facet === f) tallyRows(column, failedOnly[k]!.rows, failedOnly[k]!.n, tally);
  return new FacetTally(values, tally);
}

/** The filters on packed facets, each with its number in `filters`. */
function packedFiltersOf(index: FacetIndex, filters: ActiveFilter[]): PackedFilter[] {
  const packed: PackedFilter[] = [];
  filters.forEach((filter, f) => {
    const place = index.packed.placeOf(filter.facet);
    if (place) packed.push({ place, allowed: filter.allowed, index: f });
  });
  return packed;
}

/** Adds each count of `extra` to `into`, entry by entry (extra may be the longer, its surplus all 0). */
function addInto(into: Int32Array, extra: Int32Array): void {
  for (let i = 0; i < into.length; i++) into[i]! += extra[i]!;
}

/**
 * For each of `rows`, how many filters it fails and which it failed last. Filters on packed facets are checked
 * together, one table lookup per group code; each other filter is one tight loop.
 */
function failures(index: FacetIndex, filters: ActiveFilter[], packedFilters: readonly PackedFilter[], rows: Int32Array): { fails: Uint8Array; lastFailed: Uint8Array } {
  const fails = room('fails', rows.length).fill(0);
  const lastFailed = room('lastFailed', rows.length);
  const { packed } = index;
  filters.forEach((filter, f) => {
    if (packed.placeOf(filter.facet)) return;
    if (filter.offsets === null) markSingle(filter.codes, filter.allowed, f, rows, fails, lastFailed);
    else if (filter.masks !== null) markMasks(filter.masks, maskOf(filter.allowed), f, rows, fails, lastFailed);
    else markMulti(filter.codes, filter.offsets, filter.allowed, f, rows, fails, lastFailed);
  });
  packed.failureTables(packedFilters).forEach((table, g) => {
    if (table) markPacked(packed.records, g, table.fails, table.last, rows, fails, lastFailed);
  });
  return { fails, lastFailed };
}

function markPacked(records: Uint16Array, g: number, failsOf: Uint8Array, lastOf: Uint8Array, rows: Int32Array, fails: Uint8Array, lastFailed: Uint8Array): void {
  for (let k = 0; k < rows.length; k++) {
    const code = records[rows[k]! * GROUPS + g]!;
    const failed = failsOf[code]!;
    if (failed === 0) continue;
    fails[k]! += failed;
    lastFailed[k] = lastOf[code]!;
  }
}

function markSingle(codes: RowCodes, allowed: Uint8Array, f: number, rows: Int32Array, fails: Uint8Array, lastFailed: Uint8Array): void {
  for (let k = 0; k < rows.length; k++) {
    if (allowed[codes[rows[k]!]!] === 1) continue;
    fails[k]!++;
    lastFailed[k] = f;
  }
}

/** The allowed value numbers (at number plus one in `allowed`) as bits, bit v for value number v. */
function maskOf(allowed: Uint8Array): number {
  let mask = 0;
  for (let v = 1; v < allowed.length && v <= MASK_VALUES; v++) if (allowed[v] === 1) mask |= 1 << (v - 1);
  return mask;
}

function markMasks(masks: Uint8Array, allowedMask: number, f: number, rows: Int32Array, fails: Uint8Array, lastFailed: Uint8Array): void {
  for (let k = 0; k < rows.length; k++) {
    if ((masks[rows[k]!]! & allowedMask) !== 0) continue;
    fails[k]!++;
    lastFailed[k] = f;
  }
}

function markMulti(codes: RowCodes, offsets: Int32Array, allowed: Uint8Array, f: number, rows: Int32Array, fails: Uint8Array, lastFailed: Uint8Array): void {
  for (let k = 0; k < rows.length; k++) {
    const row = rows[k]!;
    let passes = false;
    for (let i = offsets[row]!; i < offsets[row + 1]! && !passes; i++) passes = allowed[codes[i]! + 1] === 1;
    if (passes) continue;
    fails[k]!++;
    lastFailed[k] = f;
  }
}

/** A growing list of rows: the first `n` of `rows`. */
interface RowList {
  rows: Int32Array;
  n: number;
}

/**
 * Filters, counts and orders. A commitment passing every filter counts in every facet; one failing exactly one
 * filter still counts in that filter's own facet, which is how each facet's counts leave out its own selection and
 * answer "how many if I ticked this too". Only the first `limit` rows of the order are worked out: a page needs
 * those, a download all of them. The rows are sorted out first and counted facet by facet after, each count one
 * tight loop over one column.
 */
export function evaluate(index: FacetIndex, state: ExplorerState, text: TextMatches | null, limit = Number.POSITIVE_INFINITY): Evaluation {
  const filters = activeFilters(index, state);
  const candidates = candidatesOf(index, text);
  const { rows } = candidates;
  // Rows passing every filter, with their relevance; and, for each filter, the rows failing that one alone.
  let passing = rows;
  let passingScores = candidates.scores;
  let total = rows.length;
  const failedOnly: RowList[] = filters.map(() => ({ rows: new Int32Array(0), n: 0 }));
  let packedTallies: Map<number, Int32Array> | null = null;
  const packedFilters = packedFiltersOf(index, filters);
  if (filters.length > 0 && packedFilters.length === filters.length && rows.length >= PACKED_COUNT_MIN) {
    passing = room('passing', rows.length);
    passingScores = candidates.scores ? room('passingScores', rows.length) : null;
    const pass = index.packed.filterAndTally(rows, candidates.scores, packedFilters, passing, passingScores);
    total = pass.passed;
    packedTallies = index.packed.facetTallies(pass.tallies);
    for (const { place, index: k } of packedFilters) addInto(packedTallies.get(place.facet)!, pass.own[k]!);
  } else if (filters.length > 0) {
    const { fails, lastFailed } = failures(index, filters, packedFilters, rows);
    passing = room('passing', rows.length);
    passingScores = candidates.scores ? room('passingScores', rows.length) : null;
    total = 0;
    for (let k = 0; k < rows.length; k++) {
      if (fails[k] === 0) {
        if (passingScores) passingScores[total] = candidates.scores![k]!;
        passing[total++] = rows[k]!;
      } else if (fails[k] === 1) {
        const list = failedOnly[lastFailed[k]!]!;
        if (list.n === list.rows.length) list.rows = grown(list.rows, Math.max(64, list.n * 2), 0);
        list.rows[list.n++] = rows[k]!;
      }
    }
  }

  // A few rows are counted column by column: splitting the packed tallies costs some thousands of steps whatever their number.
  packedTallies ??= total >= PACKED_COUNT_MIN ? index.packed.facetTallies(index.packed.tally(passing, total)) : new Map<number, Int32Array>();
  const counts = {} as Record<FacetName, FacetTally>;
  for (let f = 0; f < INDEXED_FACETS.length; f++) counts[INDEXED_FACETS[f]!] = countFacet(index, f, passing, total, filters, failedOnly, packedTallies.get(f));

  const wanted = Math.min(total, limit);
  if (state.sort === 'relevance' && passingScores) {
    const best = bestFirst(index, passing.subarray(0, total), passingScores.subarray(0, total), wanted);
    return { total, counts, rows: Int32Array.from(best, (k) => passing[k]!), scores: Float64Array.from(best, (k) => passingScores[k]!) };
  }
  return { total, counts, rows: inOrder(index, state.sort, passing.subarray(0, total), wanted), scores: new Float64Array(0) };
}

/** The first `wanted` of the rows in one of the index's orders. */
function inOrder(index: FacetIndex, sort: Sort, rows: Int32Array, wanted: number): Int32Array {
  const order = index.orders[sort === 'title' ? 'title' : sort === 'member' ? 'member' : 'newest'].view();
  const result = new Int32Array(wanted);
  if (wanted === 0) return result;
  const matched = new Uint8Array(index.size);
  for (const row of rows) matched[row] = 1;
  let n = 0;
  for (let k = 0; k < order.length && n < wanted; k++) if (matched[order[k]!] === 1) result[n++] = order[k]!;
  return result;
}

/**
 * The positions in `rows` of the `wanted` most relevant, best first, equal scores in ogp_id order. A bounded heap
 * keeps only as many as a page needs, rather than sorting every match.
 */
function bestFirst(index: FacetIndex, rows: Int32Array, scores: Float64Array, wanted: number): Int32Array {
  const { rank } = index;
  // Negative when a ranks before b.
  const before = (a: number, b: number): number => scores[b]! - scores[a]! || rank[rows[a]!]! - rank[rows[b]!]!;
  const heap = new Int32Array(wanted);
  let n = 0;
  // The heap's root is the worst of the best so far: a newcomer replaces it only when it ranks before it.
  const siftDown = (start: number) => {
    let i = start;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let worst = i;
      if (left < n && before(heap[worst]!, heap[left]!) < 0) worst = left;
      if (right < n && before(heap[worst]!, heap[right]!) < 0) worst = right;
      if (worst === i) return;
      [heap[i], heap[worst]] = [heap[worst]!, heap[i]!];
      i = worst;
    }
  };
  const siftUp = (start: number) => {
    let i = start;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (before(heap[parent]!, heap[i]!) >= 0) return;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  };
  if (wanted === 0) return heap;
  // Once the heap is full, the root's score: most rows score below it and are passed over on that alone.
  let floor = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < rows.length; k++) {
    if (n < wanted) {
      heap[n++] = k;
      siftUp(n - 1);
      if (n === wanted) floor = scores[heap[0]!]!;
    } else if (scores[k]! >= floor && before(k, heap[0]!) < 0) {
      heap[0] = k;
      siftDown(0);
      floor = scores[heap[0]!]!;
    }
  }
  return heap.sort(before);
}
