import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createActionPlan, createCommitment } from '../../../test/support/commitment-factories.ts';
import { createMember, createUser } from '../../../test/support/factories.ts';
import { createSelfAssessment } from '../../../test/support/plans-factories.ts';
import { useTestApp } from '../../../test/support/test-app.ts';

describe('plans API', () => {
  const t = useTestApp();
  const get = (url: string) => t.app.inject({ url });

  before(async () => {
    const db = t.ctx.db;
    const albania = await createMember(db, { name: 'Republic of Albania', ogpCode: 'ALB', region: 'Europe' });
    const peru = await createMember(db, { name: 'Republic of Peru', ogpCode: 'PER' });
    const first = await createActionPlan(db, { member_id: albania.id, ogp_id: 'AP_ALB01', number: 1, title: 'First', status: 'completed', start_date: '2012-01-01', end_date: '2013-12-31', due_date: '2011-12-31', submitted_on: '2012-01-15' });
    await createActionPlan(db, { member_id: albania.id, ogp_id: 'AP_ALB02', number: 2, status: 'implementation' });
    await createActionPlan(db, { member_id: peru.id, ogp_id: 'AP_PER01', number: 1, status: 'implementation' });
    await createCommitment(db, { plan_id: first.id, implementation_status: 'complete', progress_percent: 100 });
    await createCommitment(db, { plan_id: first.id, implementation_status: 'limited', progress_percent: 20 });
    await createCommitment(db, { plan_id: first.id, implementation_status: 'withdrawn', progress_percent: 0 });
    const assessment = await createSelfAssessment(db, first.id, { kind: 'end_of_term', comments_open_on: '2014-01-01', comments_close_on: '2014-01-14', document_url: 'https://example.org/eot.pdf', body: '' });
    const commenter = await createUser(db, { email: 'hidden.commenter@example.org' });
    await db.insertInto('self_assessment_comments').values({ id: 'c1', self_assessment_id: assessment.id, author_id: commenter.id, body: 'Good work', created_at: '2014-01-02T10:00:00.000Z' }).execute();
  });

  it('lists plans in id order with their members and commitment counts, paged, open to any website', async () => {
    const response = await get('/api/v1/plans');
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['access-control-allow-origin'], '*');
    const body = response.json();
    assert.deepEqual(body.meta, { total: 3, page: 1, perPage: 25 });
    assert.deepEqual(body.data.map((p: { ogpId: string }) => p.ogpId), ['AP_ALB01', 'AP_ALB02', 'AP_PER01']);
    const [first] = body.data;
    assert.deepEqual(Object.keys(first).sort(), ['commitmentCount', 'dueDate', 'endDate', 'id', 'member', 'number', 'ogpId', 'startDate', 'status', 'submittedOn', 'title', 'updatedAt']);
    assert.deepEqual(first.member, { slug: 'republic-of-albania', name: 'Republic of Albania', code: 'ALB' });
    assert.equal(first.commitmentCount, 3);
    assert.equal(first.startDate, '2012-01-01');
    assert.equal(body.data[1].commitmentCount, 0);
    const second = (await get('/api/v1/plans?perPage=1&page=2')).json();
    assert.deepEqual(second.meta, { total: 3, page: 2, perPage: 1 });
    assert.equal(second.data[0].ogpId, 'AP_ALB02');
  });

  it('filters by member code, without regard to case, and by stage', async () => {
    assert.deepEqual((await get('/api/v1/plans?member=alb')).json().data.map((p: { ogpId: string }) => p.ogpId), ['AP_ALB01', 'AP_ALB02']);
    const implementing = (await get('/api/v1/plans?status=implementation')).json();
    assert.deepEqual(implementing.data.map((p: { ogpId: string }) => p.ogpId), ['AP_ALB02', 'AP_PER01']);
    assert.equal((await get('/api/v1/plans?member=PER&status=completed')).json().meta.total, 0);
    assert.equal((await get('/api/v1/plans?member=XXX')).json().meta.total, 0);
  });

  it('refuses parameters out of range with 400 naming each one', async () => {
    const response = await get('/api/v1/plans?status=shelved&perPage=101&member=A%25B');
    assert.equal(response.statusCode, 400);
    const body = response.json();
    assert.equal(body.error.code, 'VALIDATION_FAILED');
    assert.deepEqual(Object.keys(body.error.fields).sort(), ['member', 'perPage', 'status']);
  });

  it('returns one plan with its commitments summary and self-assessments, and never anyone\'s email', async () => {
    const response = await get('/api/v1/plans/ap_alb01');
    assert.equal(response.statusCode, 200);
    const { data } = response.json();
    assert.equal(data.ogpId, 'AP_ALB01');
    assert.deepEqual(data.commitments, {
      total: 3,
      byStatus: { not_started: 0, limited: 1, substantial: 0, complete: 1, withdrawn: 1 },
      averageProgress: 60,
      averagedOver: 2,
    });
    assert.deepEqual(data.selfAssessments, [
      { kind: 'end_of_term', text: '', documentUrl: 'https://example.org/eot.pdf', commentsOpenOn: '2014-01-01', commentsCloseOn: '2014-01-14', commentCount: 1, publishedAt: data.selfAssessments[0].publishedAt },
    ]);
    assert.doesNotMatch(response.body, /hidden\.commenter|@example\.org/);
    const missing = await get('/api/v1/plans/AP_XXX01');
    assert.equal(missing.statusCode, 404);
    assert.deepEqual(missing.json(), { error: { code: 'NOT_FOUND', message: 'Page not found', fields: {} } });
  });

  it('is described in the OpenAPI document under its own tag, and on the developers page', async () => {
    const document = (await get('/api/openapi.json')).json();
    const list = document.paths['/api/v1/plans']?.get;
    const one = document.paths['/api/v1/plans/{ogpId}']?.get;
    assert.deepEqual(list?.tags, ['plans']);
    assert.equal(list?.operationId, 'listPlans');
    assert.deepEqual(list.parameters.map((p: { name: string }) => p.name).sort(), ['member', 'page', 'perPage', 'status']);
    assert.deepEqual(one?.tags, ['plans']);
    assert.equal(one?.operationId, 'getPlan');
    assert.ok(one.responses['404']);
    const developers = await get('/developers');
    assert.match(developers.body, /listPlans/);
    assert.match(developers.body, /drafting \| consultation \| submitted \| implementation \| completed/);
  });
});
