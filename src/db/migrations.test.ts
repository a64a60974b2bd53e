import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTestDatabase } from '../../test/support/test-db.ts';
import { createMigrator, isMigrated, migrateToLatest, openDatabase } from './database.ts';
import { migrations } from './migrations/index.ts';

describe('migrations', () => {
  it('run up, all the way down, and up again', async () => {
    const database = await createTestDatabase();
    const handle = openDatabase(database.url);
    try {
      assert.equal(await isMigrated(handle.db), false);
      assert.deepEqual(await migrateToLatest(handle.db), Object.keys(migrations));
      assert.equal(await isMigrated(handle.db), true);
      const migrator = createMigrator(handle.db);
      for (let i = 0; i < Object.keys(migrations).length; i++) {
        const { error } = await migrator.migrateDown();
        assert.equal(error, undefined);
      }
      assert.equal(await isMigrated(handle.db), false);
      await migrateToLatest(handle.db);
      assert.equal(await isMigrated(handle.db), true);
    } finally {
      await handle.close();
      await database.drop();
    }
  });

  it('have timestamped names in order', () => {
    const names = Object.keys(migrations);
    for (const name of names) assert.match(name, /^\d{14}_[a-z0-9_]+$/);
    assert.deepEqual([...names].sort(), names);
  });
});
