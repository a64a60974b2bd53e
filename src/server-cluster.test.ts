import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { createMember } from '../test/support/factories.ts';
import { createTestDatabase, type TestDatabase, testDialect } from '../test/support/test-db.ts';
import { openDatabase } from './db/database.ts';
import { ConfigError } from './platform/config.ts';
import { assertWorkersSupported, MAX_WORKERS, parseWorkers } from './server-cluster.ts';

const BIN = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'bin', 'ogp.js');

describe('ogp serve --workers: the option', () => {
  it('takes a whole number from 1 to the maximum', () => {
    assert.equal(parseWorkers('1'), 1);
    assert.equal(parseWorkers('2'), 2);
    assert.equal(parseWorkers(String(MAX_WORKERS)), MAX_WORKERS);
  });

  it('refuses anything else, saying what it takes', () => {
    for (const text of ['0', String(MAX_WORKERS + 1), '-2', '1.5', 'two', '']) {
      assert.throws(
        () => parseWorkers(text),
        (error: unknown) => error instanceof ConfigError && /--workers must be a whole number from 1 to 64/.test(error.message),
        text,
      );
    }
  });

  it('refuses several workers on SQLite and allows them on PostgreSQL', () => {
    assert.throws(() => assertWorkersSupported('sqlite:data/x.sqlite', 2), /--workers 2 needs PostgreSQL/);
    assertWorkersSupported('sqlite:data/x.sqlite', 1);
    assertWorkersSupported('postgres://u@localhost/db', 4);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

interface LogLine {
  msg?: string;
  pid?: number;
}

/** The server as an operator starts it, with its JSON log lines and printed lines collected as they come. */
class ServerProcess {
  readonly logs: LogLine[] = [];
  readonly printed: string[] = [];
  stderr = '';
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcess;
  private waiters: Array<() => void> = [];

  constructor(args: string[], env: Record<string, string>) {
    this.child = spawn(process.execPath, [BIN, 'serve', ...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', LOG_LEVEL: 'info', HOST: '127.0.0.1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let buffered = '';
    this.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('{')) this.logs.push(JSON.parse(line) as LogLine);
        else this.printed.push(line);
      }
      this.waiters.forEach((wake) => wake());
    });
    this.child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (this.stderr += chunk));
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  get pid(): number {
    return this.child.pid!;
  }

  count(msg: string): number {
    return this.logs.filter((l) => l.msg === msg).length;
  }

  async until(condition: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\nprinted: ${this.printed.join('\n')}\nstderr: ${this.stderr}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 200);
      });
      this.waiters = [];
    }
  }

  stop(signal: NodeJS.Signals = 'SIGTERM'): void {
    this.child.kill(signal);
  }
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('ogp serve --workers 2 on PostgreSQL', { skip: testDialect() !== 'postgres' && 'runs with TEST_DB=postgres' }, () => {
  let database: TestDatabase;
  let server: ServerProcess;
  let port: number;

  before(async () => {
    database = await createTestDatabase({ migrated: true });
    // A database that already has a member is not seeded: the real sheet's import is not what is tested here.
    const handle = openDatabase(database.url);
    await createMember(handle.db, { name: 'Already here' });
    await handle.close();
    port = await freePort();
    server = new ServerProcess(['--workers', '2'], { DATABASE_URL: database.url, PORT: String(port) });
    await server.until(() => server.printed.some((l) => l.includes('with 2 worker processes')), 'the workers to listen', 60_000);
    // The primary's log lines are written asynchronously, its "running" line at once: on a loaded machine they can arrive after it.
    await server.until(() => server.count('worker listening') === 2, 'both workers to say they listen', 10_000);
  });
  after(async () => {
    server?.stop('SIGKILL');
    await database?.drop();
  });

  it('starts the background jobs once, in the primary, and two workers that both serve', async () => {
    const jobs = server.logs.filter((l) => l.msg === 'background jobs started');
    assert.equal(jobs.length, 1);
    assert.equal(jobs[0]!.pid, server.pid);
    const workers = server.logs.filter((l) => l.msg === 'worker listening').map((l) => l.pid);
    assert.equal(new Set(workers).size, 2);
    assert.ok(!workers.includes(server.pid));
    for (let i = 0; i < 10; i += 1) assert.equal((await fetch(`http://127.0.0.1:${port}/healthz`)).status, 200);
  });

  it('replaces a worker that dies, without starting the jobs again', async () => {
    const [first] = server.logs.filter((l) => l.msg === 'worker listening').map((l) => l.pid!);
    process.kill(first!, 'SIGKILL');
    await server.until(() => server.count('worker listening') === 3, 'a replacement worker');
    assert.equal(server.count('background jobs started'), 1);
    assert.equal((await fetch(`http://127.0.0.1:${port}/healthz`)).status, 200);
  });

  it('stops every process on SIGTERM and exits 0', async () => {
    const workers = server.logs.filter((l) => l.msg === 'worker listening').map((l) => l.pid!);
    server.stop('SIGTERM');
    assert.equal(await server.exited, 0);
    for (const pid of workers) assert.equal(alive(pid), false, `worker ${pid} still running`);
  });
});

describe('ogp serve --workers 2 on SQLite', { skip: testDialect() !== 'sqlite' && 'runs with TEST_DB=sqlite' }, () => {
  let database: TestDatabase;
  before(async () => {
    database = await createTestDatabase();
  });
  after(() => database?.drop());

  it('refuses to start, naming PostgreSQL, and exits 1', async () => {
    const server = new ServerProcess(['--workers', '2'], { DATABASE_URL: database.url, PORT: String(await freePort()) });
    assert.equal(await server.exited, 1);
    assert.match(server.stderr, /--workers 2 needs PostgreSQL/);
    assert.equal(server.count('background jobs started'), 0);
  });
});
