import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildApp, createContext } from '../../app.ts';
import { migrateToLatest } from '../../db/database.ts';
import { loadConfig } from '../../platform/config.ts';
import { createTestDatabase } from '../../../test/support/test-db.ts';

describe('readiness', () => {
  it('is 503 until migrations have run, then ready', async () => {
    const database = await createTestDatabase();
    const ctx = createContext(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: database.url }));
    const app = await buildApp(ctx);
    try {
      const before = await app.inject({ url: '/readyz' });
      assert.equal(before.statusCode, 503);
      assert.equal((await app.inject({ url: '/healthz' })).statusCode, 200);
      await migrateToLatest(ctx.db);
      const after = await app.inject({ url: '/readyz' });
      assert.equal(after.statusCode, 200);
    } finally {
      await app.close();
      await database.drop();
    }
  });
});
