import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { TestClient } from '../../../test/support/client.ts';
import { createActionPlan, createCommitment, createProgressUpdate } from '../../../test/support/commitment-factories.ts';
import { createMember } from '../../../test/support/factories.ts';
import { dataValues } from '../../../test/support/html.ts';
import { createSelfAssessment } from '../../../test/support/plans-factories.ts';
import { useTestApp } from '../../../test/support/test-app.ts';
import { getMemberPlanSummary, getPlanDetails } from '../plans/plan-summaries.ts';
import { addDays, todayIso } from './iso-dates.ts';
import type { MemberRow } from './members.repository.ts';

/** Counts the statements a Kysely instance sends: the page's cost must not grow with the data. */
class QueryCounter implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.count += 1;
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

describe('the member page summarises plans, commitments and progress', () => {
  const t = useTestApp();
  let member: MemberRow;

  before(async () => {
    member = await createMember(t.ctx.db, { name: 'Republic of Summaria', ogpCode: 'PHL' });
    const db = t.ctx.db;
    const first = await createActionPlan(db, { member_id: member.id, ogp_id: 'AP_PHL01', number: 1, title: 'First plan', start_date: '2012-01-01', end_date: '2013-12-31', due_date: '2011-12-31', submitted_on: '2011-12-20', status: 'completed' });
    const second = await createActionPlan(db, { member_id: member.id, ogp_id: 'AP_PHL02', number: 2, title: '', due_date: '2013-08-31', submitted_on: '2013-10-30', status: 'implementation' });
    await createActionPlan(db, { member_id: member.id, ogp_id: 'AP_PHL03', number: 3, title: 'Third plan', due_date: addDays(todayIso(), -10), submitted_on: null, status: 'consultation' });
    const statuses: Array<[string, number | null]> = [['complete', 100], ['complete', 100], ['substantial', 60], ['limited', null], ['withdrawn', 10]];
    for (const [i, [status, percent]] of statuses.entries()) {
      await createCommitment(db, { plan_id: first.id, ogp_id: `PH000${i + 1}`, number: String(i + 1), implementation_status: status, progress_percent: percent, title: `First plan commitment ${i + 1}` });
    }
    const late = await createCommitment(db, { plan_id: second.id, ogp_id: 'PH0101', number: '1', implementation_status: 'not_started', progress_percent: 0, title: 'Open budgets' });
    for (let day = 1; day <= 7; day += 1) {
      await createProgressUpdate(db, late.id, { reported_on: `2021-0${day}-15`, percent_complete: day * 5, narrative: `Update ${day}`, status: 'limited' });
    }
    // Another member's data never leaks into this one's summary.
    const other = await createMember(db, { name: 'Other Summaria' });
    const otherCommitment = await createCommitment(db, { member_id: other.id, implementation_status: 'complete', progress_percent: 100 });
    await createProgressUpdate(db, otherCommitment.id, { reported_on: '2030-01-01', narrative: 'Not Summaria' });
  });

  it('lists each plan with its period, stage, dates, timeliness and commitment count', async () => {
    const page = await new TestClient(t.app).get('/members/republic-of-summaria');
    assert.equal(page.status, 200);
    assert.deepEqual(dataValues(page.body, 'data-plan'), ['AP_PHL01', 'AP_PHL02', 'AP_PHL03']);
    const row = (ogpId: string): string => {
      const start = page.body.indexOf(`data-plan="${ogpId}"`);
      return page.body.slice(start, page.body.indexOf('</tr>', start));
    };
    assert.match(row('AP_PHL01'), /First plan/);
    assert.match(row('AP_PHL01'), /Jan 1, 2012 to Dec 31, 2013/);
    assert.match(row('AP_PHL01'), /Completed/);
    assert.match(row('AP_PHL01'), />On time</);
    assert.match(row('AP_PHL01'), /govuk-table__cell--numeric">5</);
    assert.match(row('AP_PHL02'), /Action plan 2/);
    assert.match(row('AP_PHL02'), /<strong>Late by 60 days<\/strong>/);
    assert.match(row('AP_PHL02'), /govuk-table__cell--numeric">1</);
    assert.match(row('AP_PHL03'), /<strong>Overdue by 10 days<\/strong>/);
    assert.match(row('AP_PHL03'), /Not recorded/);
    assert.match(row('AP_PHL03'), /govuk-table__cell--numeric">0</);
  });

  it('counts commitments by implementation status and averages the progress of those being delivered', async () => {
    const page = await new TestClient(t.app).get('/members/republic-of-summaria');
    assert.match(page.body, /data-total="6">6 commitments/);
    assert.match(page.body, /data-status-count="complete">2</);
    assert.match(page.body, /data-status-count="substantial">1</);
    assert.match(page.body, /data-status-count="limited">1</);
    assert.match(page.body, /data-status-count="not_started">1</);
    assert.match(page.body, /data-status-count="withdrawn">1</);
    // (100 + 100 + 60 + 0) / 4: the withdrawn one and the one with no percentage are left out.
    assert.match(page.body, /Average progress: 65%, over the 4 commitments being delivered that report it\./);
  });

  it('shows the five latest progress updates, newest first, linking to their commitments', async () => {
    const page = await new TestClient(t.app).get('/members/republic-of-summaria');
    const updates = page.body.slice(page.body.indexOf('id="updates"'), page.body.indexOf('id="lead-agency"'));
    assert.deepEqual([...updates.matchAll(/Update (\d)/g)].map((m) => m[1]), ['7', '6', '5', '4', '3']);
    assert.match(updates, /href="\/commitments\/PH0101">PH0101: Open budgets<\/a>/);
    assert.match(updates, /Jul 15, 2021: Limited, 35% complete/);
    assert.doesNotMatch(updates, /Not Summaria/);
  });

  it('says so when a member has no plans, commitments or updates yet', async () => {
    await createMember(t.ctx.db, { name: 'Newcomer Member' });
    const page = await new TestClient(t.app).get('/members/newcomer-member');
    assert.match(page.body, /No action plans have been recorded for this member yet\./);
    assert.match(page.body, /0 commitments/);
    assert.match(page.body, /No progress updates have been published yet\./);
    assert.doesNotMatch(page.body, /Average progress/);
  });

  it('asks the database the same number of questions however many plans and commitments there are', async () => {
    const counted = (): { counter: QueryCounter; db: typeof t.ctx.db } => {
      const counter = new QueryCounter();
      return { counter, db: t.ctx.db.withPlugin(counter) };
    };
    const small = counted();
    await getMemberPlanSummary(small.db, member.id);
    const big = await createMember(t.ctx.db, { name: 'Big Member' });
    for (let n = 1; n <= 12; n += 1) {
      const plan = await createActionPlan(t.ctx.db, { member_id: big.id, ogp_id: `AP_BIG${String(n).padStart(2, '0')}`, number: n });
      for (let c = 1; c <= 3; c += 1) {
        const commitment = await createCommitment(t.ctx.db, { plan_id: plan.id, number: String(c), progress_percent: c * 10, implementation_status: 'limited' });
        await createProgressUpdate(t.ctx.db, commitment.id);
      }
    }
    const large = counted();
    const summary = await getMemberPlanSummary(large.db, big.id);
    assert.equal(summary.plans.length, 12);
    assert.equal(summary.progress.total, 36);
    assert.equal(large.counter.count, small.counter.count);
    assert.equal(large.counter.count, 3);

    const planDetails = counted();
    const plan = await t.ctx.db.selectFrom('action_plans').selectAll().where('ogp_id', '=', 'AP_BIG01').executeTakeFirstOrThrow();
    await createSelfAssessment(t.ctx.db, plan.id, { kind: 'mid_term' });
    await createSelfAssessment(t.ctx.db, plan.id, { kind: 'end_of_term' });
    const details = await getPlanDetails(planDetails.db, plan);
    assert.equal(details.commitments.length, 3);
    assert.deepEqual(details.selfAssessments.map((a) => a.kind), ['mid_term', 'end_of_term']);
    assert.equal(planDetails.counter.count, 3);
  });
});
