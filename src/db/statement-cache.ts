import type SqliteDatabase from 'better-sqlite3';

// Kysely prepares every query afresh, and preparing (parsing against a large schema) often costs more than
// running the query. The same SQL text is asked for again and again, so each statement is prepared once.
// Queries with IN lists of varying length make many texts, hence a bound on how many are kept.
export const STATEMENT_CACHE_SIZE = 500;

/** better-sqlite3's prepare, for Kysely, with each SQL text's statement prepared once and reused. */
export function cachedPrepare(sqlite: SqliteDatabase.Database, capacity = STATEMENT_CACHE_SIZE): (sql: string) => SqliteDatabase.Statement {
  const statements = new Map<string, SqliteDatabase.Statement>();
  return (sql) => {
    const cached = statements.get(sql);
    // A statement still being iterated (a streamed query) cannot run again until it finishes.
    if (cached?.busy) return sqlite.prepare(sql);
    if (cached) {
      // Least recently used goes first: a Map iterates in insertion order.
      statements.delete(sql);
      statements.set(sql, cached);
      return cached;
    }
    const statement = sqlite.prepare(sql);
    statements.set(sql, statement);
    if (statements.size > capacity) statements.delete(statements.keys().next().value as string);
    return statement;
  };
}
