import { after, before } from 'node:test';
import { type App, buildApp, createContext } from '../../src/app.ts';
import { migrateToLatest } from '../../src/db/database.ts';
import { loadConfig } from '../../src/platform/config.ts';
import type { AppContext } from '../../src/platform/context.ts';
import { createTestDatabase } from './test-db.ts';

export interface TestApp {
  app: App;
  ctx: AppContext;
  close(): Promise<void>;
}

/** Boots the real application on a fresh, migrated database of its own. */
export async function createTestApp(env: Record<string, string> = {}, beforeReady?: (app: App) => void): Promise<TestApp> {
  const database = await createTestDatabase({ migrated: true });
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', DATABASE_URL: database.url, ...env });
  const ctx = createContext(config);
  // Already migrated from the pass's template; this only confirms no migration is newer than the template.
  await migrateToLatest(ctx.db);
  const app = await buildApp(ctx);
  beforeReady?.(app);
  await app.ready();
  return {
    app,
    ctx,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

/**
 * A fresh test app for the enclosing describe: started in a before hook, closed in an after hook.
 * The handle reads through to it, so tests and later hooks use `t.app` and `t.ctx` as usual.
 */
export function useTestApp(): Pick<TestApp, 'app' | 'ctx'> {
  let current: TestApp | undefined;
  before(async () => {
    current = await createTestApp();
  });
  after(() => current?.close());
  const started = (): TestApp => {
    if (!current) throw new Error('The test app starts in a before hook: use it in hooks and tests, not while declaring them');
    return current;
  };
  return {
    get app() {
      return started().app;
    },
    get ctx() {
      return started().ctx;
    },
  };
}
