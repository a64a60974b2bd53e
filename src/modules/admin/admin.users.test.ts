import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { TestClient } from '../../../test/support/client.ts';
import { createMember, createOrganisation, createUser, signedInClient } from '../../../test/support/factories.ts';
import { dataValues } from '../../../test/support/html.ts';
import { useTestApp } from '../../../test/support/test-app.ts';
import { USERS_PER_PAGE } from './admin.service.ts';

const rowIds = (body: string): string[] => dataValues(body, 'data-user-id');

describe('the user administration pages', () => {
  const t = useTestApp();
  let client: TestClient;
  let adminId: string;

  before(async () => {
    const admin = await createUser(t.ctx.db, { displayName: 'Ada Administrator', email: 'ada@support.example.org', roles: ['support_unit'] });
    adminId = admin.id;
    client = await signedInClient(t.app, admin);
  });

  it('offers users, the audit log and the outbox from the administration home', async () => {
    const response = await client.get('/admin');
    assert.equal(response.status, 200);
    for (const href of ['/admin/users', '/admin/audit', '/admin/outbox']) assert.match(response.body, new RegExp(`href="${href}"`));
  });

  it('lists accounts with their email, whether it is verified, and their roles', async () => {
    const memberId = (await createMember(t.ctx.db, { name: 'Republic of Listings' })).id;
    const poc = await createUser(t.ctx.db, { displayName: 'Pat Contact', roles: [{ role: 'government_poc', memberId }] });
    const unverified = await createUser(t.ctx.db, { displayName: 'Una Verified', verified: false });
    const response = await client.get(`/admin/users?q=${encodeURIComponent('Pat Contact')}`);
    assert.equal(response.status, 200);
    assert.deepEqual(rowIds(response.body), [poc.id]);
    assert.match(response.body, new RegExp(poc.email.replace(/[.]/g, '\\.')));
    assert.match(response.body, /Government point of contact – Republic of Listings/);
    assert.match(response.body, /govuk-tag--green[^>]*>\s*Yes/);

    const other = await client.get('/admin/users?q=una+verified');
    assert.deepEqual(rowIds(other.body), [unverified.id]);
    assert.match(other.body, /govuk-tag--grey[^>]*>\s*No/);
    assert.match(other.body, /<td class="govuk-table__cell">\s*Participant\s*<\/td>/);
  });

  it('searches names and email addresses without regard to case', async () => {
    const person = await createUser(t.ctx.db, { displayName: 'Zoë Quintero', email: 'zq-search@example.net' });
    assert.deepEqual(rowIds((await client.get('/admin/users?q=ZOË+QUIN')).body), [person.id]);
    assert.deepEqual(rowIds((await client.get('/admin/users?q=ZQ-SEARCH@EXAMPLE')).body), [person.id]);
    assert.deepEqual(rowIds((await client.get('/admin/users?q=%20quintero%20')).body), [person.id], 'surrounding spaces are ignored');
    const none = await client.get('/admin/users?q=nobody-by-this-name');
    assert.deepEqual(rowIds(none.body), []);
    assert.match(none.body, /No accounts match your search\./);
  });

  it('treats % and _ in a search as ordinary characters', async () => {
    const percent = await createUser(t.ctx.db, { displayName: 'Hundred % Person' });
    assert.deepEqual(rowIds((await client.get('/admin/users?q=%25')).body), [percent.id]);
    assert.deepEqual(rowIds((await client.get('/admin/users?q=_')).body), []);
  });

  it('pages through accounts, keeping the search in every link', async () => {
    const marker = 'Pager';
    const made = [];
    for (let i = 0; i < USERS_PER_PAGE + 3; i++) made.push(await createUser(t.ctx.db, { displayName: `${marker} ${String(i).padStart(2, '0')}` }));
    const first = await client.get(`/admin/users?q=${marker}`);
    assert.equal(rowIds(first.body).length, USERS_PER_PAGE);
    assert.match(first.body, /Accounts found: 28/);
    assert.match(first.body, /class="govuk-pagination/);
    assert.match(first.body, /href="\/admin\/users\?q=Pager&amp;page=2"/);
    const second = await client.get(`/admin/users?q=${marker}&page=2`);
    assert.deepEqual(rowIds(second.body), made.slice(USERS_PER_PAGE).map((u) => u.id));
    assert.match(second.body, /aria-current="page"[^>]*>\s*2/);
    const odd = await client.get(`/admin/users?q=${marker}&page=banana`);
    assert.equal(odd.status, 200);
    assert.deepEqual(rowIds(odd.body), rowIds(first.body), 'a nonsense page number shows the first page');
  });

  it('shows a search too long to run as an error beside the search box', async () => {
    const response = await client.get(`/admin/users?q=${'a'.repeat(201)}`);
    assert.equal(response.status, 400);
    assert.match(response.body, /<a href="#q">Must be 200 characters or fewer<\/a>/);
    assert.match(response.body, new RegExp(`id="q" name="q" type="search" spellcheck="false" value="${'a'.repeat(201)}"`), 'the search stays as typed');
  });

  it('shows an account with its grants, a revoke button for each, and the grant form', async () => {
    const memberId = (await createMember(t.ctx.db, { name: 'Member For Options' })).id;
    const organisationId = (await createOrganisation(t.ctx.db, { name: 'Organisation For Options' })).id;
    const person = await createUser(t.ctx.db, { displayName: 'Grace <Granted>', roles: ['irm_researcher', { role: 'organisation_member', organisationId }] });
    const response = await client.get(`/admin/users/${person.id}`);
    assert.equal(response.status, 200);
    assert.match(response.body, /<h1 class="govuk-heading-l">Grace &lt;Granted&gt;<\/h1>/);
    assert.doesNotMatch(response.body, /<Granted>/);
    assert.match(response.body, /IRM researcher/);
    assert.match(response.body, /Organisation For Options/);
    assert.equal([...response.body.matchAll(/\/revoke"/g)].length, 2);
    assert.match(response.body, new RegExp(`<option value="${memberId}">Member For Options</option>`));
    assert.match(response.body, new RegExp(`<option value="${organisationId}">Organisation For Options</option>`));
    assert.doesNotMatch(response.body, /<option value="participant"/);
    assert.doesNotMatch(response.body, /password_hash|\$argon2/);
  });

  it('answers 404 for an account that does not exist', async () => {
    assert.equal((await client.get('/admin/users/00000000-0000-4000-8000-000000000000')).status, 404);
    assert.equal((await client.get('/admin/users/not-an-id')).status, 404);
  });

  it('speaks Spanish and French', async () => {
    assert.match((await client.get(`/admin/users/${adminId}?lang=es`)).body, /Conceder un rol/);
    assert.match((await client.get('/admin/users?lang=fr')).body, /Rechercher par nom ou adresse électronique/);
    await client.get('/?lang=en');
  });
});
