import type { DbOrTrx } from '../../db/database.ts';
import { matchDocuments, searchDataVersion } from '../../db/fulltext.ts';
import { VersionedCache } from './explorer.cache.ts';
import { FACET_NAMES, type FacetName } from './explorer.facets.ts';
import { buildIndex, type Evaluation, evaluate, type FacetIndex } from './explorer.index.ts';
import { loadIndexRows, type ResultRow, rowsByDoc, themesOf } from './explorer.repository.ts';
import { type ExplorerState, filterKey } from './explorer.state.ts';

// The explorer's rules: which commitments match, how many per facet value, which page to show.
// Reading only, so no transaction of its own and no audit. The facet index and the answers are kept in
// memory under the data version, which triggers move with every committed change, so nothing stale is served.

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

/** Values listed per facet: every member and policy area of OGP's own data, and a bounded page beyond that (a search finds the rest: member names are searchable). */
export const FACET_VALUES_MAX = 100;

// Enough for every facet combination a busy day brings; each entry is a few kilobytes.
const CACHE_CAPACITY = 2000;
const countCaches = new WeakMap<object, VersionedCache<Counts>>();
const pageCaches = new WeakMap<object, VersionedCache<ResultItem[]>>();
const cacheFor = <V>(caches: WeakMap<object, VersionedCache<V>>, db: DbOrTrx): VersionedCache<V> => {
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new VersionedCache<V>(CACHE_CAPACITY)));
  return cache;
};

interface IndexSlot {
  index?: FacetIndex;
  building?: { version: number; done: Promise<FacetIndex> };
}
const indexes = new WeakMap<object, IndexSlot>();

/**
 * The facet index at this data version (or a later one), built once however many requests ask at the same
 * time. It is read in one repeatable-read transaction so it holds one consistent state of the data. Inside a
 * caller's transaction it is built there and never kept: it may hold that transaction's uncommitted writes.
 */
async function indexAt(db: DbOrTrx, version: number): Promise<FacetIndex> {
  if (db.isTransaction) return buildIndex(version, await loadIndexRows(db));
  let slot = indexes.get(db);
  if (!slot) indexes.set(db, (slot = {}));
  if (slot.index && slot.index.version >= version) return slot.index;
  if (!slot.building || slot.building.version < version) {
    const done = db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => buildIndex(await searchDataVersion(trx), await loadIndexRows(trx)));
    const building = { version, done };
    slot.building = building;
    done.then(
      (index) => {
        if (!slot.index || slot.index.version < index.version) slot.index = index;
        if (slot.building === building) delete slot.building;
      },
      () => {
        if (slot.building === building) delete slot.building;
      },
    );
  }
  return slot.building.done;
}

async function evaluateState(db: DbOrTrx, state: ExplorerState, version: number): Promise<{ index: FacetIndex; evaluation: Evaluation }> {
  const [index, text] = await Promise.all([
    indexAt(db, version),
    state.terms.length > 0 ? matchDocuments(db, state.terms, { ranked: state.sort === 'relevance' }) : Promise.resolve(null),
  ]);
  return { index, evaluation: evaluate(index, state, text) };
}

/** The most frequent values of a facet (ties in value order), always keeping the selected ones. */
function shortList(counts: Map<string, number>, keep: (value: string) => boolean): FacetCount {
  const all = [...counts].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1));
  const values = all.filter((v, i) => i < FACET_VALUES_MAX || keep(v.value));
  return { values, more: all.length - values.length };
}

function summarise(index: FacetIndex, state: ExplorerState, evaluation: Evaluation): Counts {
  const facets = {} as FacetCounts;
  for (const name of FACET_NAMES) {
    const selected = new Set(state.filters[name] ?? []);
    if (name !== 'member') {
      facets[name] = shortList(evaluation.counts[name], (value) => selected.has(value));
      continue;
    }
    // Counted by member id; the address and the page name a member by its OGP code (or slug).
    const listed = shortList(evaluation.counts.member, (id) => {
      const member = index.members.get(id);
      return member !== undefined && (selected.has(member.code) || selected.has(member.slug));
    });
    facets.member = {
      more: listed.more,
      values: listed.values.map((v) => {
        const member = index.members.get(v.value);
        return member ? { value: member.code, count: v.count, name: member.name } : v;
      }),
    };
  }
  return { total: evaluation.total, facets };
}

async function pageItems(db: DbOrTrx, index: FacetIndex, state: ExplorerState, evaluation: Evaluation): Promise<ResultItem[]> {
  const start = (state.page - 1) * state.pageSize;
  const rows = Array.from(evaluation.rows.subarray(start, start + state.pageSize));
  const scoreOf = new Map(rows.map((row) => [index.docs[row]!, evaluation.scores.length > 0 && state.sort === 'relevance' ? evaluation.scores[row]! : null]));
  const found = await rowsByDoc(
    db,
    rows.map((row) => index.docs[row]!),
  );
  const themes = await themesOf(
    db,
    found.map((r) => r.id),
  );
  return found.map((row) => ({ ...row, themes: themes.get(row.id) ?? [], score: scoreOf.get(row.doc) ?? null }));
}

/** The page of results and every facet's counts. A page past the end is empty, never an error. */
export async function explore(db: DbOrTrx, state: ExplorerState): Promise<ExplorerResult> {
  const version = await searchDataVersion(db);
  const countKey = filterKey(state);
  const pageKey = JSON.stringify([countKey, state.sort, state.page, state.pageSize]);
  const counts = db.isTransaction ? undefined : cacheFor(countCaches, db).get(version, countKey);
  const items = db.isTransaction ? undefined : cacheFor(pageCaches, db).get(version, pageKey);
  if (counts && items) return { ...counts, items };
  const { index, evaluation } = await evaluateState(db, state, version);
  const result = { ...(counts ?? summarise(index, state, evaluation)), items: items ?? (await pageItems(db, index, state, evaluation)) };
  if (!db.isTransaction) {
    cacheFor(countCaches, db).set(version, countKey, { total: result.total, facets: result.facets });
    cacheFor(pageCaches, db).set(version, pageKey, result.items);
  }
  return result;
}

/** Every matching commitment's document number, in the state's order: what a download walks through. */
export async function matchingDocs(db: DbOrTrx, state: ExplorerState): Promise<number[]> {
  const { index, evaluation } = await evaluateState(db, state, await searchDataVersion(db));
  return Array.from(evaluation.rows, (row) => index.docs[row]!);
}
