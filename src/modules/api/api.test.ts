import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { TestClient } from '../../../test/support/client.ts';
import { createMember, createOrganisation, createUser } from '../../../test/support/factories.ts';
import { useTestApp } from '../../../test/support/test-app.ts';
import { endpointsFromOpenApi } from './api.routes.ts';

describe('JSON API', () => {
  const t = useTestApp();
  let organisationId: string;

  const get = (url: string) => t.app.inject({ url });

  before(async () => {
    const organisation = await createOrganisation(t.ctx.db, {
      name: 'Api Transparency Network',
      orgType: 'civil_society',
      country: 'Brazil',
      website: 'https://atn.example.org',
      description: 'Open data advocates.',
    });
    organisationId = organisation.id;
    for (let i = 1; i <= 4; i += 1) await createOrganisation(t.ctx.db, { name: `Api Press ${i}`, orgType: 'media' });
    await createMember(t.ctx.db, { name: 'Republic of Apistan', memberType: 'national', countryCode: 'BR', ogpCode: 'BRA', region: 'Americas', joinedYear: 2011 });
    await createMember(t.ctx.db, { name: 'Api City, Apistan', memberType: 'local' });
    await createUser(t.ctx.db, { displayName: 'Hidden Person', email: 'hidden.person@example.org', roles: [{ role: 'organisation_member', organisationId }] });
  });

  it('lists organisations with paging metadata', async () => {
    const response = await get('/api/v1/organisations?q=API&perPage=2&page=2');
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /application\/json/);
    assert.equal(response.headers['access-control-allow-origin'], '*');
    const body = response.json();
    assert.deepEqual(body.meta, { total: 5, page: 2, perPage: 2 });
    assert.deepEqual(
      body.data.map((o: { name: string }) => o.name),
      ['Api Press 3', 'Api Press 4'],
    );
    const first = (await get('/api/v1/organisations?q=network')).json();
    assert.deepEqual(first.meta, { total: 1, page: 1, perPage: 25 });
    assert.deepEqual(Object.keys(first.data[0]).sort(), ['country', 'createdAt', 'description', 'id', 'name', 'slug', 'type', 'updatedAt', 'website']);
    assert.equal(first.data[0].type, 'civil_society');
    assert.equal(first.data[0].website, 'https://atn.example.org');
  });

  it('filters organisations by type', async () => {
    const body = (await get('/api/v1/organisations?type=media')).json();
    assert.equal(body.meta.total, 4);
    assert.ok(body.data.every((o: { type: string }) => o.type === 'media'));
  });

  it('returns one organisation, and never anyone\'s email', async () => {
    const response = await get('/api/v1/organisations/api-transparency-network');
    assert.equal(response.statusCode, 200);
    const body = response.json();
    assert.equal(body.data.id, organisationId);
    assert.equal(body.data.country, 'Brazil');
    assert.doesNotMatch(response.body, /hidden\.person|@example\.org/);
  });

  it('answers an unknown slug with 404 in the JSON error shape', async () => {
    for (const url of ['/api/v1/organisations/no-such-organisation', '/api/v1/members/no-such-member']) {
      const response = await get(url);
      assert.equal(response.statusCode, 404);
      assert.deepEqual(response.json(), { error: { code: 'NOT_FOUND', message: 'Page not found', fields: {} } });
    }
  });

  it('refuses parameters out of range with 400 naming each one', async () => {
    const response = await get('/api/v1/organisations?perPage=101&page=0&type=club');
    assert.equal(response.statusCode, 400);
    const body = response.json();
    assert.equal(body.error.code, 'VALIDATION_FAILED');
    assert.deepEqual(Object.keys(body.error.fields).sort(), ['page', 'perPage', 'type']);
    assert.equal((await get('/api/v1/members?page=abc')).statusCode, 400);
    assert.equal((await get(`/api/v1/organisations?q=${'q'.repeat(201)}`)).statusCode, 400);
  });

  it('lists and returns members', async () => {
    const list = (await get('/api/v1/members?q=apistan&type=national')).json();
    assert.deepEqual(list.meta, { total: 1, page: 1, perPage: 25 });
    assert.deepEqual(list.data[0], {
      id: list.data[0].id,
      slug: 'republic-of-apistan',
      name: 'Republic of Apistan',
      type: 'national',
      ogpCode: 'BRA',
      countryCode: 'BR',
      region: 'Americas',
      joinedYear: 2011,
      cohort: 'odd',
      status: 'active',
      createdAt: list.data[0].createdAt,
    });
    const one = await get('/api/v1/members/api-city-apistan');
    assert.equal(one.statusCode, 200);
    assert.equal(one.json().data.type, 'local');
    assert.equal(one.json().data.countryCode, null);
    assert.equal(one.json().data.ogpCode, null);
    assert.equal(one.json().data.region, null);
  });

  it('ignores the browser session: the API is anonymous', async () => {
    const response = await t.app.inject({ url: '/api/v1/members', headers: { cookie: 'ogp_session=anything' } });
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['set-cookie'], undefined);
  });

  it('publishes an OpenAPI document describing every endpoint', async () => {
    const response = await get('/api/openapi.json');
    assert.equal(response.statusCode, 200);
    const document = response.json();
    assert.match(document.openapi, /^3\./);
    for (const path of ['/api/v1/organisations', '/api/v1/organisations/{slug}', '/api/v1/members', '/api/v1/members/{slug}']) {
      const operation = document.paths[path]?.get;
      assert.ok(operation, `${path} is documented`);
      assert.ok(operation.tags.length > 0);
      assert.ok(operation.responses['200'], `${path} documents 200`);
    }
    assert.ok(document.paths['/api/v1/organisations/{slug}'].get.responses['404']);
    assert.equal(document.paths['/api/openapi.json'], undefined);
    const operations = endpointsFromOpenApi(document).map((e) => e.operationId);
    for (const id of ['getMember', 'getOrganisation', 'listMembers', 'listOrganisations', 'listCommitments', 'getCommitment']) assert.ok(operations.includes(id), id);
  });

  it('shows a developer page built from the OpenAPI document, in the reader\'s language', async () => {
    const page = await new TestClient(t.app).get('/developers');
    assert.equal(page.status, 200);
    assert.match(page.body, /<h1 class="govuk-heading-xl">Open data API<\/h1>/);
    assert.match(page.body, /href="\/api\/openapi.json"/);
    assert.match(page.body, /GET \/api\/v1\/organisations\/\{slug\}/);
    assert.match(page.body, /<code>government_agency \| civil_society/);
    assert.match(page.body, /href="\/api\/v1\/members"/);
    assert.match(page.body, /href="\/api\/docs"/);
    const french = await new TestClient(t.app).get('/developers?lang=fr');
    assert.match(french.body, /API de données ouvertes/);
  });
});
