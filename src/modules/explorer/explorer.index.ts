import type { DocumentMatch } from '../../db/fulltext.ts';
import { type FacetName, IRM_FACETS, MISSING_TOKENS, OGP_VALUES, RELEVANT, type Sort, STAR_FACETS } from './explorer.facets.ts';
import type { IndexRows } from './explorer.repository.ts';
import type { ExplorerState } from './explorer.state.ts';

// The explorer's facet index: every commitment's facet values as compact columns in memory, built from
// the database once per data version. Filtering, counting every facet and ordering a result set is then one
// pass over typed arrays (milliseconds for tens of thousands of commitments), where the same in SQL reads
// each matching commitment once per facet. The database stays the only record; this is a derived view.

/** Facets with one value per commitment (a member, a status, a rating, or none). */
const SINGLE_FACETS = [
  'member',
  'region',
  'memberType',
  'status',
  'period',
  ...IRM_FACETS.map((f) => f.name),
  ...STAR_FACETS.map((f) => f.name),
] as const satisfies readonly FacetName[];
type SingleFacet = (typeof SINGLE_FACETS)[number];

/** Facets with any number of values per commitment. */
const MULTI_FACETS = ['theme', 'value'] as const satisfies readonly FacetName[];
type MultiFacet = (typeof MULTI_FACETS)[number];

/** Each distinct value once; rows hold its number. */
class Dictionary {
  readonly values: string[] = [];
  private readonly codes = new Map<string, number>();
  codeOf(value: string | null | undefined): number {
    if (value === null || value === undefined || value === '') return -1;
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.codes.set(value, code);
    }
    return code;
  }
}

interface SingleColumn {
  /** Row → value number, -1 for none. */
  codes: Int32Array;
  values: string[];
  /** Single columns have one value per row, so no offsets. */
  offsets: null;
}

interface MultiColumn {
  /** Row r's value numbers are codes[offsets[r]] … codes[offsets[r + 1] - 1]. */
  offsets: Int32Array;
  codes: Int32Array;
  values: string[];
}

export interface MemberInfo {
  code: string;
  slug: string;
  name: string;
}

export interface FacetIndex {
  version: number;
  size: number;
  /** Row → document number (commitment_search.doc_id). Rows are in ogp_id order. */
  docs: Int32Array;
  rowOfDoc: Map<number, number>;
  single: Record<SingleFacet, SingleColumn>;
  multi: Record<MultiFacet, MultiColumn>;
  /** Rows in each order the explorer offers besides relevance and ogp_id (the rows' own order). */
  orders: Record<'title' | 'member' | 'newest', Int32Array>;
  /** By member id: what the member facet shows and what the address names a member by. */
  members: Map<string, MemberInfo>;
}

const missingToken = (code: string | null | undefined): string | null => (code ? (MISSING_TOKENS[code as keyof typeof MISSING_TOKENS] ?? null) : null);

/** Rows sorted by a text key, ties in row (ogp_id) order. Plain code-unit comparison: the same on every machine. */
function orderBy(keys: string[], descending = false): Int32Array {
  const rows = Int32Array.from({ length: keys.length }, (_, row) => row);
  const sign = descending ? -1 : 1;
  return rows.sort((a, b) => (keys[a]! < keys[b]! ? -sign : keys[a]! > keys[b]! ? sign : a - b));
}

/** A single-valued column filled row by row: starts with every row at -1 (no value). */
function emptyColumn(size: number): { codes: Int32Array; dictionary: Dictionary } {
  return { codes: new Int32Array(size).fill(-1), dictionary: new Dictionary() };
}

export function buildIndex(version: number, data: IndexRows): FacetIndex {
  const docOf = new Map(data.search.map((s) => [s.commitment_id, s.doc_id]));
  // Rows in ogp_id order, so ties in every other order fall back to it; only indexed commitments count.
  const commitments = data.commitments.filter((c) => docOf.has(c.id)).sort((a, b) => (a.ogp_id < b.ogp_id ? -1 : a.ogp_id > b.ogp_id ? 1 : 0));
  const size = commitments.length;
  const rowOf = new Map<string, number>();
  const rowOfDoc = new Map<number, number>();
  const docs = new Int32Array(size);
  commitments.forEach((c, row) => {
    const doc = docOf.get(c.id)!;
    docs[row] = doc;
    rowOf.set(c.id, row);
    rowOfDoc.set(doc, row);
  });
  const members = new Map(data.members.map((m) => [m.id, m]));
  const plans = new Map(data.plans.map((p) => [p.id, p]));

  const column = (valueOf: (row: number) => string | null | undefined): SingleColumn => {
    const dictionary = new Dictionary();
    const codes = new Int32Array(size);
    for (let row = 0; row < size; row++) codes[row] = dictionary.codeOf(valueOf(row));
    return { codes, values: dictionary.values, offsets: null };
  };
  const periodOf = (planId: string): string | null => {
    const plan = plans.get(planId);
    return plan?.start_date && plan.end_date ? `${plan.start_date.slice(0, 4)}-${plan.end_date.slice(0, 4)}` : null;
  };
  const single = {
    member: column((row) => commitments[row]!.member_id),
    region: column((row) => members.get(commitments[row]!.member_id)?.region),
    memberType: column((row) => members.get(commitments[row]!.member_id)?.member_type),
    status: column((row) => commitments[row]!.implementation_status),
    period: column((row) => periodOf(commitments[row]!.plan_id)),
  } as Record<SingleFacet, SingleColumn>;

  // Ratings and stars are read per table and placed by row.
  const ratingColumns = IRM_FACETS.map(() => emptyColumn(size));
  const relevant: Array<[number, string]> = [];
  for (const rating of data.ratings) {
    const row = rowOf.get(rating.commitment_id);
    if (row === undefined) continue;
    IRM_FACETS.forEach((facet, f) => (ratingColumns[f]!.codes[row] = ratingColumns[f]!.dictionary.codeOf(rating[facet.field] ?? missingToken(rating[`${facet.field}_missing`]))));
    for (const value of OGP_VALUES) if (rating[value.field] === RELEVANT) relevant.push([row, value.value]);
  }
  IRM_FACETS.forEach((facet, f) => (single[facet.name] = { codes: ratingColumns[f]!.codes, values: ratingColumns[f]!.dictionary.values, offsets: null }));
  const starColumns = STAR_FACETS.map(() => emptyColumn(size));
  for (const star of data.stars) {
    const row = rowOf.get(star.commitment_id);
    const f = STAR_FACETS.findIndex((facet) => facet.formula === star.formula && facet.report === star.report);
    if (row === undefined || f < 0) continue;
    starColumns[f]!.codes[row] = starColumns[f]!.dictionary.codeOf(star.starred === 1 ? 'yes' : star.starred === 0 ? 'no' : missingToken(star.missing));
  }
  STAR_FACETS.forEach((facet, f) => (single[facet.name] = { codes: starColumns[f]!.codes, values: starColumns[f]!.dictionary.values, offsets: null }));

  const tagged: Array<[number, string]> = [];
  for (const tag of data.tags) {
    const row = rowOf.get(tag.commitment_id);
    if (row !== undefined) tagged.push([row, tag.tag]);
  }

  return {
    version,
    size,
    docs,
    rowOfDoc,
    single,
    multi: { theme: multiColumn(size, tagged), value: multiColumn(size, relevant) },
    orders: {
      title: orderBy(commitments.map((c) => c.title.toLowerCase())),
      member: orderBy(commitments.map((c) => (members.get(c.member_id)?.name ?? '').toLowerCase())),
      newest: orderBy(
        commitments.map((c) => plans.get(c.plan_id)?.start_date ?? ''),
        true,
      ),
    },
    members: new Map(data.members.map((m) => [m.id, { code: m.ogp_code ?? m.slug, slug: m.slug, name: m.name }])),
  };
}

/** A multi-valued column from (row, value) pairs in any order. */
function multiColumn(size: number, pairs: Array<[number, string]>): MultiColumn {
  const dictionary = new Dictionary();
  const offsets = new Int32Array(size + 1);
  for (const [row] of pairs) offsets[row + 1]!++;
  for (let row = 0; row < size; row++) offsets[row + 1]! += offsets[row]!;
  const codes = new Int32Array(pairs.length);
  const next = offsets.slice(0, size);
  for (const [row, value] of pairs) codes[next[row]!++] = dictionary.codeOf(value);
  return { offsets, codes, values: dictionary.values };
}

export interface Evaluation {
  total: number;
  /** For each facet, value → how many commitments would match with that value chosen instead (or as well). */
  counts: Record<FacetName, Map<string, number>>;
  /** The matching rows in the state's order. */
  rows: Int32Array;
  /** Relevance by row, for the words' matches; NaN elsewhere. Empty without words. */
  scores: Float64Array;
}

/** A selected facet as the pass over the rows tests it: a single or a multi column, and which of its values are allowed. */
interface ActiveFilter {
  /** The facet's number: singles first, then multis, as in FACETS. */
  facet: number;
  codes: Int32Array;
  /** For a multi column; null for a single one. */
  offsets: Int32Array | null;
  allowed: Uint8Array;
}

const FACETS: readonly FacetName[] = [...SINGLE_FACETS, ...MULTI_FACETS];

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
  FACETS.forEach((facet, f) => {
    const values = state.filters[facet] ?? [];
    if (values.length === 0) return;
    const column = f < SINGLE_FACETS.length ? index.single[facet as SingleFacet] : index.multi[facet as MultiFacet];
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
 * leave out its own selection and answer "how many if I ticked this too".
 */
export function evaluate(index: FacetIndex, state: ExplorerState, text: DocumentMatch[] | null): Evaluation {
  const { size } = index;
  const singles = SINGLE_FACETS.length;
  let scores = new Float64Array(0);
  if (text) {
    scores = new Float64Array(size).fill(Number.NaN);
    for (const match of text) {
      const row = index.rowOfDoc.get(match.doc);
      if (row !== undefined) scores[row] = match.score;
    }
  }
  const filters = activeFilters(index, state);
  const columns: Array<SingleColumn | MultiColumn> = FACETS.map((facet, f) => (f < singles ? index.single[facet as SingleFacet] : index.multi[facet as MultiFacet]));
  const codes = columns.map((c) => c.codes);
  const offsets = columns.map((c) => c.offsets);
  const tallies = columns.map((c) => new Int32Array(c.values.length));
  const countIn = (f: number, row: number) => {
    const rowOffsets = offsets[f];
    if (rowOffsets) {
      for (let k = rowOffsets[row]!; k < rowOffsets[row + 1]!; k++) tallies[f]![codes[f]![k]!]!++;
      return;
    }
    const code = codes[f]![row]!;
    if (code >= 0) tallies[f]![code]!++;
  };

  const matched = new Uint8Array(size);
  let total = 0;
  for (let row = 0; row < size; row++) {
    if (text && Number.isNaN(scores[row])) continue;
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
      for (let f = 0; f < FACETS.length; f++) countIn(f, row);
    } else if (fails === 1) {
      countIn(failed, row);
    }
  }

  const counts = {} as Record<FacetName, Map<string, number>>;
  FACETS.forEach((facet, f) => {
    const values = columns[f]!.values;
    counts[facet] = new Map(values.flatMap((value, code) => (tallies[f]![code]! > 0 ? [[value, tallies[f]![code]!] as const] : [])));
  });
  return { total, counts, rows: orderRows(index, state.sort, matched, total, text ? scores : null), scores };
}

function orderRows(index: FacetIndex, sort: Sort, matched: Uint8Array, total: number, scores: Float64Array | null): Int32Array {
  const ordered = new Int32Array(total);
  let n = 0;
  if (sort === 'relevance' && scores) {
    for (let row = 0; row < index.size; row++) if (matched[row]) ordered[n++] = row;
    // Best first; equal scores in ogp_id order, which is the rows' own.
    return ordered.sort((a, b) => scores[b]! - scores[a]! || a - b);
  }
  const order = sort === 'title' ? index.orders.title : sort === 'member' ? index.orders.member : index.orders.newest;
  for (const row of order) if (matched[row]) ordered[n++] = row;
  return ordered;
}
