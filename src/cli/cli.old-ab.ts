import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CommanderError } from 'commander';
import { cliEnv, type CliRun, ogp, ogpProcess } from '../../test/support/cli.ts';
import { createTestDatabase, scratchDir, type TestDatabase, testDialect } from '../../test/support/test-db.ts';
import { createMigrator, type Db, openDatabase } from '../db/database.ts';
import { migrations } from '../db/migrations/index.ts';
import { createAccount } from '../modules/accounts/accounts.users.ts';
import { verifyPassword } from '../platform/passwords.ts';
import { ROLES } from '../platform/roles.ts';
import { createSession } from '../platform/sessions.ts';
import { buildProgram } from './program.ts';

const ADMIN_PASSWORD = 'a-long-enough-admin-password';
const MIGRATIONS = Object.keys(migrations);
const LAST_MIGRATION = MIGRATIONS.at(-1) ?? '';

function assertOk(run: CliRun): void {
  assert.equal(run.code, 0, `exit ${run.code}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`);
}

/** `ogp args…` in-process on `databaseUrl`, with only the settings the CLI reads plus `extra`. */
const cli = (args: string[], databaseUrl: string, extra: Record<string, string> = {}): Promise<CliRun> => ogp(args, cliEnv(databaseUrl, extra));

async function withDb<T>(databaseUrl: string, read: (db: Db) => Promise<T>): Promise<T> {
  const handle = openDatabase(databaseUrl);
  try {
    return await read(handle.db);
  } finally {
    await handle.close();
  }
}

async function counts(databaseUrl: string): Promise<Record<string, number>> {
  return withDb(databaseUrl, async (db) => {
    const result: Record<string, number> = {};
    for (const table of ['members', 'organisations', 'users', 'role_grants', 'audit_events'] as const) {
      const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      result[table] = Number(row.n);
    }
    return result;
  });
}

async function rolesOf(databaseUrl: string, email: string): Promise<string[] | null> {
  return withDb(databaseUrl, async (db) => {
    const user = await db.selectFrom('users').select(['id', 'email_verified_at']).where('email', '=', email).executeTakeFirst();
    if (!user) return null;
    assert.notEqual(user.email_verified_at, null, `${email} is not verified`);
    return (await db.selectFrom('role_grants').select('role').where('user_id', '=', user.id).execute()).map((g) => g.role);
  });
}

async function addAccount(databaseUrl: string, email: string): Promise<void> {
  await withDb(databaseUrl, (db) => db.transaction().execute((trx) => createAccount(trx, null, { email, displayName: 'Later', password: 'another-password-1', verified: true })));
}

describe('ogp --help', () => {
  const commands = ['serve', 'migrate', 'seed', 'create-admin', 'backup', 'restore'];

  it('lists every command and the configuration it reads, from the real executable', async () => {
    const run = await ogpProcess(['--help'], cliEnv('sqlite:unused.sqlite'));
    assertOk(run);
    for (const command of commands) assert.match(run.stdout, new RegExp(`^\\s+${command}\\b`, 'm'));
    assert.match(run.stdout, /DATABASE_URL\s+sqlite:PATH or postgres:\/\//);
    assert.match(run.stdout, /TRUST_PROXY\s+how many reverse proxies stand in front of the platform \(default 0\)/);
  });

  for (const command of commands) {
    it(`explains \`${command}\` and exits 0`, async () => {
      let out = '';
      const program = buildProgram((p) => p.exitOverride().configureOutput({ writeOut: (text) => (out += text), writeErr: (text) => (out += text) }));
      await assert.rejects(program.parseAsync(['node', 'ogp', command, '--help']), (error: unknown) => error instanceof CommanderError && error.exitCode === 0);
      assert.match(out, new RegExp(`^Usage: ogp ${command}`));
      const description = out.split('\n\n')[1] ?? '';
      assert.ok(description.trim().length > 40, `the ${command} description is too thin: ${description}`);
    });
  }

  it('shows where a command is used wrongly', async () => {
    let err = '';
    const program = buildProgram((p) => p.exitOverride().configureOutput({ writeOut: () => {}, writeErr: (text) => (err += text) }));
    await assert.rejects(program.parseAsync(['node', 'ogp', 'create-admin']), (error: unknown) => error instanceof CommanderError && error.exitCode === 1);
    assert.match(err, /required option '--email <email>' not specified/);
  });
});

// On either database: the grant, the new password, the confirmation and the ended sessions share a transaction.
describe('ogp create-admin for an account someone signed up but never confirmed', () => {
  const email = 'squatted@example.org';
  const squatterPassword = 'the-squatters-password';
  let database: TestDatabase;
  let userId: string;

  before(async () => {
    database = await createTestDatabase({ migrated: true });
    userId = await withDb(database.url, (db) =>
      db.transaction().execute(async (trx) => {
        const user = await createAccount(trx, null, { email, displayName: 'Squatter', password: squatterPassword, verified: false });
        // An unconfirmed account cannot sign in; a session stands for any way in it might still have.
        await createSession(trx, user.id);
        return user.id;
      }),
    );
  });
  after(async () => database?.drop());

  const account = () =>
    withDb(database.url, async (db) => ({
      user: await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow(),
      roles: (await db.selectFrom('role_grants').select('role').where('user_id', '=', userId).execute()).map((g) => g.role),
      sessions: (await db.selectFrom('sessions').select('id').where('user_id', '=', userId).execute()).length,
      audit: (await db.selectFrom('audit_events').select('action').where('entity_id', '=', userId).orderBy('occurred_at').execute()).map((e) => e.action),
    }));

  it('refuses without --reset-password, changing nothing, and says how to take the account over', async () => {
    const run = await cli(['create-admin', '--email', email], database.url, { OGP_ADMIN_PASSWORD: ADMIN_PASSWORD });
    assert.equal(run.code, 1, run.stdout);
    assert.match(run.stderr, /^Error: squatted@example\.org has an account whose email address has not been confirmed/);
    assert.match(run.stderr, /Nothing was changed\.\nTo take the account over, run the command again with --reset-password/);
    const { user, roles, sessions, audit } = await account();
    assert.deepEqual(roles, []);
    assert.equal(user.email_verified_at, null);
    assert.ok(await verifyPassword(user.password_hash, squatterPassword));
    assert.equal(sessions, 1);
    assert.deepEqual(audit, ['account.created']);
  });

  it('with --reset-password sets the password, confirms the address, ends the sessions and grants the role', async () => {
    const run = await cli(['create-admin', '--email', email, '--reset-password'], database.url, { OGP_ADMIN_PASSWORD: ADMIN_PASSWORD });
    assertOk(run);
    assert.equal(
      run.stdout,
      `Granted support_unit to the existing account ${email}.\nSet a new password for ${email}, marked its email address confirmed and signed it out everywhere.\n`,
    );
    const { user, roles, sessions, audit } = await account();
    assert.deepEqual(roles, ['support_unit']);
    assert.notEqual(user.email_verified_at, null);
    assert.ok(await verifyPassword(user.password_hash, ADMIN_PASSWORD));
    assert.equal(await verifyPassword(user.password_hash, squatterPassword), false);
    assert.equal(sessions, 0);
    assert.deepEqual(audit.slice(1).sort(), ['account.password_set_by_operator', 'role.granted']);
  });
});

describe('ogp on SQLite', { skip: testDialect() !== 'sqlite' && 'runs with TEST_DB=sqlite' }, () => {
  let dir: string;
  let databaseUrl: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(scratchDir(), 'ogp-cli-'));
    databaseUrl = `sqlite:${path.join(dir, 'x.sqlite')}`;
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints every configuration problem at once and exits 1, without a stack trace', async () => {
    const run = await cli(['migrate'], databaseUrl, { PORT: 'abc', LOG_LEVEL: 'loud' });
    assert.equal(run.code, 1);
    assert.match(run.stderr, /^Invalid configuration:\n {2}- LOG_LEVEL must be one of .*\n {2}- PORT must be a whole number from 0 to 65535 \(got "abc"\)\n$/);
    assert.doesNotMatch(run.stderr, /\bat .*\.ts:\d+/);
    assert.equal(fs.existsSync(path.join(dir, 'x.sqlite')), false, 'nothing is touched when the configuration is wrong');
  });

  it('migrate applies the migrations and names them', async () => {
    const run = await cli(['migrate'], databaseUrl);
    assertOk(run);
    const listed = MIGRATIONS.map((name) => `  ${name}\n`).join('');
    assert.match(run.stdout, new RegExp(`Applied ${MIGRATIONS.length} migration\\(s\\) to sqlite:.*x\\.sqlite:\n${listed}$`));
  });

  it('seed fills the database once; running it again changes nothing', async () => {
    const first = await cli(['seed'], databaseUrl);
    assertOk(first);
    assert.match(first.stdout, /Seeded .*: \d+ members, \d+ organisations, 7 demo accounts\./);
    assert.match(first.stdout, /support@demo\.ogp\.local\s+demo-password-2026\s+support_unit/);
    const afterFirst = await counts(databaseUrl);
    assert.ok((afterFirst.members ?? 0) > 50);
    assert.equal(afterFirst.users, ROLES.length);

    const second = await cli(['seed'], databaseUrl);
    assertOk(second);
    assert.match(second.stdout, /already has members; nothing was seeded/);
    assert.deepEqual(await counts(databaseUrl), afterFirst);
  });

  it('create-admin makes a verified support_unit account with the password from OGP_ADMIN_PASSWORD', async () => {
    const run = await cli(['create-admin', '--email', 'Admin@Example.org', '--name', 'Ada Admin'], databaseUrl, { OGP_ADMIN_PASSWORD: ADMIN_PASSWORD });
    assertOk(run);
    assert.match(run.stdout, /Created the verified account admin@example\.org with the support_unit role/);
    assert.deepEqual(await rolesOf(databaseUrl, 'admin@example.org'), ['support_unit']);
  });

  it('create-admin refuses without a password when not run in a terminal', async () => {
    // The real executable, whose stdin is closed: the one test of what "not in a terminal" means to a process.
    const run = await ogpProcess(['create-admin', '--email', 'nobody@example.org'], cliEnv(databaseUrl));
    assert.equal(run.code, 1);
    assert.equal(run.stderr, 'Error: No password given. Set OGP_ADMIN_PASSWORD, or run the command in a terminal to be asked for one.\n');
    assert.equal(await rolesOf(databaseUrl, 'nobody@example.org'), null);
  });

  it('backup, a later change, then restore gives back the backed-up state', async () => {
    const backup = path.join(dir, 'backup.sqlite');
    const backedUp = await counts(databaseUrl);
    assertOk(await cli(['backup', backup], databaseUrl));

    await addAccount(databaseUrl, 'later@example.org');
    assert.equal((await counts(databaseUrl)).users, (backedUp.users ?? 0) + 1);

    const refused = await cli(['backup', backup], databaseUrl);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /already exists\. Choose another file name, or pass --force to replace it\./);

    const restored = await cli(['restore', backup], databaseUrl);
    assertOk(restored);
    assert.match(restored.stdout, /Restored sqlite:.*x\.sqlite from .*backup\.sqlite\./);
    assert.deepEqual(await counts(databaseUrl), backedUp);
    assert.equal(await rolesOf(databaseUrl, 'later@example.org'), null);
    assert.deepEqual(await rolesOf(databaseUrl, 'admin@example.org'), ['support_unit']);
  });

  it('migrate --down rolls back the last migration', async () => {
    const run = await cli(['migrate', '--down'], databaseUrl);
    assertOk(run);
    assert.match(run.stdout, new RegExp(`Rolled back 1 migration\\(s\\) on .*:\n {2}${LAST_MIGRATION}\n$`));
    const applied = await withDb(databaseUrl, async (db) => (await createMigrator(db).getMigrations()).filter((m) => m.executedAt).map((m) => m.name));
    assert.deepEqual(applied, MIGRATIONS.slice(0, -1));
  });
});

describe('ogp on PostgreSQL', { skip: testDialect() !== 'postgres' && 'runs with TEST_DB=postgres' }, () => {
  let database: TestDatabase;
  let dir: string;

  before(async () => {
    database = await createTestDatabase();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ogp-cli-pg-'));
  });
  after(async () => {
    await database.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('backup with pg_dump and restore with pg_restore round-trip the data', async () => {
    const url = database.url;
    assertOk(await cli(['create-admin', '--email', 'admin@example.org'], url, { OGP_ADMIN_PASSWORD: ADMIN_PASSWORD }));
    const backedUp = await counts(url);

    const backup = path.join(dir, 'ogp.dump');
    const made = await cli(['backup', backup], url);
    assertOk(made);
    assert.match(made.stdout, /Backed up postgres:\/\/.* to .*ogp\.dump/);
    assert.equal(fs.readFileSync(backup).subarray(0, 5).toString('latin1'), 'PGDMP');

    await addAccount(url, 'later@example.org');
    const restored = await cli(['restore', backup], url);
    assertOk(restored);
    assert.deepEqual(await counts(url), backedUp);
    assert.equal(await rolesOf(url, 'later@example.org'), null);
    assert.deepEqual(await rolesOf(url, 'admin@example.org'), ['support_unit']);
  });
});
