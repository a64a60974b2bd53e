import type { DbOrTrx } from '../../db/database.ts';
import { cached, VersionedCache } from './explorer.cache.ts';
import { FACET_NAMES, type FacetName, IRM_FACETS, MISSING_TOKENS, STAR_FACETS } from './explorer.facets.ts';
import { exceptKey, type FacetRow, facetCounts, listMatching, memberIdsByCode, membersById, type ResultRow, themesOf } from './explorer.repository.ts';
import { type ExplorerState, filterKey } from './explorer.state.ts';

// The explorer's rules: which commitments match, how many per facet value, which page to show.
// Reading only, so no transaction and no audit; answers are cached under the data version.

export interface FacetValue {
  value: string;
  count: number;
  /** The member's name, for the member facet; other facets are labelled by the presenter. */
  name?: string;
}

export interface FacetCount {
  /** The most frequent values, and every selected one that still matches something. */
  values: FacetValue[];
  /** How many other values match something but are not listed. */
  more: number;
}

export type FacetCounts = Record<FacetName, FacetCount>;

export interface Counts {
  total: number;
  facets: FacetCounts;
}

export interface ResultItem extends ResultRow {
  themes: string[];
}

export interface ExplorerResult extends Counts {
  items: ResultItem[];
}

/** Values listed per facet: a page of checkboxes stays short, and a search finds the rest (member names are searchable). */
export const FACET_VALUES_MAX = 40;

// Enough for every facet combination a busy day brings; each entry is a few kilobytes.
const countCaches = new WeakMap<object, VersionedCache<Counts>>();
const pageCaches = new WeakMap<object, VersionedCache<ResultItem[]>>();
const CACHE_CAPACITY = 2000;

const missingToken = (code: string | null): string | null => (code ? (MISSING_TOKENS[code as keyof typeof MISSING_TOKENS] ?? null) : null);

/** The rows of one facet as value → count; a rating's missing code becomes its ND, NR or NA bucket. */
function tally(rows: FacetRow[], facet: string, valueOf: (row: FacetRow) => string | null = (row) => row.value ?? missingToken(row.detail)): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) {
    if (row.facet !== facet || row.count === 0) continue;
    const value = valueOf(row);
    if (value !== null && value !== '') counts.set(value, (counts.get(value) ?? 0) + row.count);
  }
  return counts;
}

const STARRED: Readonly<Record<string, string>> = { '1': 'yes', '0': 'no' };

function starTally(rows: FacetRow[], state: ExplorerState, facet: (typeof STAR_FACETS)[number]): Map<string, number> {
  const key = `${facet.formula}:${facet.report}`;
  return tally(rows, `stars:${exceptKey(state, facet.name)}`, (row) => (row.value === key ? (STARRED[row.detail ?? ''] ?? missingToken(row.detail)) : null));
}

/** The most frequent values of a facet (ties in value order), always keeping the selected ones. */
function shortList(counts: Map<string, number>, keep: (value: string) => boolean): FacetCount {
  const all = [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
  const values = all.filter((v, i) => i < FACET_VALUES_MAX || keep(v.value));
  return { values, more: all.length - values.length };
}

/** How many commitments match, and how many would for each value of each facet. */
export function countFacets(db: DbOrTrx, state: ExplorerState): Promise<Counts> {
  return cached(countCaches, CACHE_CAPACITY, db, filterKey(state), async () => {
    const rows = await facetCounts(db, state);
    const facets = {} as FacetCounts;
    for (const name of FACET_NAMES) {
      const selected = new Set(state.filters[name] ?? []);
      const star = STAR_FACETS.find((f) => f.name === name);
      const counts = star ? starTally(rows, state, star) : tally(rows, name);
      facets[name] = shortList(counts, (value) => selected.has(value));
    }
    // The member facet is counted by id; the address names members by code, so the listed ones are looked up.
    const selectedIds = new Set(await memberIdsByCode(db, state.filters.member ?? []));
    const byId = shortList(tally(rows, 'member'), (id) => selectedIds.has(id));
    const members = await membersById(
      db,
      byId.values.map((v) => v.value),
    );
    facets.member = {
      more: byId.more,
      values: byId.values.map((v) => {
        const member = members.get(v.value);
        return member ? { value: member.code, count: v.count, name: member.name } : v;
      }),
    };
    return { total: rows.find((r) => r.facet === 'total')?.count ?? 0, facets };
  });
}

/** One page of matching commitments in the state's order, each with its policy areas. */
export function pageOfResults(db: DbOrTrx, state: ExplorerState): Promise<ResultItem[]> {
  const key = JSON.stringify([filterKey(state), state.sort, state.page, state.pageSize]);
  return cached(pageCaches, CACHE_CAPACITY, db, key, async () => {
    const rows = await listMatching(db, state, { limit: state.pageSize, offset: (state.page - 1) * state.pageSize });
    const themes = await themesOf(
      db,
      rows.map((r) => r.id),
    );
    return rows.map((row) => ({ ...row, themes: themes.get(row.id) ?? [] }));
  });
}

/** The page of results and every facet's counts. A page past the end is empty, never an error. */
export async function explore(db: DbOrTrx, state: ExplorerState): Promise<ExplorerResult> {
  const [counts, items] = await Promise.all([countFacets(db, state), pageOfResults(db, state)]);
  return { ...counts, items };
}
