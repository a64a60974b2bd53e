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
  const database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', DATABASE_URL: database.url, ...env });
  const ctx = createContext(config);
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
