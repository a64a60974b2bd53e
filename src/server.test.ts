import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createUser } from '../test/support/factories.ts';
import { useTestApp } from '../test/support/test-app.ts';
import type { AppContext } from './platform/context.ts';
import { DEMO_ACCOUNTS } from './seed/seed.ts';
import { assertNoDemoAccountsInProduction, DemoAccountsInProductionError } from './server.ts';

describe('start-up in production', () => {
  const t = useTestApp();
  const inProduction = (): AppContext => ({ ...t.ctx, config: { ...t.ctx.config, nodeEnv: 'production' } });

  it('starts when no demo account exists, and refuses once one does', async () => {
    await assertNoDemoAccountsInProduction(inProduction());
    await createUser(t.ctx.db, { email: DEMO_ACCOUNTS[0]!.email });
    await assert.rejects(assertNoDemoAccountsInProduction(inProduction()), DemoAccountsInProductionError);
    // Outside production the same database is fine: that is what the demo accounts are for.
    await assertNoDemoAccountsInProduction(t.ctx);
  });
});
