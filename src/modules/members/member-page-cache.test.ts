import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { CommitmentsTable, MembersTable } from '../../db/schema.ts';
import { recordAudit } from '../../platform/audit.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import { createActionPlan, createCommitment, createProgressUpdate } from '../../../test/support/commitment-factories.ts';
import { createMember, createOrganisation, createUser } from '../../../test/support/factories.ts';
import { decodeEntities } from '../../../test/support/html.ts';
import { useTestApp } from '../../../test/support/test-app.ts';

describe('the member page kept in memory', () => {
  const t = useTestApp();
  let member: MembersTable;
  let commitment: CommitmentsTable;

  before(async () => {
    const { db } = t.ctx;
    member = await createMember(t.ctx.db, { name: 'Republic of Keptia' });
    const plan = await createActionPlan(db, { member_id: member.id, title: 'First plan of Keptia' });
    commitment = await createCommitment(db, { plan_id: plan.id, ogp_id: 'KP0001', title: 'Open the ledgers' });
    await createProgressUpdate(db, commitment.id, { narrative: 'Ledgers opened in part.', reported_on: '2021-03-01' });
  });

  const page = async (): Promise<string> => {
    const response = await t.app.inject({ url: `/members/${member.slug}` });
    assert.equal(response.statusCode, 200);
    return decodeEntities(response.body);
  };

  it('shows every change to what the page shows on the very next view, however it was written', async () => {
    const { db } = t.ctx;
    const organisation = await createOrganisation(db, { name: 'Keptia Cabinet Office' });
    const contact = await createUser(db, { displayName: 'Kim Contact' });
    // Each is written straight to the tables, as an import, the generator or plain SQL would.
    const changes: Array<[string, () => Promise<unknown>, string]> = [
      ['the member itself', () => db.updateTable('members').set({ name: 'Republic of New Keptia' }).where('id', '=', member.id).execute(), 'Republic of New Keptia'],
      [
        'its status history',
        () =>
          db
            .insertInto('member_status_history')
            .values({ id: newId(), member_id: member.id, status: 'inactive', effective_on: '2022-01-01', reason: 'Missed two plans in a row', recorded_by: null, recorded_at: nowIso() })
            .execute(),
        'Missed two plans in a row',
      ],
      ['its lead agency', () => db.insertInto('member_lead_agencies').values({ member_id: member.id, organisation_id: organisation.id }).execute(), 'Keptia Cabinet Office'],
      ['the lead agency\'s name', () => db.updateTable('organisations').set({ name: 'Keptia Office of Openness' }).where('id', '=', organisation.id).execute(), 'Keptia Office of Openness'],
      [
        'a point of contact',
        () => db.insertInto('role_grants').values({ id: newId(), user_id: contact.id, role: 'government_poc', member_id: member.id, organisation_id: null, scope_key: member.id, granted_at: nowIso(), granted_by: null }).execute(),
        'Kim Contact',
      ],
      ['a contact\'s name', () => db.updateTable('users').set({ display_name: 'Kim Keptian' }).where('id', '=', contact.id).execute(), 'Kim Keptian'],
      ['a new plan', () => createActionPlan(db, { member_id: member.id, number: 2, title: 'Second plan of Keptia' }), 'Second plan of Keptia'],
      ['a progress update', () => createProgressUpdate(db, commitment.id, { narrative: 'Ledgers opened in full.', reported_on: '2022-03-01' }), 'Ledgers opened in full.'],
      ['a commitment\'s title', () => db.updateTable('commitments').set({ title: 'Open every ledger' }).where('id', '=', commitment.id).execute(), 'Open every ledger'],
      [
        'its public history',
        () => recordAudit(db, { actorId: contact.id, action: 'member.updated', entityType: 'member', entityId: member.id, summary: '', isPublic: true }),
        'Kim Keptian',
      ],
    ];
    for (const [what, change, shown] of changes) {
      const before = await page();
      if (what !== 'its public history') assert.ok(!before.includes(shown), `${what}: "${shown}" is not on the page before`);
      await change();
      const after = await page();
      assert.ok(after.includes(shown), `${what}: "${shown}" is on the page after`);
      assert.notEqual(after, before, `${what}: the page changed`);
    }
  });
});
