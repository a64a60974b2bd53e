import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createActionPlan, createCommitment } from '../../test/support/commitment-factories.ts';
import { createMember } from '../../test/support/factories.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-db.ts';
import { type DatabaseHandle, type DbOrTrx, openDatabase } from '../db/database.ts';
import { matchDocuments, searchTerms, withBulkSearchLoad } from '../db/fulltext.ts';
import type { ActionPlansTable, CommitmentsTable } from '../db/schema.ts';

// The bulk path of the search index (the generator's and the sheet import's): what it indexes must be found exactly
// as what the triggers index row by row, and the triggers must be back afterwards.

const TEXTS = {
  title: 'Quokka registry of beneficial owners',
  short_title: 'Wombat ledger',
  theme: 'Numbat openness',
  full_text: 'Publish the platypus budget',
  problem: 'Echidna procurement is opaque',
  status_quo: 'Bilby archives',
  objective: 'Dingo hearings',
  ambition: 'Kookaburra audits',
} satisfies Partial<CommitmentsTable>;

describe('loading commitments in bulk', () => {
  let database: TestDatabase;
  let handle: DatabaseHandle;
  let plan: ActionPlansTable;

  const ids = async (query: string, db: DbOrTrx = handle.db): Promise<string[]> => {
    const docs = new Set((await matchDocuments(db, searchTerms(query), { ranked: false })).map((m) => m.doc));
    const { rows } = await sql<{ commitment_id: string; doc_id: number }>`SELECT commitment_id, doc_id FROM commitment_search`.execute(db);
    return rows.filter((r) => docs.has(Number(r.doc_id))).map((r) => r.commitment_id).sort();
  };
  const scores = async (query: string): Promise<number[]> => (await matchDocuments(handle.db, searchTerms(query), { ranked: true })).map((m) => m.score);

  before(async () => {
    database = await createTestDatabase({ migrated: true });
    handle = openDatabase(database.url);
    const member = await createMember(handle.db, { name: 'Tasmania Bulkshire' });
    plan = await createActionPlan(handle.db, { member_id: member.id });
  });
  after(async () => {
    await handle.close();
    await database.drop();
  });

  it('indexes new and changed commitments as the row-by-row triggers do, and then hands back to them', async () => {
    const byTrigger = await createCommitment(handle.db, { plan_id: plan.id, ogp_id: 'TB0001', ...TEXTS });
    const changed = await createCommitment(handle.db, { plan_id: plan.id, ogp_id: 'TB0002', title: 'Cassowary forum' });
    const loaded = await handle.db.transaction().execute((trx) =>
      withBulkSearchLoad(trx, async (noteChanged) => {
        const row = await createCommitment(trx, { plan_id: plan.id, ogp_id: 'TB0003', ...TEXTS });
        await trx.updateTable('commitments').set({ title: 'Pademelon charter' }).where('id', '=', changed.id).execute();
        noteChanged([changed.id]);
        // Not indexed row by row: the load indexes it when it ends.
        assert.deepEqual(await ids('quokka', trx), [byTrigger.id]);
        return row;
      }),
    );

    // Every part of the document: the title, short title, theme and each long text; the identifier and member below.
    for (const word of ['quokka', 'wombat', 'numbat', 'platypus', 'echidna', 'bilby', 'dingo', 'kookaburra']) {
      assert.deepEqual(await ids(word), [byTrigger.id, loaded.id].sort(), word);
      const [first, second] = await scores(word);
      // Identical texts weigh the same only if the bulk path built the same document, field weights included.
      assert.equal(first, second, word);
    }
    assert.deepEqual(await ids('bulkshire'), [byTrigger.id, changed.id, loaded.id].sort());
    assert.deepEqual(await ids('TB0003'), [loaded.id]);
    assert.deepEqual(await ids('pademelon'), [changed.id]);
    assert.deepEqual(await ids('cassowary'), []);

    const after = await createCommitment(handle.db, { plan_id: plan.id, ogp_id: 'TB0004', title: 'Bandicoot register' });
    await handle.db.updateTable('commitments').set({ title: 'Potoroo register' }).where('id', '=', loaded.id).execute();
    assert.deepEqual(await ids('bandicoot'), [after.id]);
    assert.deepEqual(await ids('potoroo'), [loaded.id]);
    assert.deepEqual(await ids('quokka'), [byTrigger.id]);
  });

  it('leaves the index and its triggers as they were when the load fails', async () => {
    await assert.rejects(
      handle.db.transaction().execute((trx) =>
        withBulkSearchLoad(trx, async () => {
          await createCommitment(trx, { plan_id: plan.id, ogp_id: 'TB0005', title: 'Wallaby petition' });
          throw new Error('the load failed');
        }),
      ),
      /the load failed/,
    );
    assert.deepEqual(await ids('wallaby'), []);
    const later = await createCommitment(handle.db, { plan_id: plan.id, ogp_id: 'TB0005', title: 'Wallaby petition' });
    assert.deepEqual(await ids('wallaby'), [later.id]);
  });
});
