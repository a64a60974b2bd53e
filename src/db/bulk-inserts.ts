import { withIndexesBuiltAfter } from './bulk-indexes.ts';
import type { Trx } from './database.ts';
import { type NoteInserted, withDeferredTriggersPaused } from './deferred-triggers.ts';

export type { NoteInserted };

/**
 * Runs `load`, which only inserts into `tables` (reporting each batch through `noteInserted`), the fast way: the
 * empty tables' indexes (and, on PostgreSQL, foreign keys) built after (bulk-indexes.ts), and on PostgreSQL the
 * deferred triggers paused and replayed once (deferred-triggers.ts). The two go together there: PostgreSQL builds
 * no index on a table with trigger events still pending.
 */
export function withBulkInserts<T>(trx: Trx, tables: readonly string[], load: (noteInserted: NoteInserted) => Promise<T>): Promise<T> {
  return withIndexesBuiltAfter(trx, tables, () => withDeferredTriggersPaused(trx, tables, load));
}
