import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMember, createOrganisation, createUser } from '../../test/support/factories.ts';
import { useTestApp } from '../../test/support/test-app.ts';
import { revokeRole } from '../modules/roles/roles.service.ts';
import { hashToken } from './ids.ts';
import { createSession, resolveSession } from './sessions.ts';

describe('resolving a session', () => {
  const t = useTestApp();

  it('gives the person with every grant, none for a plain participant, and a revoked grant is gone at once', async () => {
    const { db } = t.ctx;
    const member = await createMember(db, { name: 'Republic of Sessions' });
    const organisation = await createOrganisation(db, { name: 'Session Watch' });
    const user = await createUser(db, {
      displayName: 'Grace Granted',
      roles: ['support_unit', { role: 'government_poc', memberId: member.id }, { role: 'organisation_member', organisationId: organisation.id }],
    });
    const token = await createSession(db, user.id);
    const resolved = await resolveSession(db, token);
    assert.equal(resolved?.sessionId, hashToken(token));
    assert.deepEqual({ ...resolved?.actor, grants: undefined }, { id: user.id, email: user.email, displayName: 'Grace Granted', grants: undefined });
    const grants = resolved?.actor.grants ?? [];
    assert.deepEqual(grants.map((g) => [g.role, g.memberId, g.organisationId]).sort(), [
      ['government_poc', member.id, null],
      ['organisation_member', null, organisation.id],
      ['support_unit', null, null],
    ]);

    await revokeRole(db, null, grants.find((g) => g.role === 'government_poc')!.id);
    assert.deepEqual((await resolveSession(db, token))?.actor.grants.map((g) => g.role).sort(), ['organisation_member', 'support_unit']);

    const participant = await createUser(db);
    assert.deepEqual((await resolveSession(db, await createSession(db, participant.id)))?.actor.grants, []);
  });

  it('knows no unknown token, and ends an expired session', async () => {
    const { db } = t.ctx;
    assert.equal(await resolveSession(db, 'no-such-token'), null);
    const user = await createUser(db);
    const token = await createSession(db, user.id);
    await db.updateTable('sessions').set({ expires_at: '2000-01-01T00:00:00.000Z' }).where('id', '=', hashToken(token)).execute();
    assert.equal(await resolveSession(db, token), null);
    assert.equal(await db.selectFrom('sessions').select('id').where('id', '=', hashToken(token)).executeTakeFirst(), undefined);
  });
});
