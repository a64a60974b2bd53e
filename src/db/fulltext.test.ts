import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createActionPlan, createCommitment } from '../../test/support/commitment-factories.ts';
import { createExplorerFixture, type ExplorerFixture } from '../../test/support/explorer-factories.ts';
import { createMember } from '../../test/support/factories.ts';
import { useTestApp } from '../../test/support/test-app.ts';
import { dialectOf, intersectMatches, matchDocuments, matchDocumentsPacked, MAX_TERMS, type PackedMatches, searchDataVersion, searchTerms, termCounts, termStatistics, withBulkSearchLoad } from './fulltext.ts';

// Run with TEST_DB=sqlite and TEST_DB=postgres: every expectation here holds on both engines.

describe('search terms from what someone typed', () => {
  it('folds case and accents and keeps letters and digits only', () => {
    assert.deepEqual(searchTerms('Participación CIUDADANA'), ['participacion', 'ciudadana']);
    assert.deepEqual(searchTerms('e-Acts, 3.5 & AL0002'), ['e', 'acts', '3', '5', 'al0002']);
    assert.deepEqual(searchTerms('Naïve Ça Ünïcødé'), ['naive', 'ca', 'unicøde']);
  });

  it('turns operators and quotes into plain words or nothing', () => {
    for (const odd of ['"', '-', '*', '""', '()', '^', ':', "'", '   ', '', '—', '%_\\']) assert.deepEqual(searchTerms(odd), [], JSON.stringify(odd));
    assert.deepEqual(searchTerms('AND OR NOT NEAR'), ['and', 'or', 'not', 'near']);
    assert.deepEqual(searchTerms('"open data" -portal *gov* title:x'), ['open', 'data', 'portal', 'gov', 'title', 'x']);
  });

  it('drops repeats and stops after a bounded number of words', () => {
    assert.deepEqual(searchTerms('data Data DATA'), ['data']);
    const many = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');
    assert.equal(searchTerms(many).length, MAX_TERMS);
  });
});

describe('the documents every word matches, from each word\'s matches', () => {
  const packed = (docs: number[], scores?: number[]): PackedMatches => ({ docs: Int32Array.from(docs), scores: scores ? Float64Array.from(scores) : null });

  it('keeps the documents in every list, adding up their scores in the lists\' order', () => {
    const long = packed(
      Array.from({ length: 1000 }, (_, i) => i * 3),
      Array.from({ length: 1000 }, (_, i) => i / 7),
    );
    const short = packed([0, 4, 9, 2997, 3000], [0.5, 1, 2, 3, 4]);
    const found = intersectMatches([long, short], { ranked: true });
    assert.deepEqual(Array.from(found.docs), [0, 9, 2997]);
    assert.deepEqual(Array.from(found.scores ?? []), [0 + 0.5, 3 / 7 + 2, 999 / 7 + 3]);
    const three = intersectMatches([short, long, packed([9, 2997, 5000], [1, 1, 1])], { ranked: true });
    assert.deepEqual(Array.from(three.docs), [9, 2997]);
    assert.deepEqual(Array.from(three.scores ?? []), [2 + 3 / 7 + 1, 3 + 999 / 7 + 1]);
    assert.equal(intersectMatches([long, short], { ranked: false }).scores, null);
    assert.deepEqual(Array.from(intersectMatches([short, packed([])], { ranked: false }).docs), []);
    assert.throws(() => intersectMatches([short, packed([1])], { ranked: true }), /scores/);
  });
});

describe('full-text search over commitments', () => {
  const t = useTestApp();
  let fixture: ExplorerFixture;

  before(async () => {
    fixture = await createExplorerFixture(t.ctx.db);
  });

  /** OGP ids matching the words, best first (ties by id, as the explorer orders them). */
  async function search(text: string): Promise<string[]> {
    const terms = searchTerms(text);
    if (terms.length === 0) return [];
    const matches = await matchDocuments(t.ctx.db, terms, { ranked: true });
    const unranked = await matchDocuments(t.ctx.db, terms, { ranked: false });
    assert.deepEqual(unranked.map((m) => m.doc).sort(), matches.map((m) => m.doc).sort(), 'ranking never changes what matches');
    if (matches.length === 0) return [];
    const { rows } = await sql<{ doc: number; ogp_id: string }>`SELECT s.doc_id AS doc, c.ogp_id FROM commitment_search s JOIN commitments c ON c.id = s.commitment_id
      WHERE s.doc_id IN (${sql.join(matches.map((m) => m.doc))})`.execute(t.ctx.db);
    const ogpId = new Map(rows.map((r) => [Number(r.doc), r.ogp_id]));
    return matches
      .map((m) => ({ id: ogpId.get(m.doc) ?? '?', score: m.score }))
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
      .map((m) => m.id);
  }

  it('finds what all the words find by intersecting each word\'s matches, with the very same ranks', async () => {
    const ascending = (docs: Int32Array) => docs.every((doc, i) => i === 0 || doc > docs[i - 1]!);
    for (const text of ['open data', 'contract kenya', 'open data portal', 'procurement contracting', 'open nowhere']) {
      const terms = searchTerms(text);
      for (const ranked of [true, false]) {
        const together = await matchDocumentsPacked(t.ctx.db, terms, { ranked });
        const each = await Promise.all(terms.map((term) => matchDocumentsPacked(t.ctx.db, [term], { ranked })));
        assert.ok([together, ...each].every((m) => ascending(m.docs)), `${text}: in document order`);
        const intersected = intersectMatches(each, { ranked });
        assert.deepEqual(intersected.docs, together.docs, text);
        if (ranked) assert.deepEqual(intersected.scores, together.scores, `${text}: the very same ranks`);
      }
    }
    assert.ok((await matchDocumentsPacked(t.ctx.db, searchTerms('open data'), { ranked: false })).docs.length > 0, 'the words have matches to compare');
  });

  it('knows which engine it is talking to', () => {
    assert.equal(dialectOf(t.ctx.db), t.ctx.dialect);
  });

  it('matches regardless of case and accents, either way round', async () => {
    assert.deepEqual(await search('participacion'), ['AL0010']);
    assert.deepEqual(await search('PARTICIPACIÓN'), ['AL0010']);
    assert.deepEqual(await search('públicas'), ['AL0010']);
    assert.deepEqual(await search('publicas'), ['AL0010']);
  });

  it('matches words as prefixes and needs every word', async () => {
    assert.deepEqual((await search('contract')).sort(), ['AL0001', 'KE0001']);
    assert.deepEqual(await search('contracting kenya'), ['KE0001']);
    assert.deepEqual(await search('contracting wildlife'), []);
  });

  it('searches the identifier, the title, the text, the theme and the member\'s name', async () => {
    assert.deepEqual(await search('ke0002'), ['KE0002']);
    assert.deepEqual(await search('beneficial'), ['KE0002']);
    assert.deepEqual(await search('volunteers'), ['BA0001']);
    assert.deepEqual(await search('buenos aires'), ['BA0001']);
    assert.deepEqual(await search('e-Acts'), ['AL0002']);
  });

  it('ranks a commitment about the words above one that only mentions them', async () => {
    // AL0001 has "procurement" in its title and text; KE0001 only in its text.
    assert.deepEqual(await search('procurement'), ['AL0001', 'KE0001']);
    // KE0001 is "Open contracting portal"; AL0001 mentions contracting once, deep in its text.
    assert.deepEqual(await search('contracting'), ['KE0001', 'AL0001']);
  });

  it('never fails on odd input', async () => {
    for (const odd of ['"', 'AND', 'OR', 'NOT', '-', '*', '"unclosed', "it's", 'a*b', 'NEAR(a b)', 'title:x', '^x', '{x}', "'; DROP TABLE commitments; --", '𐺀', 'ꭰꭱ', '0', 'ñ']) {
      await assert.doesNotReject(search(odd), JSON.stringify(odd));
    }
    assert.equal((await sql<{ n: number }>`SELECT count(*) AS n FROM commitments`.execute(t.ctx.db)).rows.length, 1);
  });

  it('follows inserts, updates and deletes of commitments, and renamed members, through triggers', async () => {
    const member = await createMember(t.ctx.db, { name: 'Trigger Testland' });
    const commitment = await createCommitment(t.ctx.db, { member_id: member.id, ogp_id: 'TT0001', title: 'Zebra crossings', full_text: 'Safer roads.' });
    assert.deepEqual(await search('zebra'), ['TT0001']);
    assert.deepEqual(await search('testland'), ['TT0001']);

    await t.ctx.db.updateTable('commitments').set({ title: 'Giraffe crossings' }).where('id', '=', commitment.id).execute();
    assert.deepEqual(await search('zebra'), []);
    assert.deepEqual(await search('giraffe roads'), ['TT0001']);
    // Columns outside the document leave it alone.
    await t.ctx.db.updateTable('commitments').set({ progress_percent: 40 }).where('id', '=', commitment.id).execute();
    assert.deepEqual(await search('giraffe'), ['TT0001']);

    await t.ctx.db.updateTable('members').set({ name: 'Renamed Republic' }).where('id', '=', member.id).execute();
    assert.deepEqual(await search('testland'), []);
    assert.deepEqual(await search('renamed giraffe'), ['TT0001']);

    await t.ctx.db.deleteFrom('commitments').where('id', '=', commitment.id).execute();
    assert.deepEqual(await search('giraffe'), []);
  });

  it('forgets the commitments of a deleted member, which go by cascade', async () => {
    const member = await createMember(t.ctx.db, { name: 'Cascade Country' });
    await createCommitment(t.ctx.db, { member_id: member.id, ogp_id: 'CC0001', title: 'Quokka census' });
    assert.deepEqual(await search('quokka'), ['CC0001']);
    await t.ctx.db.deleteFrom('members').where('id', '=', member.id).execute();
    assert.deepEqual(await search('quokka'), []);
    const { rows } = await sql<{ n: number | string }>`SELECT count(*) AS n FROM commitment_search`.execute(t.ctx.db);
    const { rows: all } = await sql<{ n: number | string }>`SELECT count(*) AS n FROM commitments`.execute(t.ctx.db);
    assert.equal(Number(rows[0]?.n), Number(all[0]?.n));
  });

  it('counts how many commitments use each word', async () => {
    const stats = await termStatistics(t.ctx.db, ['portal', 'beneficial', 'nowhere'], (n) => n);
    const { rows } = await sql<{ n: number | string }>`SELECT count(*) AS n FROM commitments`.execute(t.ctx.db);
    assert.equal(stats.documents, Number(rows[0]?.n));
    assert.equal(stats.frequencies.get('portal'), 2);
    assert.equal(stats.frequencies.get('beneficial'), 1);
    assert.equal(stats.frequencies.get('nowhere'), 0);
    const capped = await termStatistics(t.ctx.db, ['portal'], () => 1);
    assert.equal(capped.frequencies.get('portal'), 1);
  });

  it('keeps its counts of each word right through inserts, text edits, renamed members, deletes and bulk loads', async () => {
    // Words as similarity asks about them: the tokens of commitments' texts.
    const texts = ['Pelican harbour budget. The pelicans of the harbour.', 'E-government participación. Budget portal.', 'No birds here. Renamedland', 'nowhere'];
    const words = [...new Set(texts.flatMap((text) => [...termCounts(text).keys()]))];
    /** The definition: the commitments the index finds for the word alone. */
    const directCount = async (word: string): Promise<number> => {
      const { rows } =
        dialectOf(t.ctx.db) === 'postgres'
          ? await sql<{ n: number | string }>`SELECT count(*) AS n FROM commitment_search WHERE document @@ to_tsquery('ogp_search', quote_literal(${word}))`.execute(t.ctx.db)
          : await sql<{ n: number | string }>`SELECT count(*) AS n FROM commitment_fts WHERE commitment_fts MATCH ${`"${word}"`}`.execute(t.ctx.db);
      return Number(rows[0]?.n);
    };
    const agrees = async (when: string) => {
      const stats = await termStatistics(t.ctx.db, words, (n) => n);
      const { rows } = await sql<{ n: number | string }>`SELECT count(*) AS n FROM commitments`.execute(t.ctx.db);
      assert.equal(stats.documents, Number(rows[0]?.n), `documents ${when}`);
      for (const word of words) assert.equal(stats.frequencies.get(word), await directCount(word), `${word} ${when}`);
    };
    const member = await createMember(t.ctx.db, { name: 'Pelican Bay' });
    const plan = await createActionPlan(t.ctx.db, { member_id: member.id, ogp_id: 'AP_PB1' });
    const first = await createCommitment(t.ctx.db, { plan_id: plan.id, number: '1', ogp_id: 'PB0001', title: 'Pelican harbour budget', full_text: 'The pelicans of the harbour.' });
    const second = await createCommitment(t.ctx.db, { plan_id: plan.id, number: '2', ogp_id: 'PB0002', title: 'E-government participación', full_text: 'Budget portal.' });
    await agrees('after inserts');
    await t.ctx.db.updateTable('commitments').set({ title: 'Harbour works', full_text: 'No birds here.' }).where('id', '=', first.id).execute();
    await agrees('after a text edit');
    await t.ctx.db.updateTable('members').set({ name: 'Renamedland' }).where('id', '=', member.id).execute();
    await agrees('after the member was renamed');
    await t.ctx.db.deleteFrom('commitments').where('id', '=', second.id).execute();
    await agrees('after a delete');
    await t.ctx.db.transaction().execute((trx) =>
      withBulkSearchLoad(trx, async (noteChanged) => {
        await createCommitment(trx, { plan_id: plan.id, number: '3', ogp_id: 'PB0003', title: 'Pelican budget', full_text: 'Harbour pelicans.' });
        await trx.updateTable('commitments').set({ title: 'Pelican harbour' }).where('id', '=', first.id).execute();
        noteChanged([first.id]);
      }),
    );
    await agrees('after a bulk load');
    await t.ctx.db.deleteFrom('members').where('id', '=', member.id).execute();
    await agrees('after the member and its commitments were deleted');
  });

  it('moves the data version with every committed change to what the explorer shows', async () => {
    const before = await searchDataVersion(t.ctx.db);
    await t.ctx.db.updateTable('commitments').set({ implementation_status: 'complete' }).where('id', '=', fixture.commitments.BA0001!.id).execute();
    const afterUpdate = await searchDataVersion(t.ctx.db);
    assert.ok(afterUpdate > before);
    await t.ctx.db.insertInto('commitment_tags').values({ commitment_id: fixture.commitments.BA0001!.id, vocabulary: 'policy_area', tag: 'Environment' }).execute();
    const afterTag = await searchDataVersion(t.ctx.db);
    assert.ok(afterTag > afterUpdate);
    // A transaction that rolls back leaves it where it was.
    await assert.rejects(
      t.ctx.db.transaction().execute(async (trx) => {
        await trx.updateTable('members').set({ region: 'Americas' }).where('id', '=', fixture.albania.id).execute();
        throw new Error('roll back');
      }),
    );
    assert.equal(await searchDataVersion(t.ctx.db), afterTag);
    // Tables the explorer does not read leave it alone.
    await t.ctx.db.insertInto('rate_limits').values({ key: 'fulltext-test', hits: 1, reset_at: 0 }).execute();
    assert.equal(await searchDataVersion(t.ctx.db), afterTag);
  });
});
