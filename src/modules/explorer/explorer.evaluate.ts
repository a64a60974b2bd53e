import type { MultiColumn, SingleColumn } from './explorer.columns.ts';
import type { FacetName, Sort } from './explorer.facets.ts';
import { type FacetIndex, INDEXED_FACETS, type MultiFacet, SINGLE_FACETS, type SingleFacet } from './explorer.index.ts';
import type { ExplorerState } from './explorer.state.ts';

// One pass over the facet index: which commitments match the state, how many would match with each facet
// value, and the first rows of the result in the state's order.

/** The commitments containing the searched words, by document number, with their relevance when ranked. */
export interface TextMatches {
  docs: Int32Array;
  /** Relevance, parallel to docs, higher is better; null when not ranked. */
  scores: Float64Array | null;
}

export interface Evaluation {
  total: number;
  /** For each facet, value → how many commitments would match with that value chosen instead (or as well). */
  counts: Record<FacetName, Map<string, number>>;
  /** The first matching rows in the state's order: as many as asked for, or all of them. */
  rows: Int32Array;
  /** Relevance by row for the words' matches when ranked; empty otherwise. */
  scores: Float64Array;
}

/** A selected facet as the pass tests it: its column, and which of its value numbers are allowed. */
interface ActiveFilter {
  facet: number;
  codes: Int32Array;
  /** For a multi column; null for a single one. */
  offsets: Int32Array | null;
  allowed: Uint8Array;
}

const singles = SINGLE_FACETS.length;
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
  return Uint8Array.from(dictionary, (value) => (isSelected(value) ? 1 : 0));
}

function activeFilters(index: FacetIndex, state: ExplorerState): ActiveFilter[] {
  const filters: ActiveFilter[] = [];
  INDEXED_FACETS.forEach((facet, f) => {
    const values = state.filters[facet] ?? [];
    if (values.length === 0) return;
    const column = columnOf(index, f);
    filters.push({ facet: f, codes: column.codes, offsets: column.offsets, allowed: allowedCodes(index, facet, values, column.values) });
  });
  return filters;
}

function passes(filter: ActiveFilter, row: number): boolean {
  const { codes, offsets, allowed } = filter;
  if (offsets === null) {
    const code = codes[row]!;
    return code >= 0 && allowed[code] === 1;
  }
  for (let k = offsets[row]!; k < offsets[row + 1]!; k++) if (allowed[codes[k]!] === 1) return true;
  return false;
}

/**
 * Filters, counts and orders in one pass. A commitment passing every filter counts in every facet; one
 * failing exactly one filter still counts in that filter's own facet, which is how each facet's counts
 * leave out its own selection and answer "how many if I ticked this too". Only the first `limit` rows of the
 * order are worked out: a page needs those, a download all of them.
 */
export function evaluate(index: FacetIndex, state: ExplorerState, text: TextMatches | null, limit = Number.POSITIVE_INFINITY): Evaluation {
  const { size, live } = index;
  const filters = activeFilters(index, state);
  const columns = INDEXED_FACETS.map((_, f) => columnOf(index, f));
  const tallies = columns.map((c) => new Int32Array(c.values.length));
  // Every row below `size` has an entry in every column (rows are filled or emptied whole), so no bounds checks.
  const singleCodes = columns.slice(0, singles).map((c) => c.codes);
  const singleTallies = tallies.slice(0, singles);
  const multis = columns.slice(singles).map((c, m) => ({ offsets: c.offsets!, codes: c.codes, tally: tallies[singles + m]! }));
  const countIn = (f: number, row: number) => {
    if (f < singles) {
      const code = singleCodes[f]![row]!;
      if (code >= 0) singleTallies[f]![code]!++;
      return;
    }
    const { offsets, codes, tally } = multis[f - singles]!;
    for (let k = offsets[row]!; k < offsets[row + 1]!; k++) tally[codes[k]!]!++;
  };
  const countInAll = (row: number) => {
    for (let f = 0; f < singles; f++) {
      const code = singleCodes[f]![row]!;
      if (code >= 0) singleTallies[f]![code]!++;
    }
    for (const { offsets, codes, tally } of multis) for (let k = offsets[row]!; k < offsets[row + 1]!; k++) tally[codes[k]!]!++;
  };

  const matched = new Uint8Array(size);
  const scores = text?.scores ? new Float64Array(size) : new Float64Array(0);
  let total = 0;
  const visit = (row: number) => {
    if (live[row] !== 1 || matched[row] === 1) return;
    let failed = -1;
    let fails = 0;
    for (let k = 0; k < filters.length && fails < 2; k++) {
      if (!passes(filters[k]!, row)) {
        fails++;
        failed = filters[k]!.facet;
      }
    }
    if (fails === 0) {
      matched[row] = 1;
      total++;
      countInAll(row);
    } else if (fails === 1) {
      countIn(failed, row);
    }
  };
  if (text) {
    const { rowOfDoc } = index;
    for (let k = 0; k < text.docs.length; k++) {
      const doc = text.docs[k]!;
      const row = doc < rowOfDoc.length ? rowOfDoc[doc]! : -1;
      if (row < 0) continue;
      if (text.scores) scores[row] = text.scores[k]!;
      visit(row);
    }
  } else {
    for (let row = 0; row < size; row++) visit(row);
  }

  const counts = {} as Record<FacetName, Map<string, number>>;
  INDEXED_FACETS.forEach((facet, f) => {
    const values = columns[f]!.values;
    const tally = tallies[f]!;
    const map = new Map<string, number>();
    for (let code = 0; code < tally.length; code++) if (tally[code]! > 0) map.set(values[code]!, tally[code]!);
    counts[facet] = map;
  });
  const wanted = Math.min(total, limit);
  const rows = state.sort === 'relevance' && text?.scores ? bestFirst(index, matched, scores, wanted) : inOrder(index, state.sort, matched, wanted);
  return { total, counts, rows, scores };
}

/** The first `wanted` matched rows of one of the index's orders. */
function inOrder(index: FacetIndex, sort: Sort, matched: Uint8Array, wanted: number): Int32Array {
  const order = index.orders[sort === 'title' ? 'title' : sort === 'member' ? 'member' : 'newest'].view();
  const rows = new Int32Array(wanted);
  let n = 0;
  for (let k = 0; k < order.length && n < wanted; k++) if (matched[order[k]!] === 1) rows[n++] = order[k]!;
  return rows;
}

/**
 * The `wanted` most relevant matched rows, best first, equal scores in ogp_id order. A bounded heap keeps
 * only as many as a page needs, rather than sorting every match.
 */
function bestFirst(index: FacetIndex, matched: Uint8Array, scores: Float64Array, wanted: number): Int32Array {
  const { rank } = index;
  // Negative when a ranks before b.
  const before = (a: number, b: number): number => scores[b]! - scores[a]! || rank[a]! - rank[b]!;
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
  for (let row = 0; row < matched.length; row++) {
    if (matched[row] !== 1) continue;
    if (n < wanted) {
      heap[n++] = row;
      siftUp(n - 1);
    } else if (before(row, heap[0]!) < 0) {
      heap[0] = row;
      siftDown(0);
    }
  }
  return heap.sort(before);
}
