import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { sqlitePath } from '../platform/config.ts';
import { createWriteTransaction, type WriteTransaction } from './group-commit.ts';
import { migrations } from './migrations/index.ts';
import { closeSearchThreads, offloadSearches } from './search-thread.ts';
import type { Database } from './schema.ts';
import { cachedPrepare } from './statement-cache.ts';

export type Db = Kysely<Database>;
export type Trx = Transaction<Database>;
/** Repositories accept either, so a service decides where the transaction begins. */
export type DbOrTrx = Db | Trx;
export type DialectName = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Db;
  dialect: DialectName;
  /** The raw SQLite handle, for online backups; null on PostgreSQL. */
  sqlite: SqliteDatabase.Database | null;
  /** The PostgreSQL pool, for work that needs a connection of its own (COPY: own-connection.ts); null on SQLite. */
  pgPool: pg.Pool | null;
  /** A write transaction for frequent small writes, whose commit SQLite may share with writes made at the same moment. */
  writeTransaction: WriteTransaction;
  close(): Promise<void>;
}

// COUNT(*) and BIGINT come back from pg as strings; every count here fits a JS number.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export function openSqlite(file: string): SqliteDatabase.Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // FULL syncs the WAL on every commit: no committed write is lost if the process or machine dies.
  sqlite.pragma('synchronous = FULL');
  return sqlite;
}

// 64 MB instead of SQLite's 2 MB: at ×10 a commitment's page made about 1,400 reads from the file system and a
// member's about 150, with this about 50 and 5. One-off commands (an export reading every row) keep the default
// and its small memory.
const SERVING_CACHE_KIB = 64 * 1024;

// A search reads a word's whole list of matches once, front to back, where a page reads the same few pages again and
// again: its threads' caches are kept small (the file's pages stay in the operating system's cache regardless).
const SEARCH_THREAD_CACHE_KIB = 16 * 1024;

/** Settings for a long-running server process, which reads the same pages again and again; its searches get threads. */
export function tuneForServing(handle: DatabaseHandle): void {
  if (!handle.sqlite) return;
  handle.sqlite.pragma(`cache_size = -${SERVING_CACHE_KIB}`);
  if (!handle.sqlite.memory) offloadSearches(handle.db, { file: handle.sqlite.name, cacheKib: SEARCH_THREAD_CACHE_KIB });
}

function closeSqlite(sqlite: SqliteDatabase.Database): void {
  if (!sqlite.open) return;
  try {
    // SQLite's advice for every connection: refresh the planner's statistics where they have gone stale (bounded work).
    sqlite.pragma('optimize');
  } catch {
    // Statistics only speed queries up; a database busy elsewhere must not keep this file open.
  }
  sqlite.close();
}

export interface OpenOptions {
  /** Told about errors on idle PostgreSQL connections (a server restart, an administrator's kill). */
  onIdleError?: (error: Error) => void;
}

export function openDatabase(databaseUrl: string, options: OpenOptions = {}): DatabaseHandle {
  const file = sqlitePath(databaseUrl);
  if (file !== null) {
    const sqlite = openSqlite(file);
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: { prepare: cachedPrepare(sqlite), close: () => closeSqlite(sqlite) } }) });
    // Kysely only closes the handle if it ever used it; a CLI command that did not must still release the file.
    const close = async () => {
      await closeSearchThreads(db);
      await db.destroy();
      closeSqlite(sqlite);
    };
    return { db, dialect: 'sqlite', sqlite, pgPool: null, writeTransaction: createWriteTransaction(db, 'sqlite'), close };
  }
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  // Without a listener, an idle connection dropped by the server would crash the whole process;
  // the pool discards that client and opens a fresh one on the next query.
  pool.on('error', (error) => options.onIdleError?.(error));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', sqlite: null, pgPool: pool, writeTransaction: createWriteTransaction(db, 'postgres'), close: () => db.destroy() };
}

export function createMigrator(db: Db): Migrator {
  return new Migrator({ db, provider: { getMigrations: async () => migrations } });
}

export async function migrateToLatest(db: Db): Promise<string[]> {
  const { error, results } = await createMigrator(db).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** True when the database answers and every known migration has run. */
export async function isMigrated(db: Db): Promise<boolean> {
  await sql`SELECT 1`.execute(db);
  const applied = await createMigrator(db).getMigrations();
  return applied.every((m) => m.executedAt !== undefined);
}
