// Computed actuals are counted over tens of thousands of commitments, so a count is kept and shared by every
// page and download that asks for the same indicator and periods, for as long as the data it counts stays the
// same (the `computed` data version, read from the database, so a change in any process counts). When the data
// changes, a count less than RECOUNT_AFTER_MS old is still shown; an older one is shown while it is counted
// again in the background; past COMPUTED_MAX_AGE_MS the visitor waits for the new count. So the numbers are
// never more than COMPUTED_MAX_AGE_MS behind the data (the dashboard says so), nobody waits for a count while
// the data keeps changing, and on SQLite, where a count holds the process while it runs, a stream of changes
// costs at most one count every RECOUNT_AFTER_MS.
import type { DbOrTrx } from '../../db/database.ts';
import type { Period } from './indicators.periods.ts';
import type { ComputedEntry } from './indicators.registry.ts';

export const COMPUTED_MAX_AGE_MS = 30_000;
const RECOUNT_AFTER_MS = 5_000;
// Periods come from the query string, so the number of keys is bounded here rather than by visitors.
const ENTRIES_MAX = 200;

interface Counted {
  /** The `computed` data version the count was started at. */
  version: number;
  at: number;
  values: Promise<number[]>;
  recounting: boolean;
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

function count(db: DbOrTrx, cache: Map<string, Counted>, key: string, entry: ComputedEntry, periods: readonly Period[], version: number, now: number): Counted {
  const counted: Counted = { version, at: now, values: entry.compute(db, periods), recounting: false };
  keep(cache, key, counted);
  // A failed count is not kept: the next request tries again.
  counted.values.catch(() => {
    if (cache.get(key) === counted) cache.delete(key);
  });
  return counted;
}

/** Counts again without anyone waiting; the kept count stays until the new one has landed. */
function recount(db: DbOrTrx, cache: Map<string, Counted>, key: string, kept: Counted, entry: ComputedEntry, periods: readonly Period[], version: number): void {
  kept.recounting = true;
  const at = Date.now();
  entry.compute(db, periods).then(
    (values) => {
      if (cache.get(key) === kept) keep(cache, key, { version, at, values: Promise.resolve(values), recounting: false });
    },
    // A failed count leaves the kept one in place; a later visitor tries again.
    () => {
      kept.recounting = false;
    },
  );
}

/** The entry's numbers for the periods, counted at most COMPUTED_MAX_AGE_MS before the data last changed. */
export function computedValues(
  db: DbOrTrx,
  identifier: string,
  entry: ComputedEntry,
  periods: readonly Period[],
  version: number,
  now = Date.now(),
): Promise<number[]> {
  // Inside a transaction the caller wants what the transaction sees.
  if (db.isTransaction) return entry.compute(db, periods);
  const cache = cacheOf(db);
  const key = `${identifier}|${periods.map((p) => `${p.start}/${p.end}`).join(',')}`;
  const kept = cache.get(key);
  if (kept && (kept.version === version || now - kept.at < RECOUNT_AFTER_MS)) return kept.values;
  if (kept && now - kept.at < COMPUTED_MAX_AGE_MS) {
    if (!kept.recounting) recount(db, cache, key, kept, entry, periods, version);
    return kept.values;
  }
  return count(db, cache, key, entry, periods, version, now).values;
}

/** Forgets every kept count for this database, for tests that change data and look again at once. */
export function forgetComputedValues(db: DbOrTrx): void {
  caches.delete(db);
}
