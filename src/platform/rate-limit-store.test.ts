import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../test/support/test-app.ts';
import { databaseRateLimitStore } from './rate-limit-store.ts';

describe('database rate-limit store', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp();
  });
  after(() => t.close());

  const incr = (store: { incr(key: string, cb: (e: Error | null, r?: { current: number; ttl: number }) => void, window: number): void }, key: string, window: number) =>
    new Promise<{ current: number; ttl: number }>((resolve, reject) => store.incr(key, (e, r) => (e || !r ? reject(e) : resolve(r)), window));

  it('counts hits per key and route, shared through the database', async () => {
    const Store = databaseRateLimitStore(t.ctx.db);
    const signIn = new Store({}).child({ routeInfo: { method: 'POST', url: '/sign-in' } });
    const signUp = new Store({}).child({ routeInfo: { method: 'POST', url: '/sign-up' } });
    assert.equal((await incr(signIn, '10.0.0.1', 60_000)).current, 1);
    assert.equal((await incr(signIn, '10.0.0.1', 60_000)).current, 2);
    // A second store instance (another process) sees the same count.
    const otherProcess = new (databaseRateLimitStore(t.ctx.db))({}).child({ routeInfo: { method: 'POST', url: '/sign-in' } });
    const third = await incr(otherProcess, '10.0.0.1', 60_000);
    assert.equal(third.current, 3);
    assert.ok(third.ttl > 0 && third.ttl <= 60_000);
    assert.equal((await incr(signUp, '10.0.0.1', 60_000)).current, 1);
  });

  it('starts a new window once the old one has passed', async () => {
    const store = new (databaseRateLimitStore(t.ctx.db))({}).child({ routeInfo: { method: 'POST', url: '/x' } });
    await incr(store, 'k', 1);
    await new Promise((r) => setTimeout(r, 5));
    assert.equal((await incr(store, 'k', 60_000)).current, 1);
  });
});
