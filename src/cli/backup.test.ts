import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import SqliteDatabase from 'better-sqlite3';
import { type DatabaseHandle, migrateToLatest, openDatabase } from '../db/database.ts';
import { migrations } from '../db/migrations/index.ts';
import {
  BackupError,
  backupDatabase,
  backupPostgres,
  backupSqlite,
  defaultPgToolDirs,
  findExecutable,
  inspectSqliteBackup,
  pgConnection,
  restoreDatabase,
  restorePostgres,
  restoreSqlite,
} from './backup.ts';

let dir: string;
let dbFile: string;
let databaseUrl: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ogp-backup-'));
  dbFile = path.join(dir, 'ogp.sqlite');
  databaseUrl = `sqlite:${dbFile}`;
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function migratedDatabase(): Promise<DatabaseHandle> {
  const handle = openDatabase(databaseUrl);
  await migrateToLatest(handle.db);
  return handle;
}

async function addMember(handle: DatabaseHandle, name: string): Promise<void> {
  const slug = name.toLowerCase();
  await handle.db
    .insertInto('members')
    .values({ id: slug, slug, name, member_type: 'national', country_code: null, joined_year: null, status: 'active', created_at: new Date().toISOString() })
    .execute();
}

async function memberNames(url: string): Promise<string[]> {
  const handle = openDatabase(url);
  try {
    return (await handle.db.selectFrom('members').select('name').orderBy('name').execute()).map((m) => m.name);
  } finally {
    await handle.close();
  }
}

const isBackupError = (pattern: RegExp) => (error: unknown) => error instanceof BackupError && pattern.test(error.message);

describe('SQLite backup', () => {
  it('copies a database that is open and being written to into one self-contained file', async () => {
    const handle = await migratedDatabase();
    try {
      await addMember(handle, 'Chile');
      assert.ok(handle.sqlite);
      const result = await backupSqlite(handle.sqlite, path.join(dir, 'backup.sqlite'));
      // Written after the backup: must not be in it.
      await addMember(handle, 'Peru');
      assert.equal(result.bytes, fs.statSync(result.file).size);
      const copy = new SqliteDatabase(result.file, { readonly: true });
      try {
        assert.equal(copy.pragma('journal_mode', { simple: true }), 'delete');
        assert.deepEqual(copy.prepare('SELECT name FROM members').pluck().all(), ['Chile']);
      } finally {
        copy.close();
      }
      assert.deepEqual(fs.readdirSync(dir).sort(), ['backup.sqlite', 'ogp.sqlite', 'ogp.sqlite-shm', 'ogp.sqlite-wal'], 'no temp or -wal files beside the backup');
    } finally {
      await handle.close();
    }
  });

  it('refuses to replace an existing file unless forced', async () => {
    const handle = await migratedDatabase();
    await handle.close();
    const target = path.join(dir, 'backup.sqlite');
    fs.writeFileSync(target, 'precious');
    await assert.rejects(backupDatabase(databaseUrl, target), isBackupError(/already exists.*--force/));
    assert.equal(fs.readFileSync(target, 'utf8'), 'precious');
    await backupDatabase(databaseUrl, target, { force: true });
    assert.deepEqual(inspectSqliteBackup(target).migrations.length > 0, true);
  });

  it('refuses a missing database instead of backing up an empty new one', async () => {
    await assert.rejects(backupDatabase(databaseUrl, path.join(dir, 'backup.sqlite')), isBackupError(/no database at/));
    assert.equal(fs.existsSync(dbFile), false);
  });

  it('refuses a destination folder that does not exist', async () => {
    const handle = await migratedDatabase();
    await handle.close();
    await assert.rejects(backupDatabase(databaseUrl, path.join(dir, 'missing', 'backup.sqlite')), isBackupError(/folder .* does not exist/));
  });
});

describe('SQLite backup checks', () => {
  it('accepts a backup made by this platform and lists its migrations', async () => {
    const handle = await migratedDatabase();
    await handle.close();
    const backup = path.join(dir, 'backup.sqlite');
    await backupDatabase(databaseUrl, backup);
    assert.deepEqual(inspectSqliteBackup(backup).migrations, Object.keys(migrations));
  });

  it('refuses a file that is not a SQLite database', () => {
    const file = path.join(dir, 'notes.txt');
    fs.writeFileSync(file, 'not a database at all');
    assert.throws(() => inspectSqliteBackup(file), isBackupError(/is not a SQLite database/));
  });

  it('refuses a missing file', () => {
    assert.throws(() => inspectSqliteBackup(path.join(dir, 'nothing.sqlite')), isBackupError(/no backup file/));
  });

  it('refuses a SQLite database of some other application', () => {
    const file = path.join(dir, 'other.sqlite');
    const other = new SqliteDatabase(file);
    other.exec('CREATE TABLE notes (body TEXT)');
    other.close();
    assert.throws(() => inspectSqliteBackup(file), isBackupError(/no kysely_migration table/));
  });

  it('refuses a damaged database', async () => {
    const handle = await migratedDatabase();
    for (let i = 0; i < 300; i += 1) await addMember(handle, `Member ${i} ${'x'.repeat(200)}`);
    await handle.close();
    const backup = path.join(dir, 'backup.sqlite');
    await backupDatabase(databaseUrl, backup);
    // Overwrite a stretch of pages in the middle, as a failing disk would.
    const fd = fs.openSync(backup, 'r+');
    fs.writeSync(fd, Buffer.alloc(8192, 0xab), 0, 8192, 8192);
    fs.closeSync(fd);
    assert.throws(() => inspectSqliteBackup(backup), isBackupError(/damaged|cannot be read/));
  });

  it('refuses a backup from a newer release, whose schema this code does not know', async () => {
    const handle = await migratedDatabase();
    await handle.close();
    const backup = path.join(dir, 'backup.sqlite');
    await backupDatabase(databaseUrl, backup);
    const edit = new SqliteDatabase(backup);
    edit.prepare('INSERT INTO kysely_migration (name, timestamp) VALUES (?, ?)').run('29990101000000_future', new Date().toISOString());
    edit.close();
    assert.throws(() => inspectSqliteBackup(backup), isBackupError(/newer version.*29990101000000_future/));
  });
});

describe('SQLite restore', () => {
  it('brings back the backed-up state and leaves no stale -wal, -shm or temp files', async () => {
    const handle = await migratedDatabase();
    await addMember(handle, 'Chile');
    await handle.close();
    const backup = path.join(dir, 'backup.sqlite');
    await backupDatabase(databaseUrl, backup);
    const later = await migratedDatabase();
    await addMember(later, 'Peru');
    await later.close();

    const result = await restoreDatabase(databaseUrl, backup);
    assert.deepEqual(result.migrations, Object.keys(migrations));
    assert.deepEqual(fs.readdirSync(dir).sort(), ['backup.sqlite', 'ogp.sqlite']);
    assert.deepEqual(await memberNames(databaseUrl), ['Chile']);
    // The backup file itself is untouched and can be restored again.
    inspectSqliteBackup(backup);
  });

  it('refuses while another process (the server) has the database open, and changes nothing', async () => {
    const handle = await migratedDatabase();
    await addMember(handle, 'Chile');
    const backup = path.join(dir, 'backup.sqlite');
    assert.ok(handle.sqlite);
    await backupSqlite(handle.sqlite, backup);
    await addMember(handle, 'Peru');
    try {
      await assert.rejects(restoreSqlite(backup, dbFile), isBackupError(/in use by another process.*Stop the server/));
      assert.deepEqual(
        (await handle.db.selectFrom('members').select('name').orderBy('name').execute()).map((m) => m.name),
        ['Chile', 'Peru'],
      );
    } finally {
      await handle.close();
    }
  });

  it('restores into a fresh installation where no database exists yet', async () => {
    const handle = await migratedDatabase();
    await addMember(handle, 'Chile');
    await handle.close();
    const backup = path.join(dir, 'backup.sqlite');
    await backupDatabase(databaseUrl, backup);
    const freshUrl = `sqlite:${path.join(dir, 'new', 'ogp.sqlite')}`;
    await restoreDatabase(freshUrl, backup);
    assert.deepEqual(await memberNames(freshUrl), ['Chile']);
  });

  it('restores over a damaged database', async () => {
    const handle = await migratedDatabase();
    await addMember(handle, 'Chile');
    await handle.close();
    const backup = path.join(dir, 'backup.sqlite');
    await backupDatabase(databaseUrl, backup);
    fs.writeFileSync(dbFile, 'garbage where the database was');
    await restoreDatabase(databaseUrl, backup);
    assert.deepEqual(await memberNames(databaseUrl), ['Chile']);
  });

  it('refuses to restore the configured database onto itself', async () => {
    const handle = await migratedDatabase();
    await handle.close();
    await assert.rejects(restoreDatabase(databaseUrl, dbFile), isBackupError(/is the configured database itself/));
  });

  it('leaves the current database alone when the backup is refused', async () => {
    const handle = await migratedDatabase();
    await addMember(handle, 'Chile');
    await handle.close();
    const bogus = path.join(dir, 'bogus.sqlite');
    fs.writeFileSync(bogus, 'nope');
    await assert.rejects(restoreDatabase(databaseUrl, bogus), BackupError);
    assert.deepEqual(await memberNames(databaseUrl), ['Chile']);
  });
});

describe('PostgreSQL tools', () => {
  it('finds an executable in the given folders, in order', () => {
    const first = path.join(dir, 'a');
    const second = path.join(dir, 'b');
    fs.mkdirSync(first);
    fs.mkdirSync(second);
    fs.writeFileSync(path.join(first, 'pg_dump'), 'not executable', { mode: 0o644 });
    fs.writeFileSync(path.join(second, 'pg_dump'), '#!/bin/sh\n', { mode: 0o755 });
    assert.equal(findExecutable('pg_dump', [first, second]), path.join(second, 'pg_dump'));
    assert.equal(findExecutable('pg_restore', [first, second]), null);
  });

  it('searches PATH before the packaged PostgreSQL folders', () => {
    const dirs = defaultPgToolDirs(['/opt/pg/bin', '/usr/bin'].join(path.delimiter));
    assert.deepEqual(dirs.slice(0, 2), ['/opt/pg/bin', '/usr/bin']);
    assert.ok(dirs.slice(2).every((d) => /^\/usr\/lib\/postgresql\/[^/]+\/bin$/.test(d)));
  });

  it('explains how to install pg_dump and pg_restore when they are missing', async () => {
    const empty = path.join(dir, 'empty');
    fs.mkdirSync(empty);
    const url = 'postgres://ogp@127.0.0.1:1/ogp';
    await assert.rejects(backupPostgres(url, path.join(dir, 'dump'), { pgToolDirs: [empty] }), isBackupError(/pg_dump was not found.*postgresql-client/s));
    const dump = path.join(dir, 'ogp.dump');
    fs.writeFileSync(dump, 'PGDMP and then some');
    await assert.rejects(restorePostgres(url, dump, { pgToolDirs: [empty] }), isBackupError(/pg_restore was not found/));
  });

  it('refuses to restore a file that is not a pg_dump custom-format backup', async () => {
    const file = path.join(dir, 'plain.sql');
    fs.writeFileSync(file, 'DROP TABLE users;');
    await assert.rejects(restorePostgres('postgres://ogp@127.0.0.1:1/ogp', file), isBackupError(/not a pg_dump custom-format backup/));
  });

  it('keeps the password out of the arguments, where the process list would show it', () => {
    const { url, env } = pgConnection('postgres://ogp:s%40cret@db.example.org:5432/ogp?sslmode=require');
    assert.equal(url, 'postgres://ogp@db.example.org:5432/ogp?sslmode=require');
    assert.equal(env.PGPASSWORD, 's@cret');
  });

  it('reports pg_dump failures and leaves no partial file behind', { skip: findExecutable('pg_dump', defaultPgToolDirs()) === null && 'pg_dump is not installed' }, async () => {
    const target = path.join(dir, 'ogp.dump');
    // Port 1 refuses connections at once, so pg_dump fails quickly and for a known reason.
    await assert.rejects(backupPostgres('postgres://ogp@127.0.0.1:1/ogp', target), isBackupError(/pg_dump failed with exit code 1:\n.*127\.0\.0\.1/s));
    assert.deepEqual(fs.readdirSync(dir), []);
  });
});
