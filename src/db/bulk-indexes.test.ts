import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createActionPlan, createCommitment, milestoneRow } from '../../test/support/commitment-factories.ts';
import { createTestDatabase, type TestDatabase, testDialect } from '../../test/support/test-db.ts';
import { withBulkInserts } from './bulk-inserts.ts';
import { type DatabaseHandle, type Db, type DbOrTrx, openDatabase } from './database.ts';
import type { MilestonesTable } from './schema.ts';

// Bulk inserts (bulk-inserts.ts) set an empty table's indexes and foreign keys aside during the load and build them
// after: the schema must end exactly as it was, a row breaking a foreign key must still fail the load, and a table
// with rows keeps its indexes.

const onPostgres = testDialect() === 'postgres';

/** Every index and constraint of the schema, as PostgreSQL would write them out again. */
async function schemaShape(db: DbOrTrx): Promise<string[]> {
  if (!onPostgres) {
    const { rows } = await sql<{ sql: string | null }>`SELECT sql FROM sqlite_master WHERE type = 'index' ORDER BY name`.execute(db);
    return rows.map((r) => r.sql ?? '');
  }
  const { rows } = await sql<{ shape: string }>`
    SELECT indexdef AS shape FROM pg_indexes WHERE schemaname = current_schema()
    UNION ALL
    SELECT conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = current_schema()::regnamespace
    ORDER BY 1`.execute(db);
  return rows.map((r) => r.shape);
}

const indexesOf = async (db: DbOrTrx, table: string): Promise<string[]> => {
  const { rows } = onPostgres
    ? await sql<{ name: string }>`SELECT indexname AS name FROM pg_indexes WHERE tablename = ${table} ORDER BY 1`.execute(db)
    : await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ${table} ORDER BY 1`.execute(db);
  return rows.map((r) => r.name);
};

const milestone = (commitmentId: string, position: number): MilestonesTable => milestoneRow(commitmentId, { position, title: `Step ${position}` });

describe('building indexes after a bulk load', () => {
  let database: TestDatabase;
  let handle: DatabaseHandle;
  let db: Db;
  let shape: string[];

  before(async () => {
    database = await createTestDatabase({ migrated: true });
    handle = openDatabase(database.url);
    db = handle.db;
    shape = await schemaShape(db);
  });
  after(async () => {
    await handle.close();
    await database.drop();
  });

  it('sets an empty table’s indexes and foreign keys aside during the load and leaves the schema as it was', async () => {
    const plan = await createActionPlan(db);
    const commitment = await createCommitment(db, { plan_id: plan.id });
    const present = await indexesOf(db, 'milestones');
    const commitmentIndexes = await indexesOf(db, 'commitments');
    let during: string[] = [];
    let commitmentIndexesDuring: string[] = [];
    await db.transaction().execute((trx) =>
      withBulkInserts(trx, ['milestones', 'commitments'], async (noteInserted) => {
        const rows = [milestone(commitment.id, 1), milestone(commitment.id, 2)];
        await trx.insertInto('milestones').values(rows).execute();
        noteInserted('milestones', Object.keys(rows[0]!), rows.flatMap((row) => Object.values(row)));
        during = await indexesOf(trx, 'milestones');
        commitmentIndexesDuring = await indexesOf(trx, 'commitments');
      }),
    );
    assert.ok(present.includes('milestones_commitment_idx'));
    assert.deepEqual(during, [onPostgres ? 'milestones_pkey' : 'sqlite_autoindex_milestones_1'], 'only the primary key stayed during the load');
    assert.deepEqual(await schemaShape(db), shape);
    const loaded = await db.selectFrom('milestones').select('position').where('commitment_id', '=', commitment.id).orderBy('position').execute();
    assert.deepEqual(loaded.map((m) => m.position), [1, 2]);
    // commitments had rows: its indexes stayed.
    assert.deepEqual(commitmentIndexesDuring, commitmentIndexes);
  });

  it('still fails a load whose rows break a foreign key, and leaves the schema as it was', async () => {
    await db.deleteFrom('milestones').execute();
    await assert.rejects(
      db.transaction().execute((trx) =>
        withBulkInserts(trx, ['milestones'], async () => {
          await trx.insertInto('milestones').values(milestone('no-such-commitment', 1)).execute();
        }),
      ),
      /foreign key/i,
    );
    assert.equal((await db.selectFrom('milestones').select('id').execute()).length, 0);
    assert.deepEqual(await schemaShape(db), shape);
  });
});
