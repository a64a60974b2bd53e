import assert from 'node:assert/strict';
import os from 'node:os';
import path from 'node:path';
import { before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { createCommitment } from '../../test/support/commitment-factories.ts';
import { createExplorerFixture } from '../../test/support/explorer-factories.ts';
import { useTestApp } from '../../test/support/test-app.ts';
import { matchDocumentsPacked, searchTerms } from './fulltext.ts';
import { openDatabase } from './database.ts';
import { offloadSearches, SearchThreadsUnavailable, type SearchThreads, searchThreadsOf } from './search-thread.ts';

// A serving process's SQLite searches run on a thread with its own connection (search-thread.ts). Run with
// TEST_DB=sqlite and TEST_DB=postgres: PostgreSQL searches run in the database server and have no thread.

describe('the search thread', () => {
  const t = useTestApp();
  let thread: SearchThreads | undefined;

  before(async () => {
    await createExplorerFixture(t.ctx.db);
    thread = searchThreadsOf(t.ctx.db);
  });

  it('serves SQLite files only', () => {
    assert.equal(thread !== undefined, t.ctx.dialect === 'sqlite');
  });

  it('answers searches with what the main connection finds, ranks included', async (c) => {
    if (!thread) return c.skip('PostgreSQL searches run in its server');
    const answered = thread.answered;
    for (const text of ['open data', 'contract', 'procurement', 'participacion', 'nothing-matches-this']) {
      for (const ranked of [true, false]) {
        const terms = searchTerms(text);
        const offloaded = await matchDocumentsPacked(t.ctx.db, terms, { ranked });
        // Inside a transaction a search runs on the main connection.
        const direct = await t.ctx.db.transaction().execute((trx) => matchDocumentsPacked(trx, terms, { ranked }));
        assert.deepEqual(offloaded, direct, `${text} (${ranked ? 'ranked' : 'unranked'})`);
      }
    }
    assert.equal(thread.answered - answered, 10, 'every search outside a transaction went to the thread');
    assert.ok((await matchDocumentsPacked(t.ctx.db, ['contract'], { ranked: true })).docs.length > 0, 'the words have matches to compare');
  });

  it('answers many searches asked at once, each with its own matches', async (c) => {
    if (!thread) return c.skip('PostgreSQL searches run in its server');
    const texts = ['open', 'data', 'contract', 'procurement', 'kenya', 'participacion', 'beneficial', 'volunteers', 'nothing-here'];
    const direct = await t.ctx.db.transaction().execute(async (trx) => {
      const found = [];
      for (const text of texts) found.push(await matchDocumentsPacked(trx, searchTerms(text), { ranked: true }));
      return found;
    });
    const together = await Promise.all(texts.map((text) => matchDocumentsPacked(t.ctx.db, searchTerms(text), { ranked: true })));
    assert.deepEqual(together, direct);
  });

  it('sees each write once it is committed, and never a transaction\'s until then', async (c) => {
    if (!thread) return c.skip('PostgreSQL searches run in its server');
    const words = ['quokka'];
    assert.equal((await matchDocumentsPacked(t.ctx.db, words, { ranked: true })).docs.length, 0);
    await t.ctx.db
      .transaction()
      .execute(async (trx) => {
        await trx.updateTable('commitments').set({ title: 'Quokka habitats' }).where('ogp_id', '=', 'AL0001').execute();
        assert.equal((await matchDocumentsPacked(trx, words, { ranked: true })).docs.length, 1, 'the transaction sees its own write');
        assert.equal((await matchDocumentsPacked(t.ctx.db, words, { ranked: true })).docs.length, 0, 'the thread does not see it yet');
        throw new Error('roll back');
      })
      .catch((error: unknown) => assert.match(String(error), /roll back/));
    assert.equal((await matchDocumentsPacked(t.ctx.db, words, { ranked: false })).docs.length, 0, 'rolled back');
    await createCommitment(t.ctx.db, { title: 'Quokka corridors' });
    assert.equal((await matchDocumentsPacked(t.ctx.db, words, { ranked: false })).docs.length, 1, 'committed');
  });

  it('reports a failed query as that search\'s error and goes on answering', async (c) => {
    if (!thread) return c.skip('PostgreSQL searches run in its server');
    await assert.rejects(thread.packedMatches(sql`SELECT no_such_column AS docs FROM commitment_search`.compile(t.ctx.db), false), /no_such_column/);
    assert.ok((await matchDocumentsPacked(t.ctx.db, ['open'], { ranked: false })).docs.length > 0);
  });
});

describe('search threads that cannot start', () => {
  const t = useTestApp();

  it('leave the searches to the main connection, and stop trying after a few', async (c) => {
    if (t.ctx.dialect !== 'sqlite') return c.skip('PostgreSQL searches run in its server');
    await createExplorerFixture(t.ctx.db);
    const handle = openDatabase(t.ctx.config.databaseUrl);
    try {
      // A file that is not there: each thread fails as it opens it.
      const threads = offloadSearches(handle.db, { file: path.join(os.tmpdir(), 'no-such-folder', 'none.sqlite'), cacheKib: 1024 });
      const expected = await handle.db.transaction().execute((trx) => matchDocumentsPacked(trx, ['open'], { ranked: true }));
      assert.ok(expected.docs.length > 0);
      for (let attempt = 0; attempt < 5; attempt++) assert.deepEqual(await matchDocumentsPacked(handle.db, ['open'], { ranked: true }), expected);
      assert.equal(threads.answered, 0, 'no thread ever answered');
      await assert.rejects(threads.packedMatches(sql`SELECT '1' AS docs, NULL AS scores`.compile(handle.db), false), SearchThreadsUnavailable);
    } finally {
      await handle.close();
    }
  });
});

describe('a closed search thread', () => {
  const t = useTestApp();

  it('fails the searches still waiting and refuses new ones', async (c) => {
    const thread = searchThreadsOf(t.ctx.db);
    if (!thread) return c.skip('PostgreSQL searches run in its server');
    const waiting = assert.rejects(thread.packedMatches(sql`SELECT '1,2' AS docs, NULL AS scores`.compile(t.ctx.db), false), /closed/);
    await thread.close();
    await waiting;
    await assert.rejects(thread.packedMatches(sql`SELECT '1' AS docs, NULL AS scores`.compile(t.ctx.db), false), /closed/);
  });
});
