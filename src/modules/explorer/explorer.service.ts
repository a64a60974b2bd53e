import type { DbOrTrx } from '../../db/database.ts';
import { searchDataVersion } from '../../db/fulltext.ts';
import { VersionedCache } from './explorer.cache.ts';
import { textOrder } from './explorer.columns.ts';
import { type Evaluation, evaluate, type FacetTally } from './explorer.evaluate.ts';
import { FACET_NAMES, type FacetName } from './explorer.facets.ts';
import type { FacetIndex } from './explorer.index.ts';
import { indexAt } from './explorer.index-store.ts';
import { type ResultRow, rowsByDoc } from './explorer.repository.ts';
import { type ExplorerState, filterKey } from './explorer.state.ts';
import { textMatches } from './explorer.text.ts';
import { mostFrequentEntries } from './explorer.top-counts.ts';

// The explorer's rules: which commitments match, how many per facet value, which page to show.
// Reading only, so no transaction of its own and no audit. The facet index, the words' matches and the
// answers are kept in memory under the data version, which triggers move with every committed change, so
// nothing stale is served.

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
  /** Relevance to the words, when ordered by relevance. */
  score: number | null;
}

export interface ExplorerResult extends Counts {
  items: ResultItem[];
}

/**
 * A result as the explorer page lists it. All of it is in the facet index, read at the version the counts were: a
 * page makes no query for its rows. At ×100 the rows of a page are scattered over a 10 GB file, and reading them
 * cost about a millisecond a page.
 */
export interface ListedItem {
  ogp_id: string;
  title: string;
  member_name: string;
  member_slug: string;
  /** The plan's years, "2016-2018"; null when its dates are not both known. */
  period: string | null;
  implementation_status: string;
  /** Policy areas, in name order. */
  themes: string[];
}

export interface ExplorerListing extends Counts {
  items: ListedItem[];
}

/** Values listed per facet: every member and policy area of OGP's own data, and a bounded page beyond that (a search finds the rest: member names are searchable). */
export const FACET_VALUES_MAX = 100;

// Enough for every facet combination a busy day brings; each entry is a few kilobytes.
const CACHE_CAPACITY = 2000;
const countCaches = new WeakMap<object, VersionedCache<Counts>>();
const pageCaches = new WeakMap<object, VersionedCache<ResultItem[]>>();
const listingCaches = new WeakMap<object, VersionedCache<ListedItem[]>>();
const cacheFor = <V>(caches: WeakMap<object, VersionedCache<V>>, db: DbOrTrx): VersionedCache<V> => {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new VersionedCache<V>(CACHE_CAPACITY)));
  return cache;
};

const versionReads = new WeakMap<object, Promise<number>>();

/**
 * The data version, read once for every request that asks while a read is under way: one indexed read of a
 * one-row table serves them all. A request arriving during a read started before a write committed may get the
 * version from before it, for the millisecond that read takes; it never gets one older than that.
 */
export function explorerVersion(db: DbOrTrx): Promise<number> {
  if (db.isTransaction) return searchDataVersion(db);
  let read = versionReads.get(db);
  if (!read) {
    read = searchDataVersion(db).finally(() => versionReads.delete(db));
    versionReads.set(db, read);
  }
  return read;
}

async function evaluateState(db: DbOrTrx, state: ExplorerState, version: number, limit?: number): Promise<{ index: FacetIndex; evaluation: Evaluation }> {
  // The index first: it says whether the words' matches kept so far still hold.
  const index = await indexAt(db, version);
  const text = await textMatches(db, state, index.textVersion);
  return { index, evaluation: evaluate(index, state, text, limit) };
}

const byFrequency = (a: FacetValue, b: FacetValue): number => b.count - a.count || (a.value < b.value ? -1 : 1);

/** Every value of a facet that matches something, most frequent first (ties in value order). */
function ranked(counts: FacetTally): FacetValue[] {
  return [...counts].map(([value, count]) => ({ value, count })).sort(byFrequency);
}

/**
 * The first `max` of ranked(counts), sorting only the values at least as frequent as the last of them: at ×100 the
 * member facet counts some twenty thousand members for a common word, and a page lists a hundred.
 */
function mostFrequent(counts: FacetTally, max: number): FacetValue[] {
  if (counts.size <= max) return ranked(counts);
  const { tally, values } = counts;
  return mostFrequentEntries(tally, values, max).map((entry) => ({ value: values[entry - 1]!, count: tally[entry]! }));
}

/** The most frequent values of a facet, then every other selected one (in ranked order). */
function shortList(counts: FacetTally, selected: ReadonlySet<string>, keep: (value: string) => boolean, max = FACET_VALUES_MAX): FacetCount {
  const values = mostFrequent(counts, max);
  if (selected.size > 0 && counts.size > values.length) {
    const listed = new Set(values.map((v) => v.value));
    const kept: FacetValue[] = [];
    for (const [value, count] of counts) if (!listed.has(value) && keep(value)) kept.push({ value, count });
    values.push(...kept.sort(byFrequency));
  }
  return { values, more: counts.size - values.length };
}

/** Member ids as the address and the page name a member: by OGP code (or slug), with the name. */
function namedMembers(index: FacetIndex, values: FacetValue[]): FacetValue[] {
  return values.map((v) => {
    const member = index.members.get(v.value);
    return member ? { value: member.code, count: v.count, name: member.name } : v;
  });
}

function isSelectedMember(index: FacetIndex, selected: Set<string>, id: string): boolean {
  const member = index.members.get(id);
  return member !== undefined && (selected.has(member.code) || selected.has(member.slug));
}

function summarise(index: FacetIndex, state: ExplorerState, evaluation: Evaluation): Counts {
  const facets = {} as FacetCounts;
  for (const name of FACET_NAMES) {
    const selected = new Set(state.filters[name] ?? []);
    if (name !== 'member') {
      facets[name] = shortList(evaluation.counts[name], selected, (value) => selected.has(value));
      continue;
    }
    // Counted by member id; the address and the page name a member by its OGP code (or slug).
    const listed = shortList(evaluation.counts.member, selected, (id) => isSelectedMember(index, selected, id));
    facets.member = { more: listed.more, values: namedMembers(index, listed.values) };
  }
  return { total: evaluation.total, facets };
}

/** The rows of the state's page, as the evaluation ordered them. */
function pageRows(state: ExplorerState, evaluation: Evaluation): { start: number; rows: number[] } {
  const start = (state.page - 1) * state.pageSize;
  return { start, rows: Array.from(evaluation.rows.subarray(start, start + state.pageSize)) };
}

async function pageItems(db: DbOrTrx, index: FacetIndex, state: ExplorerState, evaluation: Evaluation): Promise<ResultItem[]> {
  const { start, rows } = pageRows(state, evaluation);
  // Rows are turned into document numbers before any wait: the index may take in a change meanwhile.
  const docs = rows.map((row) => index.docs[row]!);
  // The policy areas are the index's own (one query fewer per page), read at the version the counts were.
  const themesByDoc = new Map(docs.map((doc, i) => [doc, index.multi.theme.valuesOf(rows[i]!).sort(textOrder)]));
  const scored = evaluation.scores.length > 0 && state.sort === 'relevance';
  const scoreOf = new Map(docs.map((doc, i) => [doc, scored ? evaluation.scores[start + i]! : null]));
  const found = await rowsByDoc(db, docs);
  return found.map((row) => ({ ...row, themes: themesByDoc.get(row.doc) ?? [], score: scoreOf.get(row.doc) ?? null }));
}

function listedItems(index: FacetIndex, state: ExplorerState, evaluation: Evaluation): ListedItem[] {
  return pageRows(state, evaluation).rows.map((row) => {
    const member = index.members.get(index.single.member.valueOf(row) ?? '');
    return {
      ogp_id: index.ogpIdAt(row),
      title: index.titleAt(row),
      member_name: member?.name ?? '',
      member_slug: member?.slug ?? '',
      period: index.single.period.valueOf(row) ?? null,
      implementation_status: index.single.status.valueOf(row) ?? '',
      themes: index.multi.theme.valuesOf(row).sort(textOrder),
    };
  });
}

/**
 * The counts, and the page's items as `itemsOf` makes them, each kept under the data version (items per kind of
 * item, in `pages`). A page past the end is empty, never an error.
 */
async function exploreWith<I>(
  db: DbOrTrx,
  state: ExplorerState,
  version: number | undefined,
  pages: WeakMap<object, VersionedCache<I[]>>,
  itemsOf: (index: FacetIndex, evaluation: Evaluation) => I[] | Promise<I[]>,
): Promise<Counts & { items: I[] }> {
  const at = version ?? (await explorerVersion(db));
  const countKey = filterKey(state);
  const pageKey = JSON.stringify([countKey, state.sort, state.page, state.pageSize]);
  const counts = db.isTransaction ? undefined : cacheFor(countCaches, db).get(at, countKey);
  const items = db.isTransaction ? undefined : cacheFor(pages, db).get(at, pageKey);
  if (counts && items) return { ...counts, items };
  const { index, evaluation } = await evaluateState(db, state, at, state.page * state.pageSize);
  const summary = counts ?? summarise(index, state, evaluation);
  const result = { ...summary, items: items ?? (await itemsOf(index, evaluation)) };
  if (!db.isTransaction) {
    cacheFor(countCaches, db).set(at, countKey, summary);
    cacheFor(pages, db).set(at, pageKey, result.items);
  }
  return result;
}

/**
 * The page of results, each with everything the API gives about it, and every facet's counts. `version` is the
 * data version the caller already read, if it did.
 */
export function explore(db: DbOrTrx, state: ExplorerState, version?: number): Promise<ExplorerResult> {
  return exploreWith(db, state, version, pageCaches, (index, evaluation) => pageItems(db, index, state, evaluation));
}

/** The page of results as the explorer page lists them, from the facet index alone, and every facet's counts. */
export function exploreListing(db: DbOrTrx, state: ExplorerState, version?: number): Promise<ExplorerListing> {
  return exploreWith(db, state, version, listingCaches, (index, evaluation) => listedItems(index, state, evaluation));
}

/** Every value of one facet that matches something (the selected ones too), most frequent first: the "show all" list. */
export async function allFacetValues(db: DbOrTrx, state: ExplorerState, facet: FacetName, version?: number): Promise<FacetValue[]> {
  const { index, evaluation } = await evaluateState(db, state, version ?? (await explorerVersion(db)), 0);
  const values = ranked(evaluation.counts[facet]);
  return facet === 'member' ? namedMembers(index, values) : values;
}

/** Every matching commitment's document number, in the state's order: what a download walks through. */
export async function matchingDocs(db: DbOrTrx, state: ExplorerState): Promise<number[]> {
  const { index, evaluation } = await evaluateState(db, state, await explorerVersion(db));
  return Array.from(evaluation.rows, (row) => index.docs[row]!);
}
