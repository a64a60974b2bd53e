import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import type { Db } from '../../db/database.ts';
import { AppError } from '../../platform/errors.ts';
import { createOrganisation, createUser } from '../../../test/support/factories.ts';
import { testDialect } from '../../../test/support/test-db.ts';
import { useTestApp } from '../../../test/support/test-app.ts';
import { countGrantsOfRole, listGrantsForUser } from './roles.repository.ts';
import { grantRole, revokeRole, revokeRoleInTransaction } from './roles.service.ts';

function isFieldError(field: string, key: string) {
  return (error: unknown): boolean => {
    assert.ok(error instanceof AppError);
    assert.equal(error.code, 'VALIDATION_FAILED');
    assert.equal(error.fields[field]?.key, key);
    return true;
  };
}

describe('roles service', () => {
  const t = useTestApp();

  it('refuses to revoke the last Support Unit grant, and allows it once another exists', async () => {
    const first = await createUser(t.ctx.db, { roles: ['support_unit'] });
    const [grant] = await listGrantsForUser(t.ctx.db, first.id);
    await assert.rejects(revokeRole(t.ctx.db, first.id, grant!.id), isFieldError('role', 'roles.errors.lastSupportUnit'));
    assert.equal((await listGrantsForUser(t.ctx.db, first.id)).length, 1);

    const second = await createUser(t.ctx.db);
    await grantRole(t.ctx.db, first.id, { userId: second.id, role: 'support_unit' });
    await revokeRole(t.ctx.db, second.id, grant!.id);
    assert.equal((await listGrantsForUser(t.ctx.db, first.id)).length, 0);
  });

  it('grants no role to an account that has not confirmed its email address, and writes nothing', async () => {
    const organisation = await createOrganisation(t.ctx.db, { name: 'Unconfirmed Grants' });
    const unconfirmed = await createUser(t.ctx.db, { verified: false });
    const events = async () => (await t.ctx.db.selectFrom('audit_events').select('id').execute()).length;
    const before = await events();
    for (const grant of [{ role: 'support_unit' }, { role: 'organisation_member', organisationId: organisation.id }]) {
      await assert.rejects(grantRole(t.ctx.db, null, { userId: unconfirmed.id, ...grant }), isFieldError('role', 'roles.errors.accountUnverified'));
    }
    assert.deepEqual(await listGrantsForUser(t.ctx.db, unconfirmed.id), []);
    assert.equal(await events(), before);
  });
});

/** Waits until some session of this database is waiting for a lock, or gives up after `timeoutMs`. */
async function someoneWaitsForALock(db: Db, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { rows } = await sql<{ waiting: number }>`
      SELECT count(*) AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`.execute(db);
    if (Number(rows[0]?.waiting) > 0) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return false;
}

describe('two administrators revoking each other’s Support Unit grant at the same time', () => {
  const t = useTestApp();
  const skip = testDialect() === 'sqlite' ? 'SQLite runs one transaction at a time on its single connection, so two revokes cannot overlap there' : false;

  it('lets one through and refuses the other, so one Support Unit grant remains', { skip }, async () => {
    const ada = await createUser(t.ctx.db, { roles: ['support_unit'] });
    const bob = await createUser(t.ctx.db, { roles: ['support_unit'] });
    const [adasGrant] = await listGrantsForUser(t.ctx.db, ada.id);
    const [bobsGrant] = await listGrantsForUser(t.ctx.db, bob.id);
    assert.ok(adasGrant && bobsGrant);

    // Ada revokes Bob's grant and, before her transaction commits, Bob starts revoking hers.
    let commitAdas!: () => void;
    const adaMayCommit = new Promise<void>((resolve) => (commitAdas = resolve));
    let adaHasRevoked!: () => void;
    const adaRevoked = new Promise<void>((resolve) => (adaHasRevoked = resolve));
    const adas = t.ctx.db.transaction().execute(async (trx) => {
      const revoked = await revokeRoleInTransaction(trx, ada.id, bobsGrant.id);
      adaHasRevoked();
      await adaMayCommit;
      return revoked;
    });
    adas.catch(() => adaHasRevoked());
    await adaRevoked;
    const bobs = t.ctx.db.transaction().execute((trx) => revokeRoleInTransaction(trx, bob.id, adasGrant.id));
    // Bob's revoke must wait for Ada's to commit; without the lock it would finish here, seeing both grants.
    const waited = await someoneWaitsForALock(t.ctx.db, 2000);
    commitAdas();
    const [adaOutcome, bobOutcome] = await Promise.allSettled([adas, bobs]);

    assert.equal(adaOutcome.status, 'fulfilled');
    assert.equal(bobOutcome.status, 'rejected');
    isFieldError('role', 'roles.errors.lastSupportUnit')(bobOutcome.reason);
    assert.ok(waited, 'the second revoke waited for the first');
    assert.equal(await countGrantsOfRole(t.ctx.db, 'support_unit'), 1);
    assert.deepEqual((await listGrantsForUser(t.ctx.db, ada.id)).map((g) => g.role), ['support_unit']);
    const revocations = await t.ctx.db.selectFrom('audit_events').select('entity_id').where('action', '=', 'role.revoked').execute();
    assert.deepEqual(revocations, [{ entity_id: bob.id }], 'only the revoke that happened is in the log');
  });
});
