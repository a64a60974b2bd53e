import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { createMilestone, createProgressUpdate } from '../../../test/support/commitment-factories.ts';
import { createExplorerFixture, type ExplorerFixture } from '../../../test/support/explorer-factories.ts';
import { createOrganisation } from '../../../test/support/factories.ts';
import { useTestApp } from '../../../test/support/test-app.ts';

interface Facet {
  label: string;
  values: Array<{ value: string; label: string; count: number; selected: boolean }>;
}

describe('the commitments API', () => {
  const t = useTestApp();
  let fixture: ExplorerFixture;
  let validateList: (data: unknown) => boolean;
  let validateOne: (data: unknown) => boolean;
  let validateError: (data: unknown) => boolean;
  let validatorErrors: () => string;

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers });

  before(async () => {
    fixture = await createExplorerFixture(t.ctx.db);
    const ministry = await createOrganisation(t.ctx.db, { name: 'Ministry of Finance of Albania', orgType: 'government_agency' });
    const watchdog = await createOrganisation(t.ctx.db, { name: 'Procurement Watch Albania', orgType: 'civil_society' });
    const al0001 = fixture.commitments.AL0001!;
    await t.ctx.db
      .insertInto('commitment_institutions')
      .values([
        { commitment_id: al0001.id, organisation_id: watchdog.id, role: 'supporting', position: 1 },
        { commitment_id: al0001.id, organisation_id: ministry.id, role: 'lead', position: 0 },
      ])
      .execute();
    const milestone = await createMilestone(t.ctx.db, al0001.id, { title: 'Portal launched', evidence_links: '["https://portal.example.org"]' });
    await createProgressUpdate(t.ctx.db, al0001.id, { reported_on: '2013-06-30', status: 'limited', percent_complete: 30, narrative: 'Pilot running.' });
    await createProgressUpdate(t.ctx.db, al0001.id, { reported_on: '2014-06-30', status: 'complete', percent_complete: 100, milestone_id: milestone.id, narrative: 'Launched.' });

    // Responses are checked against the published OpenAPI document itself, not against our own types.
    const document = (await get('/api/openapi.json')).json();
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const schemaOf = (path: string, status: string) => document.paths[path].get.responses[status].content['application/json'].schema;
    validateList = ajv.compile(schemaOf('/api/v1/commitments', '200'));
    validateOne = ajv.compile(schemaOf('/api/v1/commitments/{ogpId}', '200'));
    validateError = ajv.compile(schemaOf('/api/v1/commitments/{ogpId}', '404'));
    validatorErrors = () => ajv.errorsText([...((validateList as { errors?: [] }).errors ?? []), ...((validateOne as { errors?: [] }).errors ?? [])]);
  });

  it('answers { total, items, facets } for a search, in the documented shape', async () => {
    const response = await get('/api/v1/commitments?q=open&region=Europe&region=Africa%20and%20the%20Middle%20East&page=1&pageSize=1');
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['access-control-allow-origin'], '*');
    const body = response.json();
    assert.ok(validateList(body), validatorErrors());
    assert.equal(validateList({ ...body, total: 'two' }), false, 'the check can fail');
    assert.equal(body.total, 2);
    assert.equal(body.page, 1);
    assert.equal(body.pageSize, 1);
    assert.equal(body.items.length, 1);
    assert.equal(body.items[0].member.code, body.items[0].ogpId === 'KE0001' ? 'KEN' : 'ALB');
    assert.equal(typeof body.items[0].score, 'number');
    assert.match(body.items[0].url, /\/commitments\/(KE0001|AL0001)$/);
    const region = body.facets.region as Facet;
    assert.equal(region.label, 'Region');
    assert.deepEqual(
      region.values.map((v) => [v.value, v.count, v.selected]),
      [
        ['Africa and the Middle East', 1, true],
        ['Europe', 1, true],
      ],
    );
  });

  it('filters by member code and region, and pages', async () => {
    const kenya = (await get('/api/v1/commitments?member=KEN&sort=title&pageSize=2&page=2')).json();
    assert.ok(validateList(kenya), validatorErrors());
    assert.equal(kenya.total, 3);
    assert.deepEqual(
      kenya.items.map((i: { ogpId: string }) => i.ogpId),
      ['KE0001'],
    );
    const europe = (await get('/api/v1/commitments?region=Europe')).json();
    assert.equal(europe.total, 3);
    assert.ok(europe.items.every((i: { member: { region: string } }) => i.member.region === 'Europe'));
    const everything = (await get('/api/v1/commitments')).json();
    assert.equal(everything.total, 7);
    assert.equal(everything.pageSize, 25);
  });

  it('names missing ratings as their own facet values and labels them in the asked language', async () => {
    const body = (await get('/api/v1/commitments?potentialImpact=ND', { 'accept-language': 'es' })).json();
    assert.deepEqual(
      body.items.map((i: { ogpId: string }) => i.ogpId),
      ['AL0010'],
    );
    const impact = body.facets.potentialImpact as Facet;
    assert.deepEqual(impact.values.find((v) => v.value === 'ND'), { value: 'ND', label: 'Sin datos', count: 1, selected: true });
    assert.deepEqual(impact.values.find((v) => v.value === 'NR'), { value: 'NR', label: 'No revisado', count: 1, selected: false });
  });

  it('refuses parameters it cannot use, naming each one, in the API error shape', async () => {
    const response = await get('/api/v1/commitments?pageSize=101&page=0&region=Mars&sort=random&potentialImpact=huge');
    assert.equal(response.statusCode, 400);
    const body = response.json();
    assert.equal(body.error.code, 'VALIDATION_FAILED');
    assert.deepEqual(Object.keys(body.error.fields).sort(), ['page', 'pageSize', 'potentialImpact', 'region', 'sort']);
    assert.equal((await get(`/api/v1/commitments?q=${'q'.repeat(201)}`)).statusCode, 400);
    assert.equal((await get('/api/v1/commitments?period=2016')).statusCode, 400);
  });

  it('never fails on odd search words', async () => {
    for (const q of ['"', 'AND', '-', '*', '(', 'NEAR(a b)', "'; DROP TABLE commitments; --"]) {
      const response = await get(`/api/v1/commitments?q=${encodeURIComponent(q)}`);
      assert.equal(response.statusCode, 200, q);
      assert.ok(validateList(response.json()), validatorErrors());
    }
  });

  it('returns one commitment in full: plan, member, institutions, tags, IRM with missing codes, stars, milestones, progress', async () => {
    const response = await get('/api/v1/commitments/AL0001');
    assert.equal(response.statusCode, 200);
    const { data } = response.json();
    assert.ok(validateOne({ data }), validatorErrors());
    assert.equal(data.ogpId, 'AL0001');
    assert.equal(data.title, 'Open data portal for public procurement');
    assert.deepEqual(data.member, { code: 'ALB', slug: 'albania', name: 'Albania', region: 'Europe', type: 'national', cohort: null, status: 'active' });
    assert.equal(data.plan.ogpId, fixture.albaniaPlan.ogp_id);
    assert.equal(data.plan.startDate, '2012-07-01');
    assert.deepEqual(
      data.institutions.map((i: { role: string; name: string }) => [i.role, i.name]),
      [
        ['lead', 'Ministry of Finance of Albania'],
        ['supporting', 'Procurement Watch Albania'],
      ],
    );
    assert.deepEqual(data.tags, [{ vocabulary: 'policy_area', tag: 'Open Data' }]);
    assert.deepEqual(data.irm.ratings.potential_impact, { value: 'transformative', missing: null });
    assert.deepEqual(data.irm.ratings.specificity, { value: null, missing: null });
    assert.deepEqual(data.stars, [
      { formula: '2015', report: 'progress', starred: true, missing: null },
      { formula: 'current', report: 'progress', starred: true, missing: null },
    ]);
    assert.equal(data.milestones.length, 1);
    assert.deepEqual(data.milestones[0].evidenceLinks, ['https://portal.example.org']);
    assert.deepEqual(
      data.progressUpdates.map((u: { reportedOn: string; percentComplete: number; milestone: number | null }) => [u.reportedOn, u.percentComplete, u.milestone]),
      [
        ['2013-06-30', 30, null],
        ['2014-06-30', 100, 1],
      ],
    );
    assert.doesNotMatch(response.body, /author|@example\.org/);

    const missing = (await get('/api/v1/commitments/AL0010')).json().data;
    assert.deepEqual(missing.irm.ratings.potential_impact, { value: null, missing: 'no_data' });
    assert.deepEqual(missing.stars, [{ formula: '2015', report: 'progress', starred: null, missing: 'not_reviewed' }]);
    const unassessed = (await get('/api/v1/commitments/KE0003')).json().data;
    assert.equal(unassessed.irm, null);
  });

  it('answers an unknown identifier with 404 in the documented error shape', async () => {
    const response = await get('/api/v1/commitments/ZZ9999');
    assert.equal(response.statusCode, 404);
    assert.ok(validateError(response.json()));
    assert.deepEqual(response.json(), { error: { code: 'NOT_FOUND', message: 'Page not found', fields: {} } });
  });

  it('is documented in the OpenAPI document with every parameter', async () => {
    const document = (await get('/api/openapi.json')).json();
    const list = document.paths['/api/v1/commitments'].get;
    assert.deepEqual(list.tags, ['commitments']);
    const names = list.parameters.map((p: { name: string }) => p.name);
    for (const name of ['q', 'member', 'region', 'memberType', 'theme', 'value', 'status', 'period', 'potentialImpact', 'starred2015Progress', 'sort', 'page', 'pageSize']) {
      assert.ok(names.includes(name), name);
    }
    assert.ok(document.paths['/api/v1/commitments/{ogpId}'].get.responses['404']);
  });
});
