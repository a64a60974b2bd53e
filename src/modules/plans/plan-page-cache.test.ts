import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { ActionPlansTable } from '../../db/schema.ts';
import { recordAudit } from '../../platform/audit.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import { createActionPlan, createCommitment } from '../../../test/support/commitment-factories.ts';
import { createMember, createUser } from '../../../test/support/factories.ts';
import { decodeEntities } from '../../../test/support/html.ts';
import { createSelfAssessment } from '../../../test/support/plans-factories.ts';
import { useTestApp } from '../../../test/support/test-app.ts';

describe('the plan page kept in memory', () => {
  const t = useTestApp();
  let plan: ActionPlansTable;
  let memberId: string;

  before(async () => {
    const { db } = t.ctx;
    const member = await createMember(db, { name: 'Republic of Plandia' });
    memberId = member.id;
    plan = await createActionPlan(db, { member_id: member.id, title: 'First plan of Plandia' });
    await createCommitment(db, { plan_id: plan.id, ogp_id: 'PD0001', title: 'Open the archives' });
  });

  const page = async (): Promise<string> => {
    const response = await t.app.inject({ url: `/plans/${plan.ogp_id}` });
    assert.equal(response.statusCode, 200);
    return decodeEntities(response.body);
  };

  it('shows every change to what the page shows on the very next view, however it was written', async () => {
    const { db } = t.ctx;
    const reader = await createUser(db, { displayName: 'Rita Reader' });
    let assessmentId = '';
    // Each is written straight to the tables, as an import, the generator or plain SQL would.
    const changes: Array<[string, () => Promise<unknown>, string]> = [
      ['the plan itself', () => db.updateTable('action_plans').set({ title: 'Renewed plan of Plandia' }).where('id', '=', plan.id).execute(), 'Renewed plan of Plandia'],
      ['its member', () => db.updateTable('members').set({ name: 'Republic of New Plandia' }).where('id', '=', memberId).execute(), 'Republic of New Plandia'],
      ['a new commitment', () => createCommitment(db, { plan_id: plan.id, ogp_id: 'PD0002', title: 'Open the registries' }), 'Open the registries'],
      ['a commitment\'s title', () => db.updateTable('commitments').set({ title: 'Open every archive' }).where('ogp_id', '=', 'PD0001').execute(), 'Open every archive'],
      [
        'a self-assessment',
        async () => (assessmentId = (await createSelfAssessment(db, plan.id, { body: 'Most of the archives are open.' })).id),
        'Most of the archives are open.',
      ],
      [
        'a public comment',
        () => db.insertInto('self_assessment_comments').values({ id: newId(), self_assessment_id: assessmentId, author_id: reader.id, body: 'The land registry is not.', created_at: nowIso() }).execute(),
        'The land registry is not.',
      ],
      ['a commenter\'s name', () => db.updateTable('users').set({ display_name: 'Rita Reviewer' }).where('id', '=', reader.id).execute(), 'Rita Reviewer'],
      [
        'its public history',
        () => recordAudit(db, { actorId: reader.id, action: 'plan.updated', entityType: 'plan', entityId: plan.id, summary: '', isPublic: true }),
        'Action plan updated',
      ],
    ];
    for (const [what, change, shown] of changes) {
      const before = await page();
      assert.ok(!before.includes(shown), `${what}: "${shown}" is not on the page before`);
      await change();
      assert.ok((await page()).includes(shown), `${what}: "${shown}" is on the page after`);
    }
  });
});
