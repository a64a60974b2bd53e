import assert from 'node:assert/strict';
import { before, beforeEach, describe, it } from 'node:test';
import { TestClient } from '../../../test/support/client.ts';
import { createMember, createOrganisation, createUser, signedInClient } from '../../../test/support/factories.ts';
import { countRows } from '../../../test/support/records.ts';
import { useTestApp } from '../../../test/support/test-app.ts';
import type { UserRow } from '../accounts/accounts.repository.ts';
import { listGrantsForUser } from './roles.repository.ts';

describe('granting and revoking roles', () => {
  const t = useTestApp();
  let admin: UserRow;
  let client: TestClient;
  let memberId: string;
  let organisationId: string;
  let person: UserRow;

  before(async () => {
    admin = await createUser(t.ctx.db, { roles: ['support_unit'] });
    client = await signedInClient(t.app, admin);
    memberId = (await createMember(t.ctx.db, { name: 'Republic of Grants' })).id;
    organisationId = (await createOrganisation(t.ctx.db, { name: 'Grants Watch' })).id;
  });
  beforeEach(async () => {
    person = await createUser(t.ctx.db);
  });

  const page = (): string => `/admin/users/${person.id}`;
  const grant = (fields: Record<string, string>): ReturnType<TestClient['submit']> => client.submit(page(), `${page()}/roles`, fields);
  const rolesOf = async (userId: string): Promise<string[]> => (await listGrantsForUser(t.ctx.db, userId)).map((g) => g.role);

  /** The public events about a record: what its change history shows. */
  const publicEvents = (entityId: string) =>
    t.ctx.db.selectFrom('audit_events').selectAll().where('entity_id', '=', entityId).where('is_public', '=', 1).orderBy('occurred_at').orderBy('id').execute();

  function latestAudit(action: string, entityId: string) {
    return t.ctx.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', action)
      .where('entity_id', '=', entityId)
      .orderBy('occurred_at', 'desc')
      .executeTakeFirst();
  }

  it('grants a platform-wide role, audited with who did it and what was granted', async () => {
    const response = await grant({ role: 'irm_staff', memberId: '', organisationId: '' });
    assert.equal(response.status, 303);
    assert.equal(response.location, `${page()}?done=granted`);
    assert.deepEqual(await rolesOf(person.id), ['irm_staff']);
    const event = await latestAudit('role.granted', person.id);
    assert.ok(event);
    assert.equal(event.actor_id, admin.id);
    assert.equal(event.entity_type, 'user');
    assert.equal(event.before_json, null);
    assert.deepEqual(JSON.parse(event.after_json ?? 'null'), { role: 'irm_staff', member_id: null, organisation_id: null });

    const shown = await client.get(response.location ?? '');
    assert.match(shown.body, /The role has been granted\./);
    assert.match(shown.body, /<td class="govuk-table__cell">IRM staff<\/td>/);
  });

  it('grants a government point of contact for the chosen member, ignoring a stray organisation', async () => {
    const memberEvents = (await publicEvents(memberId)).length;
    const organisationEvents = (await publicEvents(organisationId)).length;
    const response = await grant({ role: 'government_poc', memberId, organisationId });
    assert.equal(response.status, 303);
    const [held] = await listGrantsForUser(t.ctx.db, person.id);
    assert.equal(held?.role, 'government_poc');
    assert.equal(held?.member_id, memberId);
    assert.equal(held?.organisation_id, null);
    const event = await latestAudit('role.granted', person.id);
    assert.deepEqual(JSON.parse(event?.after_json ?? 'null'), { role: 'government_poc', member_id: memberId, organisation_id: null });
    assert.match((await client.get(page())).body, /Republic of Grants/);

    // The member's points of contact changed, so its public history says so, once, by name and never by email.
    const added = (await publicEvents(memberId)).slice(memberEvents);
    assert.equal(added.length, 1);
    assert.equal(added[0]?.action, 'member.contact_added');
    assert.equal(added[0]?.entity_type, 'member');
    assert.equal(added[0]?.actor_id, admin.id);
    assert.deepEqual(JSON.parse(added[0]?.after_json ?? 'null'), { contact: person.display_name });
    assert.equal((await publicEvents(organisationId)).length, organisationEvents, 'the stray organisation is untouched');
    const profile = await new TestClient(t.app).get('/members/republic-of-grants');
    assert.ok(profile.body.includes(`${person.display_name} added as a government point of contact`));
    assert.ok(!profile.body.includes(person.email));
  });

  it('revokes a government point of contact with one public event on the member', async () => {
    await grant({ role: 'government_poc', memberId });
    const [held] = await listGrantsForUser(t.ctx.db, person.id);
    assert.ok(held);
    const before = (await publicEvents(memberId)).length;
    const response = await client.submit(page(), `${page()}/roles/${held.id}/revoke`, {});
    assert.equal(response.status, 303);
    const removed = (await publicEvents(memberId)).slice(before);
    assert.equal(removed.length, 1);
    assert.equal(removed[0]?.action, 'member.contact_removed');
    assert.equal(removed[0]?.actor_id, admin.id);
    assert.equal(removed[0]?.after_json, null);
    assert.deepEqual(JSON.parse(removed[0]?.before_json ?? 'null'), { contact: person.display_name });
    const profile = await new TestClient(t.app).get('/members/republic-of-grants?lang=fr');
    assert.ok(profile.body.includes(`${person.display_name} n’est plus point de contact gouvernemental`));
  });

  it('grants an organisation member for the chosen organisation, with one public event on the organisation', async () => {
    const before = (await publicEvents(organisationId)).length;
    const response = await grant({ role: 'organisation_member', organisationId, memberId: '' });
    assert.equal(response.status, 303);
    const [held] = await listGrantsForUser(t.ctx.db, person.id);
    assert.equal(held?.organisation_id, organisationId);
    const added = (await publicEvents(organisationId)).slice(before);
    assert.equal(added.length, 1);
    assert.equal(added[0]?.action, 'organisation.member_added');
    assert.equal(added[0]?.entity_type, 'organisation');
    assert.equal(added[0]?.actor_id, admin.id);
    assert.deepEqual(JSON.parse(added[0]?.after_json ?? 'null'), { member: person.display_name });
    const profile = await new TestClient(t.app).get('/organisations/grants-watch');
    assert.ok(profile.body.includes(`${person.display_name} added as a member`));
    assert.ok(!profile.body.includes(person.email));
  });

  it('grants a platform-wide role without touching any public history', async () => {
    const before = await countRows(t.ctx.db, 'audit_events');
    assert.equal((await grant({ role: 'irm_researcher' })).status, 303);
    assert.equal(await countRows(t.ctx.db, 'audit_events'), before + 1, 'only the private event on the account');
    assert.equal((await latestAudit('role.granted', person.id))?.is_public, 0);
  });

  it('revokes a grant, audited with what it was, privately on the account and once publicly on the organisation', async () => {
    await grant({ role: 'organisation_member', organisationId });
    const [held] = await listGrantsForUser(t.ctx.db, person.id);
    assert.ok(held);
    const publicBefore = (await publicEvents(organisationId)).length;
    const response = await client.submit(page(), `${page()}/roles/${held.id}/revoke`, {});
    assert.equal(response.status, 303);
    assert.equal(response.location, `${page()}?done=revoked`);
    assert.deepEqual(await rolesOf(person.id), []);
    const event = await latestAudit('role.revoked', person.id);
    assert.ok(event);
    assert.equal(event.actor_id, admin.id);
    assert.equal(event.after_json, null);
    assert.deepEqual(JSON.parse(event.before_json ?? 'null'), { role: 'organisation_member', member_id: null, organisation_id: organisationId });
    assert.equal(event.is_public, 0);
    assert.match((await client.get(response.location ?? '')).body, /The role has been revoked\./);
    const removed = (await publicEvents(organisationId)).slice(publicBefore);
    assert.equal(removed.length, 1);
    assert.equal(removed[0]?.action, 'organisation.member_removed');
    assert.equal(removed[0]?.actor_id, admin.id);
    assert.deepEqual(JSON.parse(removed[0]?.before_json ?? 'null'), { member: person.display_name });
    const profile = await new TestClient(t.app).get('/organisations/grants-watch?lang=es');
    assert.ok(profile.body.includes(`${person.display_name} se ha retirado como miembro`));
  });

  describe('refuses a bad grant with the form shown again, changing nothing', () => {
    async function assertRefused(fields: Record<string, string>, field: string, message: RegExp): Promise<string> {
      const grantsBefore = await countRows(t.ctx.db, 'role_grants');
      const auditBefore = await countRows(t.ctx.db, 'audit_events');
      const response = await grant(fields);
      assert.equal(response.status, 400);
      assert.match(response.body, /class="govuk-error-summary"/);
      assert.match(response.body, new RegExp(`<a href="#${field}">`));
      assert.match(response.body, message);
      assert.match(response.body, new RegExp(`id="${field}" name="${field}"`), 'the summary link has a field to land on');
      assert.match(response.body, /<title>Error: /);
      // The page is the account's own page again, with its details and grant form.
      assert.match(response.body, new RegExp(`action="/admin/users/${person.id}/roles"`));
      assert.equal(await countRows(t.ctx.db, 'role_grants'), grantsBefore);
      assert.equal(await countRows(t.ctx.db, 'audit_events'), auditBefore);
      return response.body;
    }

    it('a government point of contact without a member', async () => {
      const body = await assertRefused({ role: 'government_poc', memberId: '' }, 'memberId', /Select the OGP member this government point of contact represents/);
      assert.match(body, /<option value="government_poc" selected>/, 'the chosen role stays chosen');
    });

    it('a government point of contact for a member that does not exist', async () => {
      await assertRefused({ role: 'government_poc', memberId: '00000000-0000-4000-8000-000000000000' }, 'memberId', /Select the OGP member/);
    });

    it('an organisation member without an organisation', async () => {
      await assertRefused({ role: 'organisation_member' }, 'organisationId', /Select the organisation this person is a member of/);
    });

    it('an unknown role', async () => {
      await assertRefused({ role: 'overlord' }, 'role', /Select a role/);
    });

    it('no role at all', async () => {
      await assertRefused({}, 'role', /Select a role/);
    });

    it('participant, which every account already is', async () => {
      await assertRefused({ role: 'participant' }, 'role', /Select a role/);
    });

    it('a role the account already holds, as a form error rather than a conflict page', async () => {
      assert.equal((await grant({ role: 'government_poc', memberId })).status, 303);
      await assertRefused({ role: 'government_poc', memberId }, 'role', /This account already has that role/);
      assert.deepEqual(await rolesOf(person.id), ['government_poc']);
    });

    it('any role for an account whose email address is not confirmed yet', async () => {
      // Someone may have signed up with another person's address; the role must wait for its owner to confirm it.
      person = await createUser(t.ctx.db, { verified: false });
      const message = /<a href="#role">This person has not confirmed their email address yet, so they cannot be given a role<\/a>/;
      await assertRefused({ role: 'organisation_member', organisationId }, 'role', message);
      await assertRefused({ role: 'support_unit' }, 'role', message);
      const body = await assertRefused({ role: 'government_poc', memberId: '' }, 'role', message);
      assert.match(body, /<a href="#memberId">Select the OGP member/, 'every problem is shown at once');
      assert.deepEqual(await rolesOf(person.id), []);
      const french = await signedInClient(t.app, admin);
      await french.get('/?lang=fr');
      const response = await french.submit(page(), `${page()}/roles`, { role: 'irm_staff' });
      assert.equal(response.status, 400);
      assert.match(response.body, /Cette personne n’a pas encore confirmé son adresse e-mail/);
    });

    it('an over-long value, caught by the schema and shown the same way', async () => {
      await assertRefused({ role: 'x'.repeat(65) }, 'role', /Must be 64 characters or fewer/);
    });

    it('in the reader’s language', async () => {
      const spanish = await signedInClient(t.app, admin);
      await spanish.get('/?lang=es');
      const response = await spanish.submit(page(), `${page()}/roles`, { role: 'government_poc' });
      assert.equal(response.status, 400);
      assert.match(response.body, /Hay un problema/);
      assert.match(response.body, /Seleccione el miembro de OGP al que representa este punto de contacto del gobierno/);
    });
  });

  it('answers 404 for an account that does not exist, before looking at the form', async () => {
    const missing = '/admin/users/00000000-0000-4000-8000-000000000000';
    const response = await client.submit(page(), `${missing}/roles`, { role: 'overlord' });
    assert.equal(response.status, 404);
  });

  it('answers 404 when the grant in the address belongs to someone else, and keeps it', async () => {
    const other = await createUser(t.ctx.db, { roles: ['irm_researcher'] });
    const [othersGrant] = await listGrantsForUser(t.ctx.db, other.id);
    assert.ok(othersGrant);
    const auditBefore = await countRows(t.ctx.db, 'audit_events');
    const response = await client.submit(page(), `${page()}/roles/${othersGrant.id}/revoke`, {});
    assert.equal(response.status, 404);
    assert.deepEqual(await rolesOf(other.id), ['irm_researcher']);
    assert.equal(await countRows(t.ctx.db, 'audit_events'), auditBefore);
  });

  it('answers 404 for a grant that does not exist', async () => {
    const response = await client.submit(page(), `${page()}/roles/00000000-0000-4000-8000-000000000000/revoke`, {});
    assert.equal(response.status, 404);
  });

  it('refuses a post without the CSRF token', async () => {
    const response = await client.post(`${page()}/roles`, { role: 'irm_staff' });
    assert.equal(response.status, 403);
    assert.deepEqual(await rolesOf(person.id), []);
  });
});
