import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../platform/errors.ts';
import { createUser } from '../../../test/support/factories.ts';
import { useTestApp } from '../../../test/support/test-app.ts';
import { listGrantsForUser } from './roles.repository.ts';
import { grantRole, revokeRole } from './roles.service.ts';

describe('roles service', () => {
  const t = useTestApp();

  it('refuses to revoke the last Support Unit grant, and allows it once another exists', async () => {
    const first = await createUser(t.ctx.db, { roles: ['support_unit'] });
    const [grant] = await listGrantsForUser(t.ctx.db, first.id);
    await assert.rejects(revokeRole(t.ctx.db, first.id, grant!.id), (error: unknown) => {
      assert.ok(error instanceof AppError);
      assert.equal(error.code, 'VALIDATION_FAILED');
      assert.equal(error.fields.role?.key, 'roles.errors.lastSupportUnit');
      return true;
    });
    assert.equal((await listGrantsForUser(t.ctx.db, first.id)).length, 1);

    const second = await createUser(t.ctx.db);
    await grantRole(t.ctx.db, first.id, { userId: second.id, role: 'support_unit' });
    await revokeRole(t.ctx.db, second.id, grant!.id);
    assert.equal((await listGrantsForUser(t.ctx.db, first.id)).length, 0);
  });
});
