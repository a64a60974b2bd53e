import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type SqliteDatabase from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Trx } from '../db/database.ts';
import type { OwnClient } from '../db/own-connection.ts';
import type { TableRows } from './produce.ts';

type UntypedDb = Kysely<Record<string, Record<string, unknown>>>;

// SQLite accepts 32,766 parameters per statement; a thousand rows is past the point where bigger statements load
// any faster.
const MAX_PARAMETERS = 30_000;
const MAX_ROWS = 1_000;

/** COPY's text format: a backslash, tab, newline or carriage return inside a value is written escaped. */
const COPY_SPECIAL = /[\\\t\n\r]/g;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

function copyValue(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'string') return value.replace(COPY_SPECIAL, (c) => COPY_ESCAPES[c]!);
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 't' : 'f';
  throw new Error(`A generated value of type ${typeof value} has no COPY form`);
}

/** The rows as COPY's text format: a line per row, values separated by tabs, \N for null. */
export function copyText(rows: TableRows): string {
  const width = rows.columns.length;
  const lines = new Array<string>(rows.rows);
  const line = new Array<string>(width);
  for (let r = 0; r < rows.rows; r++) {
    for (let c = 0; c < width; c++) line[c] = copyValue(rows.values[r * width + c]);
    lines[r] = line.join('\t');
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/**
 * Writes many rows: on PostgreSQL by COPY, down the load's own connection (own-connection.ts), which spares
 * PostgreSQL parsing a parameter per value and node-postgres sending one (at ×10, 44 s for the whole run rather
 * than 76 s); on SQLite by multi-row INSERTs, each compiled by Kysely once per table and row count and prepared
 * once, on the same connection and inside the transaction the caller opened.
 */
export class BulkInserter {
  private readonly sqlByShape = new Map<string, string>();
  private readonly prepared = new Map<string, SqliteDatabase.Statement>();

  constructor(
    private readonly sqlite: SqliteDatabase.Database | null,
    private readonly client: OwnClient,
  ) {
    if (!sqlite && !client) throw new Error('BulkInserter needs the SQLite handle or the PostgreSQL connection the load runs on');
  }

  async insert(trx: Trx, rows: TableRows): Promise<void> {
    if (rows.rows === 0) return;
    if (this.client) return this.copy(this.client, rows);
    const width = rows.columns.length;
    const perStatement = Math.max(1, Math.min(MAX_ROWS, Math.floor(MAX_PARAMETERS / width)));
    for (let start = 0; start < rows.rows; start += perStatement) {
      const count = Math.min(perStatement, rows.rows - start);
      const parameters = rows.values.slice(start * width, (start + count) * width);
      this.sqliteStatement(this.sqlite!, this.statement(trx, rows.table, rows.columns, count)).run(parameters);
    }
  }

  private async copy(client: pg.PoolClient, rows: TableRows): Promise<void> {
    const columns = rows.columns.map((c) => `"${c}"`).join(', ');
    const stream = client.query(copyFrom(`COPY ${rows.table} (${columns}) FROM STDIN`));
    await pipeline(Readable.from([copyText(rows)]), stream);
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
