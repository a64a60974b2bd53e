import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const OGP_BIN = path.join(ROOT, 'bin', 'ogp.js');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface CommandRun {
  code: number | null;
  stdout: string;
  stderr: string;
  seconds: number;
  /** Peak resident memory of the command, in bytes, when /usr/bin/time could report it. */
  maxRssBytes: number | null;
}

const TIME_BIN = '/usr/bin/time';

/**
 * Runs `ogp …` as an operator would, in a child process with only the given settings. Under GNU time when it
 * is installed, so its peak memory is measured by the kernel rather than guessed.
 */
export function runOgp(args: string[], env: Record<string, string>, options: { stdoutFile?: string } = {}): Promise<CommandRun> {
  const timed = fs.existsSync(TIME_BIN);
  const reportFile = timed ? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'ogp-bench-time-')), 'rss') : null;
  const command = timed ? TIME_BIN : process.execPath;
  const argv = timed ? ['-f', '%M', '-o', reportFile!, process.execPath, OGP_BIN, ...args] : [OGP_BIN, ...args];
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const out = options.stdoutFile ? fs.openSync(options.stdoutFile, 'w') : 'pipe';
    const child = spawn(command, argv, {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', SESSION_SECRET: randomBytes(24).toString('hex'), LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', out, 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (typeof out === 'number') fs.closeSync(out);
      let maxRssBytes: number | null = null;
      if (reportFile) {
        // GNU time reports kilobytes on the last line (after any "Command exited" note).
        const kb = Number(fs.readFileSync(reportFile, 'utf8').trim().split('\n').at(-1));
        maxRssBytes = Number.isFinite(kb) ? kb * 1024 : null;
        fs.rmSync(path.dirname(reportFile), { recursive: true, force: true });
      }
      resolve({ code, stdout, stderr, seconds: (performance.now() - started) / 1000, maxRssBytes });
    });
  });
}

export interface RunningApp {
  baseUrl: string;
  stop(): Promise<void>;
  output(): string;
}

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  // A ×100 database takes a minute or more to start: the explorer's facet index is built before the server listens.
  const deadline = Date.now() + 600_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited (${child.exitCode}) before it was ready:\n${output()}`);
    try {
      if ((await fetch(`${baseUrl}/healthz`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the server did not answer /healthz within ten minutes:\n${output()}`);
}

/**
 * The real platform, started with `ogp serve` as in production (templates cached, demo accounts refused),
 * logging warnings only so that log writing is not what gets measured.
 */
export async function startApp(databaseUrl: string, workers = 1): Promise<RunningApp> {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [OGP_BIN, 'serve', '--workers', String(workers)], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'production',
      SESSION_SECRET: randomBytes(24).toString('hex'),
      LOG_LEVEL: 'warn',
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      BASE_URL: baseUrl,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (log += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitForHealth(baseUrl, child, () => log);
  return {
    baseUrl,
    output: () => log,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
