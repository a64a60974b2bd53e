import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import SqliteDatabase from 'better-sqlite3';
import { cachedPrepare } from './statement-cache.ts';

describe('the SQLite statement cache', () => {
  it('prepares each SQL text once, keeps the most recently used, and never hands out a statement still iterating', () => {
    const sqlite = new SqliteDatabase(':memory:');
    sqlite.exec('CREATE TABLE t (n integer); INSERT INTO t VALUES (1), (2)');
    const prepare = cachedPrepare(sqlite, 2);
    const first = prepare('SELECT n FROM t ORDER BY n');
    assert.equal(prepare('SELECT n FROM t ORDER BY n'), first);
    assert.deepEqual(first.all([]), [{ n: 1 }, { n: 2 }]);

    const rows = first.iterate([]);
    rows.next();
    const meanwhile = prepare('SELECT n FROM t ORDER BY n');
    assert.notEqual(meanwhile, first, 'a streamed query is still using the cached statement');
    assert.deepEqual(meanwhile.all([]), [{ n: 1 }, { n: 2 }]);
    rows.return?.();

    prepare('SELECT 2');
    prepare('SELECT 3');
    assert.notEqual(prepare('SELECT n FROM t ORDER BY n'), first, 'the least recently used text was let go');
    sqlite.close();
  });
});
