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

describe('similar commitments from kept word matches', () => {
  const t = useTestApp();
  const VOCABULARY = [
    'budget', 'audit', 'parliament', 'courts', 'lobbying', 'registry', 'procurement', 'contracts', 'water', 'health', 'schools', 'mining',
    'forests', 'elections', 'policing', 'pensions', 'housing', 'fisheries', 'railways', 'tourism', 'museums', 'vaccines', 'harbours', 'libraries',
  ];
  const ids: string[] = [];

  before(async () => {
    // Thirty commitments of three members, each of a few words repeated unevenly: scores then differ by how many of
    // a commitment's words another shares, how often and in which part (title or text). Seventy more about nothing
    // in particular, so that no word of those thirty is in so many commitments that it says nothing.
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return Math.floor(seed / 65536) % n;
    };
    const words = (count: number) => Array.from({ length: count }, () => VOCABULARY[next(VOCABULARY.length)]!).join(' ');
    for (const [name, ogpCode] of [['Ghana', 'GHA'], ['Peru', 'PER'], ['Latvia', 'LVA']] as const) {
      const member = await createMember(t.ctx.db, { name, ogpCode });
      const plan = await createActionPlan(t.ctx.db, { member_id: member.id });
      for (let i = 1; i <= 10; i++) {
        const row = await createCommitment(t.ctx.db, {
          plan_id: plan.id,
          ogp_id: `${ogpCode.slice(0, 2)}${String(i).padStart(4, '0')}`,
          title: words(2 + next(3)),
          full_text: words(4 + next(12)),
        });
        ids.push(row.id);
      }
    }
    const elsewhere = await createActionPlan(t.ctx.db);
    for (let i = 1; i <= 70; i++) await createCommitment(t.ctx.db, { plan_id: elsewhere.id, ogp_id: `ZZ${String(i).padStart(4, '0')}`, title: 'Other matters', full_text: 'Nothing in particular.' });
  });

  it('gives the very answer the database gives for all the words at once, scores and order', async () => {
    let compared = 0;
    for (const id of ids) {
      const kept = await findSimilarCommitments(t.ctx.db, id, 20);
      // Inside a transaction nothing kept is used: one query over all the words.
      const whole = await t.ctx.db.transaction().execute((trx) => findSimilarCommitments(trx, id, 20));
      assert.deepEqual(kept, whole, id);
      compared += kept.length;
    }
    assert.ok(compared > ids.length * 5, `${compared} similar commitments compared`);
  });

  it('answers again from what it kept, and afresh once a commitment\'s words change', async () => {
    const first = await findSimilarCommitments(t.ctx.db, ids[0]!, 20);
    assert.deepEqual(await findSimilarCommitments(t.ctx.db, ids[0]!, 20), first);
    const target = first.at(-1)!;
    await t.ctx.db.updateTable('commitments').set({ title: `${target.title} ${target.title} ${target.title}` }).where('ogp_id', '=', target.ogpId).execute();
    const after = await findSimilarCommitments(t.ctx.db, ids[0]!, 20);
    assert.deepEqual(after, await t.ctx.db.transaction().execute((trx) => findSimilarCommitments(trx, ids[0]!, 20)));
    assert.notEqual(after.find((s) => s.ogpId === target.ogpId)?.score, target.score, 'the changed commitment scores afresh');
  });
});
