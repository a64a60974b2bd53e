import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { TestClient } from '../../../test/support/client.ts';
import { createMember, createOrganisation, createUser, signedInClient, type UserOptions } from '../../../test/support/factories.ts';
import { useTestApp } from '../../../test/support/test-app.ts';
import type { Role } from '../../platform/roles.ts';
import { listGrantsForUser } from '../roles/roles.repository.ts';

type Who = 'anonymous' | Role;
const EVERYONE: Who[] = ['anonymous', 'participant', 'organisation_member', 'government_poc', 'irm_researcher', 'irm_staff', 'steering_committee', 'support_unit'];

describe('who may reach the administration pages', () => {
  const t = useTestApp();
  let memberId: string;
  let organisationId: string;
  let targetId: string;
  let targetGrantId: string;
  let messageId: string;

  before(async () => {
    memberId = (await createMember(t.ctx.db, { name: 'Republic of Access' })).id;
    organisationId = (await createOrganisation(t.ctx.db, { name: 'Access Civil Society' })).id;
    const target = await createUser(t.ctx.db, { roles: ['steering_committee'] });
    targetId = target.id;
    const grant = (await listGrantsForUser(t.ctx.db, targetId))[0];
    assert.ok(grant);
    targetGrantId = grant.id;
    messageId = await t.ctx.mailer.enqueue(t.ctx.db, { to: target.email, subject: 'Access test', text: 'Hello' });
  });

  const getRoutes = (): string[] => [
    '/admin',
    '/admin/users',
    `/admin/users/${targetId}`,
    '/admin/audit',
    '/admin/outbox',
    `/admin/outbox/${messageId}`,
  ];
  const postRoutes = (): Array<{ url: string; fields: Record<string, string> }> => [
    { url: `/admin/users/${targetId}/roles`, fields: { role: 'irm_staff' } },
    { url: `/admin/users/${targetId}/roles/${targetGrantId}/revoke`, fields: {} },
  ];

  async function clientFor(who: Who): Promise<TestClient> {
    if (who === 'anonymous') return new TestClient(t.app);
    const roles: UserOptions['roles'] =
      who === 'government_poc' ? [{ role: who, memberId }] : who === 'organisation_member' ? [{ role: who, organisationId }] : [who];
    return signedInClient(t.app, await createUser(t.ctx.db, { roles }));
  }

  const targetRoles = async (): Promise<string[]> => (await listGrantsForUser(t.ctx.db, targetId)).map((g) => g.role).sort();

  for (const who of EVERYONE) {
    it(`${who}: ${who === 'support_unit' ? 'reaches every page and can change roles' : who === 'anonymous' ? 'is sent to sign in, and refused with 401 on posts' : 'is refused with 403'}`, async () => {
      const client = await clientFor(who);
      for (const url of getRoutes()) {
        const response = await client.get(url);
        if (who === 'anonymous') {
          assert.ok([302, 303].includes(response.status), `GET ${url}: ${response.status}`);
          assert.equal(response.location, `/sign-in?next=${encodeURIComponent(url)}`);
        } else if (who === 'support_unit') {
          assert.equal(response.status, 200, `GET ${url}`);
        } else {
          assert.equal(response.status, 403, `GET ${url}`);
          assert.match(response.body, /You do not have permission to do this/);
        }
      }
      for (const { url, fields } of postRoutes()) {
        if (who === 'anonymous') {
          const response = await client.post(url, fields);
          assert.equal(response.status, 401, `POST ${url}`);
          continue;
        }
        // A real CSRF token, so a refusal here is the policy's and not the CSRF check's.
        const response = await client.submit('/', url, fields);
        if (who === 'support_unit') {
          assert.equal(response.status, 303, `POST ${url}`);
          assert.match(response.location ?? '', new RegExp(`^/admin/users/${targetId}\\?done=`));
        } else {
          assert.equal(response.status, 403, `POST ${url}`);
          assert.match(response.body, /You do not have permission to do this/);
        }
      }
      const expected = who === 'support_unit' ? ['irm_staff'] : ['steering_committee'];
      assert.deepEqual(await targetRoles(), expected);
    });
  }

  it('shows the administration link only to those who may use it', async () => {
    const support = await clientFor('support_unit');
    assert.match((await support.get('/')).body, /href="\/admin"/);
    const staff = await clientFor('irm_staff');
    assert.doesNotMatch((await staff.get('/')).body, /href="\/admin"/);
  });
});
