import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import type pg from 'pg';
import type { DatabaseHandle, Db } from './database.ts';
import type { Database } from './schema.ts';

// Kysely hides the connection a transaction runs on, and COPY (pg-copy-streams) must be sent down that very
// connection to land in the transaction. So a bulk load on PostgreSQL takes one connection from the pool for itself
// and runs its Kysely queries through it too.

/** The connection a piece of work runs on: PostgreSQL's own client, or none on SQLite. */
export type OwnClient = pg.PoolClient | null;

/**
 * Runs `work` with a Kysely instance whose every query goes through one connection, handed to `work` as well; on
 * SQLite, with the handle's own instance and no client. `work` must not run two transactions at once on it.
 */
export async function withOwnConnection<T>(handle: DatabaseHandle, work: (db: Db, client: OwnClient) => Promise<T>): Promise<T> {
  if (!handle.pgPool) return work(handle.db, null);
  const client = await handle.pgPool.connect();
  // Kysely releases its connection after each query or transaction; the client goes back to the pool only at the end.
  const borrowed: PostgresPoolClient = { query: client.query.bind(client) as PostgresPoolClient['query'], release: () => {} };
  const pool: PostgresPool = { connect: async () => borrowed, end: async () => {} };
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  let broken = false;
  try {
    return await work(db, client);
  } catch (error) {
    // A connection left mid-COPY or mid-transaction must not serve anyone else.
    broken = true;
    throw error;
  } finally {
    await db.destroy();
    client.release(broken);
  }
}
