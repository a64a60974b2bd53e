import { sql } from 'kysely';
import type { Trx } from './database.ts';
import { dialectOf } from './fulltext.ts';

// Filling an empty table row by row keeps each of its indexes (and, on PostgreSQL, foreign keys) up to date at every
// row: at ×1 on PostgreSQL that was a third of the generator's inserts. Building an index once from the loaded rows,
// and checking a foreign key with one query over them, is what pg_restore does, and costs a fraction. Only tables
// that start empty are treated so: rebuilding a full table's indexes to add a few rows would cost more than it
// saves. Primary keys and unique indexes stay (other tables' foreign keys lean on them, and they catch a duplicate
// at once). SQLite's foreign keys are part of its tables' definitions and stay.

interface Deferred {
  table: string;
  indexes: Array<{ name: string; definition: string }>;
  foreignKeys: Array<{ name: string; definition: string }>;
}

/** Memory for each index build: sorting a million keys in memory rather than in temporary files. */
const BUILD_MEMORY = '256MB';

async function emptyTables(trx: Trx, tables: readonly string[]): Promise<string[]> {
  const empty: string[] = [];
  for (const table of tables) {
    const { rows } = await sql<{ found: boolean }>`SELECT EXISTS (SELECT 1 FROM ${sql.table(table)}) AS found`.execute(trx);
    if (!rows[0]!.found) empty.push(table);
  }
  return empty;
}

async function deferrable(trx: Trx, table: string): Promise<Deferred> {
  if (dialectOf(trx) === 'sqlite') {
    // SQLite writes no statement for the indexes that back a primary key or UNIQUE constraint.
    const indexes = await sql<{ name: string; definition: string }>`
      SELECT name, sql AS definition FROM sqlite_master
      WHERE type = 'index' AND tbl_name = ${table} AND sql IS NOT NULL AND upper(sql) NOT LIKE 'CREATE UNIQUE%'
      ORDER BY name`.execute(trx);
    return { table, indexes: indexes.rows, foreignKeys: [] };
  }
  const indexes = await sql<{ name: string; definition: string }>`
    SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
    FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
    WHERE i.indrelid = to_regclass(${table}) AND NOT i.indisunique AND NOT i.indisprimary
      AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
    ORDER BY c.relname`.execute(trx);
  const foreignKeys = await sql<{ name: string; definition: string }>`
    SELECT conname AS name, pg_get_constraintdef(oid) AS definition
    FROM pg_constraint WHERE conrelid = to_regclass(${table}) AND contype = 'f'
    ORDER BY conname`.execute(trx);
  return { table, indexes: indexes.rows, foreignKeys: foreignKeys.rows };
}

/**
 * Runs `load`, which writes into `tables` in the caller's transaction, with the non-unique indexes (and, on
 * PostgreSQL, the foreign keys) of those that are empty set aside, then builds and checks them once over what was
 * loaded. A row breaking a foreign key fails the whole load then, as it would have at once. On PostgreSQL, other
 * sessions cannot read those tables until the transaction ends (they wait; they are empty to them anyway), and no
 * deferred trigger event may be pending on them when `load` ends (it refuses to build an index then):
 * withBulkInserts pairs this with pausing them.
 */
export async function withIndexesBuiltAfter<T>(trx: Trx, tables: readonly string[], load: () => Promise<T>): Promise<T> {
  if (!trx.isTransaction) throw new Error('withIndexesBuiltAfter needs the transaction that writes the rows');
  const deferred = await Promise.all((await emptyTables(trx, tables)).map((table) => deferrable(trx, table)));
  for (const { table, indexes, foreignKeys } of deferred) {
    for (const { name } of foreignKeys) await sql`ALTER TABLE ${sql.table(table)} DROP CONSTRAINT ${sql.id(name)}`.execute(trx);
    for (const { name } of indexes) await sql`DROP INDEX ${sql.id(name)}`.execute(trx);
  }
  const rebuild = async () => {
    if (dialectOf(trx) === 'postgres') await sql`SELECT set_config('maintenance_work_mem', ${BUILD_MEMORY}, true)`.execute(trx);
    for (const { table, indexes, foreignKeys } of deferred) {
      for (const { definition } of indexes) await sql.raw(definition).execute(trx);
      for (const { name, definition } of foreignKeys) await sql`ALTER TABLE ${sql.table(table)} ADD CONSTRAINT ${sql.id(name)} ${sql.raw(definition)}`.execute(trx);
    }
  };
  let result: T;
  try {
    result = await load();
  } catch (error) {
    // Should the caller go on and commit regardless, the indexes must be back; the original error matters more.
    await rebuild().catch(() => {});
    throw error;
  }
  await rebuild();
  return result;
}
