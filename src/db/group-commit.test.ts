import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-db.ts';
import { type DatabaseHandle, migrateToLatest, openDatabase } from './database.ts';

describe('write transactions', () => {
  let database: TestDatabase;
  let handle: DatabaseHandle;
  before(async () => {
    database = await createTestDatabase();
    handle = openDatabase(database.url);
    await migrateToLatest(handle.db);
    await sql`CREATE TABLE write_probe (n integer PRIMARY KEY)`.execute(handle.db);
  });
  after(async () => {
    await handle.close();
    await database.drop();
  });

  const insert = (n: number) =>
    handle.writeTransaction(async (trx) => {
      await sql`INSERT INTO write_probe (n) VALUES (${n})`.execute(trx);
      return n;
    });

  it('made together, each succeeds or fails alone and its caller is told only what was committed', async () => {
    const results = await Promise.allSettled([
      insert(1),
      insert(2),
      handle.writeTransaction(async (trx) => {
        await sql`INSERT INTO write_probe (n) VALUES (3)`.execute(trx);
        throw new Error('changed its mind');
      }),
      insert(4),
    ]);
    assert.deepEqual(
      results.map((r) => (r.status === 'fulfilled' ? r.value : 'refused')),
      [1, 2, 'refused', 4],
    );
    await assert.rejects(insert(1), /UNIQUE|duplicate key/i);
    const stored = await sql<{ n: number }>`SELECT n FROM write_probe ORDER BY n`.execute(handle.db);
    assert.deepEqual(stored.rows.map((r) => Number(r.n)), [1, 2, 4]);
  });
});
