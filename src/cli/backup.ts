import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { openDatabase } from '../db/database.ts';
import { migrations } from '../db/migrations/index.ts';
import { sqlitePath } from '../platform/config.ts';
import { CliError } from './support.ts';

/** A refusal or failure the operator can act on; the CLI prints its message without a stack trace. */
export class BackupError extends CliError {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

export interface BackupOptions {
  /** Replace FILE when it already exists. */
  force?: boolean;
  /** Where to look for pg_dump and pg_restore; defaults to PATH, then /usr/lib/postgresql/<version>/bin. */
  pgToolDirs?: readonly string[];
}

export interface RestoreOptions {
  pgToolDirs?: readonly string[];
}

export interface BackupResult {
  file: string;
  bytes: number;
}

export interface RestoreResult {
  file: string;
  /** Migrations recorded in a SQLite backup; the server applies any newer ones when it starts. Empty for PostgreSQL. */
  migrations: string[];
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');
const PG_CUSTOM_DUMP_HEADER = Buffer.from('PGDMP', 'latin1');

/** Refuses a missing file, or one whose first bytes are not the expected format's signature. */
function requireBackupFile(file: string, signature: Buffer, wrongFormat: string): void {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new BackupError(`There is no backup file at ${file}.`);
  const header = Buffer.alloc(signature.length);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, header, 0, header.length, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (!header.equals(signature)) throw new BackupError(wrongFormat);
}

/** Backs up the configured database to FILE: SQLite through the online backup API, PostgreSQL through pg_dump. */
export async function backupDatabase(databaseUrl: string, file: string, options: BackupOptions = {}): Promise<BackupResult> {
  const destination = path.resolve(file);
  refuseToOverwrite(destination, options.force ?? false);
  const source = sqlitePath(databaseUrl);
  if (source === null) return backupPostgres(databaseUrl, destination, options);
  if (source === ':memory:') throw new BackupError('An in-memory database (sqlite::memory:) has nothing to back up.');
  // openDatabase would create an empty database; a backup of that would only hide the mistake.
  if (!fs.existsSync(source)) throw new BackupError(`There is no database at ${source}. Check DATABASE_URL.`);
  const handle = openDatabase(databaseUrl);
  try {
    if (!handle.sqlite) throw new BackupError('The SQLite handle is not available.');
    return await backupSqlite(handle.sqlite, destination, options);
  } finally {
    await handle.close();
  }
}

/** Replaces the configured database with the backup in FILE. The server must be stopped first. */
export async function restoreDatabase(databaseUrl: string, file: string, options: RestoreOptions = {}): Promise<RestoreResult> {
  const source = path.resolve(file);
  const target = sqlitePath(databaseUrl);
  if (target === null) return restorePostgres(databaseUrl, source, options);
  if (target === ':memory:') throw new BackupError('An in-memory database (sqlite::memory:) cannot be restored into.');
  return restoreSqlite(source, target);
}

function refuseToOverwrite(file: string, force: boolean): void {
  if (!force && fs.existsSync(file)) throw new BackupError(`${file} already exists. Choose another file name, or pass --force to replace it.`);
  if (!fs.existsSync(path.dirname(file))) throw new BackupError(`The folder ${path.dirname(file)} does not exist.`);
}

function tempPathBeside(file: string, purpose: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${purpose}-${randomBytes(6).toString('hex')}.tmp`);
}

function removeIfExists(file: string): void {
  fs.rmSync(file, { force: true });
}

// A rename is durable only once the directory entry itself reaches the disk.
function syncDirectory(dir: string): void {
  const fd = fs.openSync(dir, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Moves a finished temp file to its final name, so FILE is either absent or a complete copy,
 * never half written. Without force, a hard link fails atomically if someone created FILE meanwhile.
 */
function publish(temp: string, file: string, force: boolean): void {
  try {
    if (force) fs.renameSync(temp, file);
    else {
      fs.linkSync(temp, file);
      fs.rmSync(temp);
    }
  } catch (error) {
    removeIfExists(temp);
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new BackupError(`${file} already exists. Choose another file name, or pass --force to replace it.`);
    throw error;
  }
  syncDirectory(path.dirname(file));
}

/**
 * Copies a live SQLite database page by page. The backup API gives a consistent snapshot even
 * while the server keeps writing, unlike copying the file, which can catch a half-applied WAL.
 */
export async function backupSqlite(sqlite: SqliteDatabase.Database, file: string, options: { force?: boolean } = {}): Promise<BackupResult> {
  const destination = path.resolve(file);
  const force = options.force ?? false;
  refuseToOverwrite(destination, force);
  const temp = tempPathBeside(destination, 'backup');
  try {
    await sqlite.backup(temp);
    // The copy inherits WAL mode from the live database. A backup should be one self-contained
    // file that can be inspected read-only without leaving -wal/-shm files beside it.
    const copy = new SqliteDatabase(temp, { fileMustExist: true });
    try {
      copy.pragma('journal_mode = DELETE');
    } finally {
      copy.close();
    }
  } catch (error) {
    removeIfExists(temp);
    throw error;
  }
  publish(temp, destination, force);
  return { file: destination, bytes: fs.statSync(destination).size };
}

/**
 * Checks that FILE is an intact SQLite database made by this platform, and returns the
 * migrations it has. A backup from a newer release is refused: this code cannot run on its schema.
 */
export function inspectSqliteBackup(file: string): { migrations: string[] } {
  requireBackupFile(file, SQLITE_HEADER, `${file} is not a SQLite database.`);

  let applied: string[];
  const db = new SqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    const problems = (db.pragma('integrity_check') as Array<{ integrity_check: string }>).map((row) => row.integrity_check);
    if (problems.length !== 1 || problems[0] !== 'ok') {
      throw new BackupError(`${file} is damaged (PRAGMA integrity_check): ${problems.slice(0, 5).join('; ')}`);
    }
    const table = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'").get();
    if (table === undefined) throw new BackupError(`${file} is not an OGP Platform database: it has no kysely_migration table.`);
    applied = (db.prepare('SELECT name FROM kysely_migration ORDER BY name').all() as Array<{ name: string }>).map((row) => row.name);
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${file} cannot be read as a SQLite database: ${(error as Error).message}`);
  } finally {
    db.close();
  }
  const unknown = applied.filter((name) => !(name in migrations));
  if (unknown.length > 0) {
    throw new BackupError(`${file} was made by a newer version of OGP Platform (unknown migrations: ${unknown.join(', ')}). Upgrade before restoring it.`);
  }
  return { migrations: applied };
}

/**
 * Refuses while another process has the database open. An exclusive lock cannot be taken while
 * any other connection (such as a running server) holds the database, so this is a reliable test.
 */
function assertNotInUse(file: string): void {
  if (!fs.existsSync(file)) return;
  let db: SqliteDatabase.Database | null = null;
  try {
    db = new SqliteDatabase(file, { fileMustExist: true, timeout: 0 });
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
      throw new BackupError(`The database at ${file} is in use by another process. Stop the server before restoring.`);
    }
    // Anything else means the current file is damaged or not a database: exactly what a restore repairs.
  } finally {
    db?.close();
  }
}

/**
 * Replaces the SQLite database at target with the backup. The copy is built in a temp file beside
 * the target and renamed over it, so a failure leaves the old database untouched.
 */
export async function restoreSqlite(source: string, target: string): Promise<RestoreResult> {
  if (path.resolve(source) === path.resolve(target)) throw new BackupError(`${source} is the configured database itself, not a backup of it.`);
  const { migrations: applied } = inspectSqliteBackup(source);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  assertNotInUse(target);
  const temp = tempPathBeside(target, 'restore');
  try {
    const backup = new SqliteDatabase(source, { readonly: true, fileMustExist: true });
    try {
      await backup.backup(temp);
    } finally {
      backup.close();
    }
    // The old WAL belongs to the old database: replayed onto the restored one it would corrupt it.
    // It goes first, so a crash part-way leaves the old database without its WAL rather than the new one with it.
    removeIfExists(`${target}-wal`);
    removeIfExists(`${target}-shm`);
    fs.renameSync(temp, target);
  } catch (error) {
    removeIfExists(temp);
    throw error;
  }
  syncDirectory(path.dirname(target));
  return { file: source, migrations: applied };
}

/** The first executable named `tool` in the given folders, or null. */
export function findExecutable(tool: string, dirs: readonly string[]): string | null {
  for (const dir of dirs) {
    const candidate = path.join(dir, tool);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      // Not here; try the next folder.
    }
  }
  return null;
}

/** PATH first, then Debian/Ubuntu's versioned PostgreSQL folders, newest version first. */
export function defaultPgToolDirs(pathEnv: string | undefined = process.env.PATH): string[] {
  const fromPath = (pathEnv ?? '').split(path.delimiter).filter((dir) => dir !== '');
  const root = '/usr/lib/postgresql';
  let versions: string[] = [];
  try {
    versions = fs.readdirSync(root).sort((a, b) => b.localeCompare(a, 'en', { numeric: true }));
  } catch {
    // No packaged PostgreSQL on this machine.
  }
  return [...fromPath, ...versions.map((version) => path.join(root, version, 'bin'))];
}

function requirePgTool(tool: 'pg_dump' | 'pg_restore', dirs: readonly string[] | undefined): string {
  const found = findExecutable(tool, dirs ?? defaultPgToolDirs());
  if (found === null) {
    throw new BackupError(
      `${tool} was not found on PATH or in /usr/lib/postgresql/*/bin. Install the PostgreSQL client tools ` +
        `(Debian/Ubuntu: apt-get install postgresql-client), using a version at least as new as the server.`,
    );
  }
  return found;
}

/**
 * Takes the password out of the URL and hands it over in PGPASSWORD, so it never shows in the
 * process list where any local user could read it.
 */
export function pgConnection(databaseUrl: string): { url: string; env: NodeJS.ProcessEnv } {
  const url = new URL(databaseUrl);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (url.password !== '') {
    env.PGPASSWORD = decodeURIComponent(url.password);
    url.password = '';
  }
  return { url: url.toString(), env };
}

const STDERR_LIMIT = 64 * 1024;

function runTool(executable: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    // No shell: the URL and file name reach the tool as they are, never interpreted.
    const child = spawn(executable, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      if (stderr.length < STDERR_LIMIT) stderr += chunk;
    });
    child.on('error', (error) => reject(new BackupError(`Could not run ${executable}: ${error.message}`)));
    child.on('close', (code, signal) => {
      if (code === 0) resolve();
      else {
        const reason = signal ? `was stopped by ${signal}` : `failed with exit code ${code}`;
        reject(new BackupError(`${path.basename(executable)} ${reason}:\n${stderr.trim()}`));
      }
    });
  });
}

/** Dumps a PostgreSQL database in pg_dump's custom format, which pg_restore reads selectively and in parallel. */
export async function backupPostgres(databaseUrl: string, file: string, options: BackupOptions = {}): Promise<BackupResult> {
  const destination = path.resolve(file);
  const force = options.force ?? false;
  refuseToOverwrite(destination, force);
  const pgDump = requirePgTool('pg_dump', options.pgToolDirs);
  const { url, env } = pgConnection(databaseUrl);
  const temp = tempPathBeside(destination, 'backup');
  try {
    // --no-password: a missing password must fail at once, not wait for someone to type it.
    await runTool(pgDump, ['--format=custom', '--no-password', '--file', temp, url], env);
  } catch (error) {
    removeIfExists(temp);
    throw error;
  }
  publish(temp, destination, force);
  return { file: destination, bytes: fs.statSync(destination).size };
}

/**
 * Restores a pg_dump custom-format file over the configured database. One transaction: a failure
 * part-way rolls back and leaves the database as it was. Tables that the backup does not contain
 * are left alone, so restore into the same database it came from or into an empty one.
 */
export async function restorePostgres(databaseUrl: string, file: string, options: RestoreOptions = {}): Promise<RestoreResult> {
  const source = path.resolve(file);
  requireBackupFile(source, PG_CUSTOM_DUMP_HEADER, `${source} is not a pg_dump custom-format backup (made by \`ogp backup\` on PostgreSQL).`);
  const pgRestore = requirePgTool('pg_restore', options.pgToolDirs);
  const { url, env } = pgConnection(databaseUrl);
  await runTool(pgRestore, ['--clean', '--if-exists', '--no-owner', '--single-transaction', '--no-password', '--dbname', url, source], env);
  return { file: source, migrations: [] };
}
