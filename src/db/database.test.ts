import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { openSqlite } from './database.ts';

describe('SQLite connection', () => {
  it('uses WAL, foreign keys, a busy timeout and fully synchronous commits', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ogp-sqlite-'));
    const sqlite = openSqlite(path.join(dir, 'nested', 'db.sqlite'));
    try {
      assert.equal(sqlite.pragma('journal_mode', { simple: true }), 'wal');
      assert.equal(sqlite.pragma('foreign_keys', { simple: true }), 1);
      assert.equal(sqlite.pragma('busy_timeout', { simple: true }), 5000);
      assert.equal(sqlite.pragma('synchronous', { simple: true }), 2);
    } finally {
      sqlite.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
