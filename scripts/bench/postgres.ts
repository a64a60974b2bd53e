import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { ROOT } from './processes.ts';

export interface PostgresServer {
  /** A URL whose database may create and drop others. */
  adminUrl: string;
  /** Where it came from, for the report. */
  description: string;
  stop(): Promise<void>;
}

const isRoot = (): boolean => process.getuid?.() === 0;
const asOwner = (command: string, args: string[]): string[] => (isRoot() ? ['runuser', '-u', 'postgres', '--', command, ...args] : [command, ...args]);

function run(argv: string[]): string {
  return execFileSync(argv[0]!, argv.slice(1), { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * DATABASE_URL_BENCH when set; otherwise a throwaway cluster made by scripts/pg-cluster.sh (which installs
 * PostgreSQL if it can) and then restarted with PostgreSQL's default durability: the test cluster turns fsync
 * and synchronous commits off, which would flatter every write next to SQLite's synchronous=FULL.
 */
export async function startPostgres(): Promise<PostgresServer> {
  const given = process.env.DATABASE_URL_BENCH;
  if (given) return { adminUrl: given, description: 'DATABASE_URL_BENCH', stop: async () => {} };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ogp-bench-pg-'));
  const url = run(['bash', path.join(ROOT, 'scripts', 'pg-cluster.sh'), 'start', dir]).trim();
  const port = new URL(url).port;
  const bin = fs
    .readdirSync('/usr/lib/postgresql')
    .sort((a, b) => Number(a) - Number(b))
    .map((v) => path.join('/usr/lib/postgresql', v, 'bin'))
    .at(-1)!;
  const data = path.join(dir, 'data');
  run(asOwner(path.join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', 'stop']));
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c max_connections=300`;
  run(asOwner(path.join(bin, 'pg_ctl'), ['-D', data, '-l', path.join(dir, 'server.log'), '-w', '-t', '60', '-o', options, 'start']));
  const version = run(asOwner(path.join(bin, 'postgres'), ['--version'])).trim();
  return {
    adminUrl: url,
    description: `${version}, throwaway cluster with default durability (fsync and synchronous_commit on)`,
    stop: async () => {
      run(['bash', path.join(ROOT, 'scripts', 'pg-cluster.sh'), 'stop', dir]);
    },
  };
}

/** A new, empty database on the server, and how to drop it again. */
export async function createDatabase(adminUrl: string, name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
