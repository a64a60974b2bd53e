import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { createActionPlan, createCommitment } from '../../../test/support/commitment-factories.ts';
import { createExplorerFixture, type ExplorerFixture } from '../../../test/support/explorer-factories.ts';
import { createMember } from '../../../test/support/factories.ts';
import { useTestApp } from '../../../test/support/test-app.ts';
import { distinctiveTerms, findSimilarCommitments, similarityVersion } from './similar.ts';

describe('similar commitments from other members', () => {
  const t = useTestApp();
  let fixture: ExplorerFixture;

  before(async () => {
    fixture = await createExplorerFixture(t.ctx.db);
    // Two more about courts in other members, so "justice" words are shared but not everywhere.
    const chile = await createMember(t.ctx.db, { name: 'Chile', ogpCode: 'CHL', region: 'Americas' });
    const plan = await createActionPlan(t.ctx.db, { member_id: chile.id });
    await createCommitment(t.ctx.db, {
      plan_id: plan.id,
      ogp_id: 'CL0001',
      title: 'Open courts: public hearings on judicial reform',
      full_text: 'Courts will hold public hearings and publish their judicial decisions.',
    });
    await createCommitment(t.ctx.db, {
      plan_id: plan.id,
      ogp_id: 'CL0002',
      title: 'Bird and fish census in national parks',
      full_text: 'Rangers and volunteers count birds and fish every spring.',
    });
  });

  const similarTo = async (ogpId: string, limit?: number) => {
    const row = await t.ctx.db.selectFrom('commitments').select('id').where('ogp_id', '=', ogpId).executeTakeFirstOrThrow();
    return findSimilarCommitments(t.ctx.db, row.id, limit);
  };

  it('ranks an obviously related commitment of another member above unrelated ones', async () => {
    const similar = await similarTo('AL0001');
    assert.equal(similar[0]?.ogpId, 'KE0001', JSON.stringify(similar));
    assert.deepEqual(similar[0], { ogpId: 'KE0001', title: 'Open contracting portal', memberName: 'Kenya', memberSlug: 'kenya', score: similar[0]?.score });
    assert.ok(similar[0]!.score > 0);
    const wildlife = similar.findIndex((s) => s.ogpId === 'BA0001' || s.ogpId === 'CL0002');
    assert.ok(wildlife === -1 || wildlife > 0);
    for (let i = 1; i < similar.length; i++) assert.ok(similar[i - 1]!.score >= similar[i]!.score, 'best first');
  });

  it('finds the same kind of commitment whatever its language or wording', async () => {
    const birds = await similarTo('BA0001');
    assert.equal(birds[0]?.ogpId, 'CL0002', JSON.stringify(birds));
  });

  it('never offers the member\'s own commitments', async () => {
    for (const ogpId of ['AL0001', 'AL0002', 'KE0001', 'CL0001']) {
      const own = (await t.ctx.db.selectFrom('commitments').select('member_id').where('ogp_id', '=', ogpId).executeTakeFirstOrThrow()).member_id;
      const similar = await similarTo(ogpId, 20);
      const members = await t.ctx.db.selectFrom('commitments').select('member_id').where('ogp_id', 'in', similar.length ? similar.map((s) => s.ogpId) : ['']).execute();
      assert.ok(members.every((m) => m.member_id !== own), ogpId);
    }
  });

  it('keeps to the limit', async () => {
    assert.ok((await similarTo('AL0001', 1)).length <= 1);
  });

  it('answers nothing for an unknown commitment or one with nothing distinctive to compare', async () => {
    assert.deepEqual(await findSimilarCommitments(t.ctx.db, 'no-such-id'), []);
    const loner = await createCommitment(t.ctx.db, { plan_id: fixture.buenosAiresPlan.id, ogp_id: 'BA0099', title: 'Xylophone', full_text: '2024 2025' });
    assert.deepEqual(await findSimilarCommitments(t.ctx.db, loner.id), []);
  });

  it('chooses words that are frequent in the commitment and rare elsewhere', async () => {
    const ke0001 = fixture.commitments.KE0001!;
    const terms = await distinctiveTerms(t.ctx.db, { ...ke0001, body: ke0001.full_text });
    const words = terms.map((term) => term.term);
    for (const shared of ['contracting', 'portal', 'procurement']) assert.ok(words.includes(shared), `${shared} in ${words.join(' ')}`);
    // "tenders" is in no other commitment, so it can match nothing; "kenya" and "publish" are in too many.
    for (const useless of ['tenders', 'kenya', 'publish', 'in', 'on']) assert.ok(!words.includes(useless), `${useless} in ${words.join(' ')}`);
    assert.ok(terms.every((term) => term.weight > 0));
  });

  it('counts words afresh once commitments change', async () => {
    const about = { title: 'Quokka sanctuary', short_title: '', theme: '', body: 'Quokka counts.' };
    // No commitment uses the word yet, so it can match nothing.
    assert.ok(!(await distinctiveTerms(t.ctx.db, about)).some((term) => term.term === 'quokka'));
    await createCommitment(t.ctx.db, { plan_id: fixture.buenosAiresPlan.id, ogp_id: 'BA0100', title: 'Quokka census' });
    await createCommitment(t.ctx.db, { plan_id: fixture.buenosAiresPlan.id, ogp_id: 'BA0101', title: 'Quokka habitats' });
    assert.ok((await distinctiveTerms(t.ctx.db, about)).some((term) => term.term === 'quokka'));
  });

  it('keeps its answers through writes that change no words, and follows renames of commitments and members', async () => {
    const ke0001 = fixture.commitments.KE0001!;
    await similarTo('AL0001');
    const before = await similarityVersion(t.ctx.db);
    await t.ctx.db.updateTable('commitments').set({ implementation_status: 'complete', progress_percent: 100 }).where('id', '=', ke0001.id).execute();
    assert.equal(await similarityVersion(t.ctx.db), before, 'a progress change leaves similarity as it was');

    await t.ctx.db.updateTable('commitments').set({ title: 'Open contracting portal for every tender' }).where('id', '=', ke0001.id).execute();
    assert.ok((await similarityVersion(t.ctx.db)) > before, 'a new title is new words');
    assert.equal((await similarTo('AL0001')).find((s) => s.ogpId === 'KE0001')?.title, 'Open contracting portal for every tender');

    await t.ctx.db.updateTable('members').set({ name: 'Republic of Kenya' }).where('id', '=', ke0001.member_id).execute();
    assert.equal((await similarTo('AL0001')).find((s) => s.ogpId === 'KE0001')?.memberName, 'Republic of Kenya');
  });
});
