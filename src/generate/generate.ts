import { sql } from 'kysely';
import type { DatabaseHandle, Db, DbOrTrx } from '../db/database.ts';
import { type NoteInserted, withBulkInserts } from '../db/bulk-inserts.ts';
import { withBulkSearchLoad } from '../db/fulltext.ts';
import { withOwnConnection } from '../db/own-connection.ts';
import type { Database } from '../db/schema.ts';
import { recordAudit } from '../platform/audit.ts';
import { BulkInserter } from './bulk-insert.ts';
import { memberNameKey, type Taken } from './members.ts';
import { TABLE_ORDER } from './produce.ts';
import { producedBatches } from './producer.ts';
import { type Sizes, sizesForScale } from './sizes.ts';

export interface GenerateOptions {
  scale: number;
  seed: string;
  /** Add to a database that already has plans and commitments; the seed must not have been used on it before. */
  append?: boolean;
  /** Told after each batch of commitments is written. */
  onProgress?: (progress: { done: number; total: number }) => void;
}

/** Rows written per table. */
export type RowCounts = Partial<Record<keyof Database, number>>;

export interface GenerateSummary {
  scale: number;
  seed: string;
  sizes: Sizes;
  rows: RowCounts;
  seconds: number;
}

/** A run the operator must change before it can go ahead; nothing has been written. */
export class GenerateRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GenerateRefusal';
  }
}

export const GENERATED_ACTION = 'data.generated';

async function count(db: DbOrTrx, table: 'commitments' | 'action_plans'): Promise<number> {
  const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function seedsUsed(db: DbOrTrx): Promise<Set<string>> {
  const rows = await db.selectFrom('audit_events').select('after_json').where('action', '=', GENERATED_ACTION).execute();
  return new Set(rows.map((r) => (JSON.parse(r.after_json ?? '{}') as { seed?: string }).seed ?? ''));
}

const lettersOf = (id: string, prefix = ''): string => id.slice(prefix.length).replace(/\d+$/, '');

/** The highest number after each letter prefix among existing commitment ids. */
function highestNumbers(ids: readonly string[]): Map<string, number> {
  const highest = new Map<string, number>();
  for (const id of ids) {
    const match = /^([A-Z]+)(\d+)$/.exec(id);
    if (match) highest.set(match[1]!, Math.max(highest.get(match[1]!) ?? 0, Number(match[2])));
  }
  return highest;
}

async function takenNames(db: DbOrTrx): Promise<Taken> {
  const [members, organisations, plans, commitments] = await Promise.all([
    db.selectFrom('members').select(['slug', 'name', 'ogp_code']).execute(),
    db.selectFrom('organisations').select('slug').execute(),
    db.selectFrom('action_plans').select('ogp_id').execute(),
    db.selectFrom('commitments').select('ogp_id').execute(),
  ]);
  return {
    memberSlugs: new Set(members.map((m) => m.slug)),
    memberNames: new Set(members.map((m) => memberNameKey(m.name))),
    organisationSlugs: new Set(organisations.map((o) => o.slug)),
    memberCodes: new Set([...members.flatMap((m) => (m.ogp_code ? [m.ogp_code] : [])), ...plans.map((p) => lettersOf(p.ogp_id, 'AP_'))]),
    idNumbers: highestNumbers(commitments.map((c) => c.ogp_id)),
  };
}

/** SQLite settings for the length of the load only: NORMAL sync is safe in WAL mode and spares a disk flush per page spill. */
function loadSettings(handle: DatabaseHandle): () => void {
  const sqlite = handle.sqlite;
  if (!sqlite) return () => {};
  const synchronous = sqlite.pragma('synchronous', { simple: true }) as number;
  const cacheSize = sqlite.pragma('cache_size', { simple: true }) as number;
  sqlite.pragma('synchronous = NORMAL');
  // Up to 256 MB of page cache keeps the hot parts of the indexes in memory as the tables grow.
  sqlite.pragma('cache_size = -262144');
  return () => {
    sqlite.pragma(`synchronous = ${Number(synchronous)}`);
    sqlite.pragma(`cache_size = ${Number(cacheSize)}`);
  };
}

/**
 * Fills the database with synthetic OGP data at `scale` × OGP's size, the same for the same seed.
 * One transaction: an interrupted or failed run leaves the database as it was. Afterwards ANALYZE
 * refreshes the query planner's statistics, as a real deployment's maintenance would.
 */
export async function generate(handle: DatabaseHandle, options: GenerateOptions): Promise<GenerateSummary> {
  const started = performance.now();
  let sizes: Sizes;
  try {
    sizes = sizesForScale(options.scale);
  } catch (error) {
    throw new GenerateRefusal(`--scale ${(error as Error).message}`);
  }
  const rows: RowCounts = {};
  const restore = loadSettings(handle);
  try {
    await withOwnConnection(handle, (db, client) => load(db, new BulkInserter(handle.sqlite, client), options, sizes, rows));
  } finally {
    restore();
  }
  options.onProgress?.({ done: sizes.commitments, total: sizes.commitments });
  // On SQLite, statistics from a sample of each index (as PRAGMA optimize takes them): seconds rather than a full scan.
  handle.sqlite?.pragma('analysis_limit = 1000');
  await sql`ANALYZE`.execute(handle.db);
  // Fold the load's write-ahead log back into the database file now, rather than on some later reader's time.
  handle.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
  return { scale: options.scale, seed: options.seed, sizes, rows, seconds: (performance.now() - started) / 1000 };
}

/** The load itself, in one transaction on `db`, counting the rows written into `rows`. */
async function load(db: Db, inserter: BulkInserter, options: GenerateOptions, sizes: Sizes, rows: RowCounts): Promise<void> {
  await db.transaction().execute(async (trx) => {
    // Checked inside the transaction that writes, so nothing can slip in between the check and the load.
    const [commitments, plans] = await Promise.all([count(trx, 'commitments'), count(trx, 'action_plans')]);
    if ((commitments > 0 || plans > 0) && !options.append) {
      throw new GenerateRefusal(
        `The database already holds ${commitments} commitments and ${plans} action plans; ogp generate fills an empty one. ` +
          'Start from an empty database, or pass --append with a seed not used on this database before.',
      );
    }
    if (options.append && (await seedsUsed(trx)).has(options.seed)) {
      throw new GenerateRefusal(`Seed "${options.seed}" was already used on this database; --append needs a new --seed.`);
    }
    const taken = await takenNames(trx);
    // Only new rows are written: the search index takes the new commitments all at once at the end, the
    // deferred triggers' bookkeeping is done once for the whole load, and empty tables get their indexes after.
    const write = async (noteInserted: NoteInserted) => {
      for await (const batch of producedBatches(options.scale, options.seed, taken)) {
        for (const table of batch.tables) {
          await inserter.insert(trx, table);
          noteInserted(table.table, table.columns, table.values);
          rows[table.table] = (rows[table.table] ?? 0) + table.rows;
        }
        options.onProgress?.({ done: batch.commitmentsDone, total: sizes.commitments });
      }
    };
    await withBulkSearchLoad(trx, () => withBulkInserts(trx, TABLE_ORDER, write));
    await recordAudit(trx, {
      actorId: null,
      action: GENERATED_ACTION,
      entityType: 'database',
      entityId: `generate:${options.seed}`,
      summary: `Synthetic data generated: scale ${options.scale}, seed ${options.seed}`,
      after: { scale: options.scale, seed: options.seed, rows },
    });
  });
}
