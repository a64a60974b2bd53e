// Computed actuals are counted over tens of thousands of commitments, so a count is kept for a short while
// and shared by every page and download that asks for the same indicator and periods in that time. The
// numbers are at most COMPUTED_MAX_AGE_MS old; the dashboard says so.
import type { DbOrTrx } from '../../db/database.ts';
import type { Period } from './indicators.periods.ts';
import type { ComputedEntry } from './indicators.registry.ts';

export const COMPUTED_MAX_AGE_MS = 30_000;
// Periods come from the query string, so the number of keys is bounded here rather than by visitors.
const ENTRIES_MAX = 200;

interface Counted {
  at: number;
  values: Promise<number[]>;
}

// One cache per database handle: tests and tools that open several databases never share counts.
const caches = new WeakMap<object, Map<string, Counted>>();

/** The entry's numbers for the periods: counted now, or taken from a count made less than COMPUTED_MAX_AGE_MS ago. */
export function computedValues(db: DbOrTrx, identifier: string, entry: ComputedEntry, periods: readonly Period[], now = Date.now()): Promise<number[]> {
  // Inside a transaction the caller wants what the transaction sees.
  if (db.isTransaction) return entry.compute(db, periods);
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  const key = `${identifier}|${periods.map((p) => `${p.start}/${p.end}`).join(',')}`;
  const kept = cache.get(key);
  if (kept && now - kept.at < COMPUTED_MAX_AGE_MS) return kept.values;
  const values = entry.compute(db, periods);
  cache.delete(key);
  if (cache.size >= ENTRIES_MAX) cache.delete(cache.keys().next().value as string);
  cache.set(key, { at: now, values });
  // A failed count is not kept: the next request tries again.
  values.catch(() => {
    if (cache.get(key)?.values === values) cache.delete(key);
  });
  return values;
}

/** Forgets every kept count for this database, for tests that change data and look again at once. */
export function forgetComputedValues(db: DbOrTrx): void {
  caches.delete(db);
}
