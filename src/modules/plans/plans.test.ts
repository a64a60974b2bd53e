import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { TestClient } from '../../../test/support/client.ts';
import { createActionPlan, createCommitment } from '../../../test/support/commitment-factories.ts';
import { createMember, createUser, signedInClient } from '../../../test/support/factories.ts';
import { dataValues } from '../../../test/support/html.ts';
import { auditFor, countRows } from '../../../test/support/records.ts';
import { useTestApp } from '../../../test/support/test-app.ts';
import type { UserRow } from '../accounts/accounts.repository.ts';
import { addDays, todayIso } from '../members/iso-dates.ts';
import type { MemberRow } from '../members/members.repository.ts';
import { findPlanByOgpId } from './plans.repository.ts';

describe('action plans', () => {
  const t = useTestApp();
  let poc: UserRow;
  let pocClient: TestClient;
  let supportClient: TestClient;
  let kenya: MemberRow;

  before(async () => {
    kenya = await createMember(t.ctx.db, { name: 'Republic of Kenya', ogpCode: 'KEN' });
    poc = await createUser(t.ctx.db, { displayName: 'Pat Contact', roles: [{ role: 'government_poc', memberId: kenya.id }] });
    pocClient = await signedInClient(t.app, poc);
    supportClient = await signedInClient(t.app, await createUser(t.ctx.db, { roles: ['support_unit'] }));
  });

  const newPlanUrl = '/members/republic-of-kenya/plans/new';
  const plan = (fields: Record<string, string>, client = pocClient) =>
    client.submit(newPlanUrl, newPlanUrl, { number: '1', ogpId: '', title: '', startDate: '', endDate: '', dueDate: '', submittedOn: '', status: 'drafting', ...fields });

  describe('creating', () => {
    it('lets the member\'s point of contact add a plan, taking OGP\'s id from the member\'s code, audited publicly', async () => {
      const form = await pocClient.get(newPlanUrl);
      assert.equal(form.status, 200);
      assert.match(form.body, /id="number"[^>]* value="1"/);
      assert.match(form.body, /Leave blank for OGP&#39;s usual id, AP_KEN01 for this number/);

      const response = await plan({
        title: 'First National Action Plan',
        startDate: '2012-07-01',
        endDate: '2013-12-31',
        dueDate: '2012-06-30',
        submittedOn: '2012-09-01',
        status: 'completed',
      });
      assert.equal(response.status, 303);
      assert.equal(response.location, '/plans/AP_KEN01');
      const row = await findPlanByOgpId(t.ctx.db, 'AP_KEN01');
      assert.ok(row);
      assert.equal(row.member_id, kenya.id);
      assert.equal(row.number, 1);
      assert.equal(row.status, 'completed');
      const events = await auditFor(t.ctx.db, row.id);
      assert.equal(events.length, 1);
      assert.equal(events[0]?.action, 'plan.created');
      assert.equal(events[0]?.actor_id, poc.id);
      assert.equal(events[0]?.is_public, 1);
      assert.deepEqual(JSON.parse(events[0]?.after_json ?? '{}'), {
        ogp_id: 'AP_KEN01',
        number: 1,
        title: 'First National Action Plan',
        start_date: '2012-07-01',
        end_date: '2013-12-31',
        due_date: '2012-06-30',
        submitted_on: '2012-09-01',
        plan_status: 'completed',
      });

      const page = await new TestClient(t.app).get('/plans/AP_KEN01');
      assert.equal(page.status, 200);
      assert.match(page.body, /<h1 class="govuk-heading-xl">First National Action Plan<\/h1>/);
      assert.match(page.body, /Late by 63 days/);
      assert.match(page.body, /Jul 1, 2012 to Dec 31, 2013/);
      assert.match(page.body, /Action plan created: AP_KEN01/);
      assert.match(page.body, /Pat Contact/);
      assert.doesNotMatch(page.body, /Edit this action plan/);
      const member = await new TestClient(t.app).get('/members/republic-of-kenya');
      assert.deepEqual(dataValues(member.body, 'data-plan'), ['AP_KEN01']);
    });

    it('suggests the next number, and takes an id typed in lower case', async () => {
      const form = await pocClient.get(newPlanUrl);
      assert.match(form.body, /id="number"[^>]* value="2"/);
      const response = await plan({ number: '2', ogpId: 'ap_ken02', startDate: '2014-07-01', endDate: '2016-06-30' });
      assert.equal(response.location, '/plans/AP_KEN02');
    });

    it('re-renders the form for every mistake with the input kept, and adds nothing', async () => {
      const before = await countRows(t.ctx.db, 'action_plans');
      const dates = await plan({ number: '3', startDate: '2020-01-01', endDate: '2019-12-31', dueDate: '2020-02-30', submittedOn: addDays(todayIso(), 2), status: 'shelved', title: 'x'.repeat(301) });
      assert.equal(dates.status, 400);
      assert.match(dates.body, /href="#endDate">The end date must be after the start date/);
      assert.match(dates.body, /href="#dueDate">Enter a real date/);
      assert.match(dates.body, /href="#submittedOn">The submission date cannot be after today/);
      assert.match(dates.body, /href="#status">Choose the plan&#39;s stage/);
      assert.match(dates.body, /href="#title">The title must be 300 characters or fewer/);
      assert.match(dates.body, /value="2020-02-30"/);

      const taken = await plan({ number: '1', ogpId: 'AP_KEN09' });
      assert.match(taken.body, /href="#number">This member&#39;s plan 1 is already recorded, as AP_KEN01/);
      const badNumber = await plan({ number: 'first' });
      assert.match(badNumber.body, /href="#number">Enter the plan number, a whole number from 1 to 99/);
      const badId = await plan({ number: '3', ogpId: 'PLAN-3' });
      assert.match(badId.body, /href="#ogpId">Enter an OGP plan id like AP_ALB01/);
      const otherMember = await plan({ number: '3', ogpId: 'AP_ALB03' });
      assert.match(otherMember.body, /href="#ogpId">The id must be this member&#39;s: AP_KEN followed by the plan number/);
      assert.equal(await countRows(t.ctx.db, 'action_plans'), before);
    });

    it('keeps an OGP id to one plan, and asks for one when the member has no code', async () => {
      const noCode = await createMember(t.ctx.db, { name: 'Codeless Member' });
      await createActionPlan(t.ctx.db, { member_id: noCode.id, ogp_id: 'AP_CDL01', number: 1 });
      const url = '/members/codeless-member/plans/new';
      const blank = await supportClient.submit(url, url, { number: '2', ogpId: '', status: 'drafting' });
      assert.equal(blank.status, 400);
      assert.match(blank.body, /href="#ogpId">Enter the OGP plan id, like AP_ALB01, or first give the member its OGP code/);
      const taken = await supportClient.submit(url, url, { number: '2', ogpId: 'AP_KEN01', status: 'drafting' });
      assert.match(taken.body, /href="#ogpId">Another plan already has the id AP_KEN01/);
      const ok = await supportClient.submit(url, url, { number: '2', ogpId: 'AP_CDL02', status: 'drafting' });
      assert.equal(ok.status, 303);
    });
  });

  describe('editing', () => {
    it('saves changes with their before and after, follows a changed id, and records nothing for an unchanged form', async () => {
      const row = await findPlanByOgpId(t.ctx.db, 'AP_KEN02');
      assert.ok(row);
      const form = await pocClient.get('/plans/AP_KEN02/edit');
      assert.equal(form.status, 200);
      assert.match(form.body, /id="startDate"[^>]* value="2014-07-01"/);
      const fields = { number: '2', ogpId: 'AP_KEN02', title: 'Second plan', startDate: '2014-07-01', endDate: '2016-06-30', dueDate: '', submittedOn: '', status: 'implementation' };
      const saved = await pocClient.submit('/plans/AP_KEN02/edit', '/plans/AP_KEN02/edit', fields);
      assert.equal(saved.status, 303);
      const update = (await auditFor(t.ctx.db, row.id)).find((e) => e.action === 'plan.updated');
      assert.ok(update);
      assert.deepEqual(JSON.parse(update.before_json ?? '{}'), { title: '', plan_status: 'drafting' });
      assert.deepEqual(JSON.parse(update.after_json ?? '{}'), { title: 'Second plan', plan_status: 'implementation' });
      await pocClient.submit('/plans/AP_KEN02/edit', '/plans/AP_KEN02/edit', fields);
      assert.equal((await auditFor(t.ctx.db, row.id)).length, 2);

      const invalid = await pocClient.submit('/plans/AP_KEN02/edit', '/plans/AP_KEN02/edit', { ...fields, endDate: '2014-07-01' });
      assert.equal(invalid.status, 400);
      assert.match(invalid.body, /href="#endDate">/);

      const renumbered = await supportClient.submit('/plans/AP_KEN02/edit', '/plans/AP_KEN02/edit', { ...fields, number: '3', ogpId: 'AP_KEN03' });
      assert.equal(renumbered.location, '/plans/AP_KEN03');
      assert.equal((await t.app.inject({ url: '/plans/AP_KEN02' })).statusCode, 404);
      assert.match((await pocClient.get('/plans/AP_KEN03')).body, /Edit this action plan/);
    });
  });

  describe('the plan page', () => {
    it('lists the plan\'s commitments in number order with their status and progress, linking each', async () => {
      const row = await findPlanByOgpId(t.ctx.db, 'AP_KEN01');
      assert.ok(row);
      await createCommitment(t.ctx.db, { plan_id: row.id, ogp_id: 'KE0010', number: '10', title: 'Open contracting', implementation_status: 'complete', progress_percent: 100 });
      await createCommitment(t.ctx.db, { plan_id: row.id, ogp_id: 'KE0002', number: '2', title: 'Budget transparency', implementation_status: 'limited', progress_percent: 30 });
      await createCommitment(t.ctx.db, { plan_id: row.id, ogp_id: 'KE0003', number: '3', title: 'Right to information', short_title: 'RTI law', implementation_status: 'withdrawn', progress_percent: 5 });
      await createCommitment(t.ctx.db, { plan_id: row.id, ogp_id: 'KE0004', number: '4', title: 'Open parliament' });
      const page = await new TestClient(t.app).get('/plans/AP_KEN01');
      assert.deepEqual(dataValues(page.body, 'data-commitment'), ['KE0002', 'KE0003', 'KE0004', 'KE0010']);
      assert.match(page.body, /href="\/commitments\/KE0003">RTI law<\/a>/);
      assert.match(page.body, /<td class="govuk-table__cell">Limited<\/td>\s*<td class="govuk-table__cell govuk-table__cell--numeric">30%<\/td>/);
      assert.match(page.body, /4 commitments/);
      // (100 + 30) / 2: the withdrawn one and the one reporting nothing are left out.
      assert.match(page.body, /Average progress: 65%, over the 2 commitments being delivered that report it\./);
      assert.match(page.body, /data-status-count="complete">1</);
      assert.match(page.body, /data-status-count="not_started">1</);
      assert.match(page.body, /data-status-count="substantial">0</);
    });

    it('answers the canonical address for a lower-case id, and 404 for an unknown one', async () => {
      const lower = await t.app.inject({ url: '/plans/ap_ken01' });
      assert.equal(lower.statusCode, 301);
      assert.equal(lower.headers.location, '/plans/AP_KEN01');
      assert.equal((await t.app.inject({ url: '/plans/AP_XXX01' })).statusCode, 404);
    });
  });

  describe('who may manage plans', () => {
    it('refuses points of contact of other members, every other role and the signed-out', async () => {
      const other = await createMember(t.ctx.db, { name: 'Other Plans Member', ogpCode: 'PER' });
      const otherPoc = await signedInClient(t.app, await createUser(t.ctx.db, { roles: [{ role: 'government_poc', memberId: other.id }] }));
      const refused = [otherPoc];
      for (const role of ['participant', 'irm_researcher', 'irm_staff', 'steering_committee'] as const) {
        refused.push(await signedInClient(t.app, await createUser(t.ctx.db, { roles: [role] })));
      }
      const before = await countRows(t.ctx.db, 'action_plans');
      const fields = { number: '9', ogpId: 'AP_KEN09', status: 'drafting' };
      for (const client of refused) {
        assert.equal((await client.get(newPlanUrl)).status, 403);
        assert.equal((await client.submit('/members', newPlanUrl, fields)).status, 403);
        assert.equal((await client.get('/plans/AP_KEN01/edit')).status, 403);
        assert.equal((await client.submit('/members', '/plans/AP_KEN01/edit', fields)).status, 403);
        assert.doesNotMatch((await client.get('/plans/AP_KEN01')).body, /Edit this action plan/);
        assert.doesNotMatch((await client.get('/members/republic-of-kenya')).body, /Add an action plan/);
      }
      const anonymous = new TestClient(t.app);
      assert.equal((await anonymous.get(newPlanUrl)).location, `/sign-in?next=${encodeURIComponent(newPlanUrl)}`);
      assert.equal((await anonymous.submit('/sign-in', newPlanUrl, fields)).status, 401);
      assert.equal((await anonymous.get('/plans/AP_KEN01/edit')).status, 302);
      assert.equal((await anonymous.submit('/sign-in', '/plans/AP_KEN01/edit', fields)).status, 401);
      assert.equal(await countRows(t.ctx.db, 'action_plans'), before);
      assert.equal((await findPlanByOgpId(t.ctx.db, 'AP_KEN01'))?.title, 'First National Action Plan');
      assert.match((await supportClient.get('/members/republic-of-kenya')).body, /Add an action plan/);
    });
  });
});
