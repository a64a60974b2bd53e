import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createActionPlan, createCommitment, createProgressUpdate } from '../../../test/support/commitment-factories.ts';
import { createMember } from '../../../test/support/factories.ts';
import { useTestApp } from '../../../test/support/test-app.ts';
import type { Db } from '../../db/database.ts';
import { Random } from '../../generate/random.ts';
import { latestMemberUpdates } from './plans.repository.ts';

// latestMemberUpdates reads only the updates on or after a threshold date; these rounds check it against the plain
// definition (every update of the member, sorted), with dates and creation times drawn from a few values so that
// ties at the threshold, and members with fewer reporting commitments than asked for, come up often.

const DATES = ['2021-01-15', '2021-06-30', '2021-06-30', '2022-03-01', '2022-03-01', '2023-12-31'];
const CREATED = ['2024-01-01T00:00:00.000Z', '2024-01-01T00:00:00.000Z', '2024-05-05T10:00:00.000Z'];

async function everyUpdateSorted(db: Db, memberId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('progress_updates')
    .innerJoin('commitments', 'commitments.id', 'progress_updates.commitment_id')
    .select(['progress_updates.id', 'progress_updates.reported_on', 'progress_updates.created_at'])
    .where('commitments.member_id', '=', memberId)
    .execute();
  const compare = (a: string, b: string): number => (a < b ? 1 : a > b ? -1 : 0);
  rows.sort((a, b) => compare(a.reported_on, b.reported_on) || compare(a.created_at, b.created_at) || compare(a.id, b.id));
  return rows.map((r) => r.id);
}

describe("a member's latest progress updates", () => {
  const t = useTestApp();

  it('are the newest by date, then by when recorded, then by id, whatever the ties', async () => {
    const random = new Random('latest-updates');
    // Someone else's newer updates must never appear.
    const other = await createMember(t.ctx.db, { name: 'Other Member' });
    const otherCommitment = await createCommitment(t.ctx.db, { member_id: other.id });
    await createProgressUpdate(t.ctx.db, otherCommitment.id, { reported_on: '2030-01-01' });

    for (let round = 0; round < 12; round++) {
      const member = await createMember(t.ctx.db, { name: `Member ${round}` });
      const plan = await createActionPlan(t.ctx.db, { member_id: member.id, ogp_id: `AP_LATEST${round}` });
      // From 0 to 8 commitments, some with no updates: rounds with fewer than five reporting commitments read them all.
      const commitments = random.int(0, 8);
      for (let c = 0; c < commitments; c++) {
        const commitment = await createCommitment(t.ctx.db, { plan_id: plan.id, number: String(c + 1) });
        const updates = random.int(0, 5);
        for (let u = 0; u < updates; u++) {
          await createProgressUpdate(t.ctx.db, commitment.id, { reported_on: random.pick(DATES), created_at: random.pick(CREATED) });
        }
      }
      const expected = await everyUpdateSorted(t.ctx.db, member.id);
      for (const limit of [1, 3, 5]) {
        const latest = await latestMemberUpdates(t.ctx.db, member.id, limit);
        assert.deepEqual(
          latest.map((u) => u.id),
          expected.slice(0, limit),
          `round ${round}, limit ${limit}`,
        );
      }
    }
  });

  it('carry the commitment each belongs to', async () => {
    const member = await createMember(t.ctx.db, { name: 'Labelled Member' });
    const commitment = await createCommitment(t.ctx.db, { member_id: member.id, ogp_id: 'LM0001', title: 'Open contracts' });
    const update = await createProgressUpdate(t.ctx.db, commitment.id, { narrative: 'Portal live', percent_complete: 80, status: 'substantial' });
    assert.deepEqual(await latestMemberUpdates(t.ctx.db, member.id, 5), [
      {
        id: update.id,
        reported_on: update.reported_on,
        status: 'substantial',
        percent_complete: 80,
        narrative: 'Portal live',
        commitment_ogp_id: 'LM0001',
        commitment_title: 'Open contracts',
      },
    ]);
  });
});
