import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sql } from 'kysely';
import type { DbOrTrx } from '../db/database.ts';
import { useTestApp } from '../../test/support/test-app.ts';
import { isSharable, PageCache, VersionedData, VersionedLru } from './page-cache.ts';

describe('the versioned page cache', () => {
  it('keeps values within its byte budget, least recently used out first, and empties on another version', () => {
    const cache = new VersionedLru<string>(10, (value) => value.length);
    cache.set(1, 'a', 'aaaa');
    cache.set(1, 'b', 'bbbb');
    assert.equal(cache.get(1, 'a'), 'aaaa');
    cache.set(1, 'c', 'cccc');
    assert.equal(cache.get(1, 'b'), undefined, 'b was the least recently used');
    assert.equal(cache.get(1, 'a'), 'aaaa');
    assert.equal(cache.totalBytes, 8);
    cache.set(1, 'huge', 'x'.repeat(11));
    assert.equal(cache.get(1, 'huge'), undefined, 'a value over the whole budget is not kept');
    assert.equal(cache.get(2, 'a'), undefined);
    cache.set(0, 'd', 'dd');
    assert.equal(cache.get(1, 'a'), undefined, 'an older version (a restored database) replaces a newer one too');
    assert.equal(cache.size, 1);
  });

  it('never keeps a page holding a value made for its request', () => {
    const token = 'tok3n-made-for-one-request';
    assert.equal(isSharable('<main>results</main>', [token]), true);
    assert.equal(isSharable(`<p data-x="${token}">`, [token]), false);
    assert.equal(isSharable('<input type="hidden" name="_csrf" value="abc">', [undefined]), false);
    assert.equal(isSharable('<script nonce="r4nd0m">', [undefined]), false);
    const pages = new PageCache(1024);
    assert.equal(pages.keep(1, 'form', '<form><input name="_csrf" value="x"></form>', []).toString(), '<form><input name="_csrf" value="x"></form>');
    assert.equal(pages.get(1, 'form'), undefined);
    pages.keep(1, 'plain', '<p>same for all</p>', []);
    assert.equal(pages.get(1, 'plain')?.toString(), '<p>same for all</p>');
  });

  it('holds no more memory for a kept page than its budget counts', () => {
    const pages = new PageCache(1024 * 1024);
    const html = `<main>${'<p>Open data – données ouvertes</p>'.repeat(600)}</main>`;
    const sent = pages.keep(1, 'large', html, []);
    const kept = pages.get(1, 'large')!;
    assert.ok(kept.equals(sent) && kept.toString() === html);
    assert.equal(kept.buffer.byteLength, Buffer.byteLength(html), 'the bytes kept, and nothing beyond them');
  });
});

describe('a page\'s data kept per data version', () => {
  const t = useTestApp();
  const versionOf = async (db: DbOrTrx): Promise<number> => Number((await sql<{ version: number }>`SELECT version FROM member_page_version WHERE id = 1`.execute(db)).rows[0]!.version);
  const moveVersion = (db: DbOrTrx) => sql`UPDATE member_page_version SET version = version + 1 WHERE id = 1`.execute(db);

  it('reads once per version and key, and afresh once the version moves', async () => {
    const kept = new VersionedData<string>(versionOf, 1000);
    let reads = 0;
    const read = async () => `read ${++reads}`;
    assert.equal(await kept.get(t.ctx.db, 'a', read), 'read 1');
    assert.equal(await kept.get(t.ctx.db, 'a', read), 'read 1');
    assert.equal(await kept.get(t.ctx.db, 'b', read), 'read 2');
    await moveVersion(t.ctx.db);
    assert.equal(await kept.get(t.ctx.db, 'a', read), 'read 3');
  });

  it('keeps within its budget, weighing each value by its JSON', async () => {
    // Each of these weighs 2 × 402 + 64 bytes: two fit in 2,000, not three.
    const kept = new VersionedData<string>(versionOf, 2000);
    let reads = 0;
    const read = async () => `${++reads}`.padEnd(400, '.');
    for (const key of ['a', 'b', 'c']) await kept.get(t.ctx.db, key, read);
    assert.equal(reads, 3);
    await kept.get(t.ctx.db, 'c', read);
    await kept.get(t.ctx.db, 'b', read);
    assert.equal(reads, 3, 'the latest two are kept');
    await kept.get(t.ctx.db, 'a', read);
    assert.equal(reads, 4, 'the first was let go');
  });

  it('never keeps what a transaction read, which may not be committed', async () => {
    const kept = new VersionedData<string>(versionOf, 1000);
    assert.equal(await kept.get(t.ctx.db, 'a', async () => 'committed'), 'committed');
    await t.ctx.db.transaction().execute(async (trx) => {
      assert.equal(await kept.get(trx, 'a', async () => 'uncommitted'), 'uncommitted');
      assert.equal(await kept.get(trx, 'a', async () => 'uncommitted again'), 'uncommitted again');
    });
    assert.equal(await kept.get(t.ctx.db, 'a', async () => 'read again'), 'committed');
  });
});
