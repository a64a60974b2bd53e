import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { migrateToLatest, openDatabase } from '../../src/db/database.ts';

export type TestDialect = 'sqlite' | 'postgres';

/**
 * A migrated database that new test databases are copied from: a SQLite file, or a PostgreSQL database
 * name. scripts/run-tests.ts makes one per pass, so the migrations run once a pass rather than once per
 * test app; without it (one test file run by hand) each database is migrated when it is made.
 */
export const TEMPLATE_ENV = 'OGP_TEST_TEMPLATE';

/** Which database this test run targets: TEST_DB=postgres uses the cluster in DATABASE_URL_TEST. */
export function testDialect(): TestDialect {
  return process.env.TEST_DB === 'postgres' ? 'postgres' : 'sqlite';
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/** The folder scripts/run-tests.ts gives the run's test databases, and removes when the run ends. */
export const SCRATCH_ENV = 'OGP_TEST_SCRATCH';

const MIN_SCRATCH_BYTES = 1024 ** 3;

/**
 * Where test SQLite files live: a RAM-backed folder when the machine has one with room, else the temp
 * folder. The app syncs every SQLite commit to disk (synchronous = FULL), which on a real disk costs
 * more than most tests themselves; on tmpfs the same settings cost nothing.
 */
export function scratchDir(): string {
  const given = process.env[SCRATCH_ENV];
  if (given) return given;
  const ram = '/dev/shm';
  try {
    fs.accessSync(ram, fs.constants.W_OK);
    const stats = fs.statfsSync(ram);
    if (stats.bavail * stats.bsize >= MIN_SCRATCH_BYTES) return ram;
  } catch {
    // No /dev/shm here (macOS, some containers): the temp folder it is.
  }
  return os.tmpdir();
}

function adminUrl(): string {
  const url = process.env.DATABASE_URL_TEST;
  if (!url) throw new Error('TEST_DB=postgres needs DATABASE_URL_TEST (scripts/test.sh starts a throwaway cluster and sets it)');
  return url;
}

function databaseUrl(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

async function asAdmin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

async function migrate(url: string): Promise<void> {
  const handle = openDatabase(url);
  try {
    await migrateToLatest(handle.db);
    // The copies are made from the main file alone, so nothing may stay behind in the WAL.
    handle.sqlite?.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    await handle.close();
  }
}

/**
 * A fresh database of its own for each test: a SQLite file or a new PostgreSQL database. Empty unless
 * `migrated`, which gives the schema of every migration (a copy of the pass's template when there is one).
 */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const name = `ogp_test_${randomBytes(6).toString('hex')}`;
  const template = options.migrated ? process.env[TEMPLATE_ENV] : undefined;
  let database: TestDatabase;
  if (testDialect() === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(scratchDir(), 'ogp-test-'));
    const file = path.join(dir, `${name}.sqlite`);
    if (template) fs.copyFileSync(template, file);
    database = { url: `sqlite:${file}`, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  } else {
    await asAdmin(template ? `CREATE DATABASE ${name} TEMPLATE "${template}"` : `CREATE DATABASE ${name}`);
    database = { url: databaseUrl(name), drop: () => asAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
  }
  if (options.migrated && !template) await migrate(database.url);
  return database;
}

export interface TestTemplate {
  /** The value of OGP_TEST_TEMPLATE for the pass's test processes. */
  value: string;
  drop(): Promise<void>;
}

/** The pass's migrated template on `dialect`; no connection stays open to it, so it can be copied at once. */
export async function createTestTemplate(dialect: TestDialect): Promise<TestTemplate> {
  const name = `ogp_template_${randomBytes(6).toString('hex')}`;
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(scratchDir(), 'ogp-template-'));
    const file = path.join(dir, `${name}.sqlite`);
    await migrate(`sqlite:${file}`);
    return { value: file, drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  await asAdmin(`CREATE DATABASE ${name}`);
  await migrate(databaseUrl(name));
  // A stray connection to a template makes every CREATE DATABASE … TEMPLATE fail, so none are allowed.
  await asAdmin(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS false`);
  return { value: name, drop: () => asAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
