// Computed actuals are counted over tens of thousands of commitments, so a count is kept for a short while
// and shared by every page and download that asks for the same indicator and periods in that time. The
// numbers are at most COMPUTED_MAX_AGE_MS old; the dashboard says so. A count older than REFRESH_AFTER_MS is
// made again in the background while visitors are still answered from it, so under steady traffic nobody
// waits for a count: only the first visitor, and the first after a quiet spell of COMPUTED_MAX_AGE_MS.
import type { DbOrTrx } from '../../db/database.ts';
import type { Period } from './indicators.periods.ts';
import type { ComputedEntry } from './indicators.registry.ts';

export const COMPUTED_MAX_AGE_MS = 30_000;
// Leaves a count at ×100 (a few seconds) ample time to land before its predecessor reaches the maximum age.
const REFRESH_AFTER_MS = 20_000;
// Periods come from the query string, so the number of keys is bounded here rather than by visitors.
const ENTRIES_MAX = 200;

interface Counted {
  at: number;
  values: Promise<number[]>;
  refreshing: boolean;
}

// One cache per database handle: tests and tools that open several databases never share counts.
const caches = new WeakMap<object, Map<string, Counted>>();

function cacheOf(db: DbOrTrx): Map<string, Counted> {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  return cache;
}

function keep(cache: Map<string, Counted>, key: string, counted: Counted): void {
  cache.delete(key);
  if (cache.size >= ENTRIES_MAX) cache.delete(cache.keys().next().value as string);
  cache.set(key, counted);
}

/** Counts again without anyone waiting; the kept count stays until the new one has landed. */
function refresh(db: DbOrTrx, cache: Map<string, Counted>, key: string, kept: Counted, entry: ComputedEntry, periods: readonly Period[]): void {
  kept.refreshing = true;
  const at = Date.now();
  entry.compute(db, periods).then(
    (values) => {
      if (cache.get(key) === kept) keep(cache, key, { at, values: Promise.resolve(values), refreshing: false });
    },
    // A failed count leaves the kept one in place; the next visitor tries again.
    () => {
      kept.refreshing = false;
    },
  );
}

/** The entry's numbers for the periods: counted now, or taken from a count made less than COMPUTED_MAX_AGE_MS ago. */
export function computedValues(db: DbOrTrx, identifier: string, entry: ComputedEntry, periods: readonly Period[], now = Date.now()): Promise<number[]> {
  // Inside a transaction the caller wants what the transaction sees.
  if (db.isTransaction) return entry.compute(db, periods);
  const cache = cacheOf(db);
  const key = `${identifier}|${periods.map((p) => `${p.start}/${p.end}`).join(',')}`;
  const kept = cache.get(key);
  if (kept && now - kept.at < COMPUTED_MAX_AGE_MS) {
    if (now - kept.at >= REFRESH_AFTER_MS && !kept.refreshing) refresh(db, cache, key, kept, entry, periods);
    return kept.values;
  }
  const counted: Counted = { at: now, values: entry.compute(db, periods), refreshing: false };
  keep(cache, key, counted);
  // A failed count is not kept: the next request tries again.
  counted.values.catch(() => {
    if (cache.get(key) === counted) cache.delete(key);
  });
  return counted.values;
}

/** Forgets every kept count for this database, for tests that change data and look again at once. */
export function forgetComputedValues(db: DbOrTrx): void {
  caches.delete(db);
}
