import type SqliteDatabase from 'better-sqlite3';
import { CompiledQuery, type Kysely } from 'kysely';
import type { DatabaseHandle, Trx } from '../db/database.ts';
import type { TableRows } from './produce.ts';

type UntypedDb = Kysely<Record<string, Record<string, unknown>>>;

// SQLite accepts 32,766 parameters per statement and PostgreSQL 65,535; a thousand rows is past the point
// where bigger statements load any faster.
const MAX_PARAMETERS = 30_000;
const MAX_ROWS = 1_000;

/**
 * Multi-row INSERTs for loading many rows. Each statement's SQL is compiled by Kysely once per table and row
 * count, so it has the right placeholders for either database, and then reused with fresh parameters. On SQLite
 * the prepared statement itself is kept too (Kysely would prepare it again on every call); it runs on the same
 * connection, inside the transaction the caller opened.
 */
export class BulkInserter {
  private readonly sqlByShape = new Map<string, string>();
  private readonly prepared = new Map<string, SqliteDatabase.Statement>();

  constructor(private readonly handle: Pick<DatabaseHandle, 'sqlite'>) {}

  async insert(trx: Trx, rows: TableRows): Promise<void> {
    const width = rows.columns.length;
    const perStatement = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMETERS / width)));
    for (let start = 0; start < rows.rows; start += perStatement) {
      const count = Math.min(perStatement, rows.rows - start);
      const parameters = rows.values.slice(start * width, (start + count) * width);
      const text = this.statement(trx, rows.table, rows.columns, count);
      if (this.handle.sqlite) this.sqliteStatement(this.handle.sqlite, text).run(parameters);
      else await trx.executeQuery(CompiledQuery.raw(text, parameters));
    }
  }

  private sqliteStatement(sqlite: SqliteDatabase.Database, text: string): SqliteDatabase.Statement {
    let statement = this.prepared.get(text);
    if (!statement) this.prepared.set(text, (statement = sqlite.prepare(text)));
    return statement;
  }

  private statement(trx: Trx, table: string, columns: readonly string[], rowCount: number): string {
    const key = `${table}|${columns.join(',')}|${rowCount}`;
    const cached = this.sqlByShape.get(key);
    if (cached !== undefined) return cached;
    const template = Object.fromEntries(columns.map((c) => [c, null]));
    const compiled = (trx as unknown as UntypedDb)
      .insertInto(table)
      .values(Array.from({ length: rowCount }, () => template))
      .compile();
    // Every value must have become a parameter, in row-major column order, or the parameters would land in the wrong places.
    if (compiled.parameters.length !== rowCount * columns.length) throw new Error(`Unexpected INSERT shape for ${table}`);
    this.sqlByShape.set(key, compiled.sql);
    return compiled.sql;
  }
}
