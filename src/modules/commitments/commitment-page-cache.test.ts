import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { CommitmentsTable, MilestonesTable } from '../../db/schema.ts';
import { recordAudit } from '../../platform/audit.ts';
import { createActionPlan, createCommitment, createMilestone, createProgressUpdate } from '../../../test/support/commitment-factories.ts';
import { addInstitution, addTag } from '../../../test/support/commitment-page-factories.ts';
import { createMember, createOrganisation, createUser } from '../../../test/support/factories.ts';
import { decodeEntities } from '../../../test/support/html.ts';
import { useTestApp } from '../../../test/support/test-app.ts';
import { SingleVersionCache } from './commitment-page-cache.ts';

describe('the commitment page kept in memory', () => {
  const t = useTestApp();
  let commitment: CommitmentsTable;
  let milestone: MilestonesTable;
  let memberId: string;
  let organisationId: string;
  let authorId: string;

  before(async () => {
    const { db } = t.ctx;
    const member = await createMember(db, { name: 'Republic of Cachea' });
    memberId = member.id;
    const plan = await createActionPlan(db, { member_id: member.id });
    commitment = await createCommitment(db, { plan_id: plan.id, ogp_id: 'CA0001', title: 'Open the budget' });
    milestone = await createMilestone(db, commitment.id, { title: 'Publish the draft' });
    organisationId = (await createOrganisation(db, { name: 'Treasury' })).id;
    await addInstitution(db, commitment.id, organisationId, 'lead');
    const author = await createUser(db, { displayName: 'Ada Author' });
    authorId = author.id;
    await createProgressUpdate(db, commitment.id, { source: 'platform', author_id: author.id, narrative: 'First steps.' });
  });

  const page = async (): Promise<string> => {
    const response = await t.app.inject({ url: '/commitments/CA0001' });
    assert.equal(response.statusCode, 200);
    return decodeEntities(response.body);
  };

  it('shows every change to what the page shows on the very next view, however it was written', async () => {
    const { db } = t.ctx;
    // Each is written straight to the tables, as an import, the generator or plain SQL would.
    const changes: Array<[string, () => Promise<unknown>, string]> = [
      ['its own text', () => db.updateTable('commitments').set({ title: 'Open the whole budget' }).where('id', '=', commitment.id).execute(), 'Open the whole budget'],
      ['a progress update', () => createProgressUpdate(db, commitment.id, { narrative: 'Second steps.', reported_on: '2022-02-01' }), 'Second steps.'],
      ['a milestone', () => db.updateTable('milestones').set({ title: 'Publish the final text' }).where('id', '=', milestone.id).execute(), 'Publish the final text'],
      ['an institution', () => db.updateTable('organisations').set({ name: 'Ministry of Finance' }).where('id', '=', organisationId).execute(), 'Ministry of Finance'],
      ['an author', () => db.updateTable('users').set({ display_name: 'Ada Lovelace' }).where('id', '=', authorId).execute(), 'Ada Lovelace'],
      ['its member', () => db.updateTable('members').set({ name: 'Republic of Cachea Nova' }).where('id', '=', memberId).execute(), 'Republic of Cachea Nova'],
      ['a theme', () => addTag(db, commitment.id, 'theme', 'Fiscal Openness'), 'Fiscal Openness'],
      [
        'its public history',
        () => recordAudit(db, { actorId: authorId, action: 'commitment.updated', entityType: 'commitment', entityId: commitment.id, summary: '', isPublic: true }),
        'Commitment updated',
      ],
    ];
    for (const [what, change, shown] of changes) {
      assert.ok(!(await page()).includes(shown), `${what}: "${shown}" is not on the page before`);
      await change();
      assert.ok((await page()).includes(shown), `${what}: "${shown}" is on the page after`);
    }
  });
});

describe('a cache of one data version', () => {
  it('forgets everything when the version changes, backwards too', () => {
    const cache = new SingleVersionCache<string>(10);
    cache.set(5, 'a', 'five');
    assert.equal(cache.get(5, 'a'), 'five');
    assert.equal(cache.get(6, 'a'), undefined);
    cache.set(6, 'b', 'six');
    assert.equal(cache.get(5, 'a'), undefined);
    assert.equal(cache.size, 1);
    // A restored database may count from a lower number again.
    cache.set(2, 'c', 'two');
    assert.equal(cache.get(6, 'b'), undefined);
    assert.equal(cache.get(2, 'c'), 'two');
  });

  it('drops the least recently used entry when full', () => {
    const cache = new SingleVersionCache<number>(2);
    cache.set(1, 'a', 1);
    cache.set(1, 'b', 2);
    cache.get(1, 'a');
    cache.set(1, 'c', 3);
    assert.equal(cache.get(1, 'b'), undefined);
    assert.equal(cache.get(1, 'a'), 1);
    assert.equal(cache.get(1, 'c'), 3);
  });
});
