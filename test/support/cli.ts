// Running `ogp` from tests. In-process by default: the same program, streams and environment of its
// own, without paying a child process's tsx start-up per command. `ogpProcess` runs the real executable,
// for the few smoke tests that check what only a process shows (exit status, a closed stdin, real pipes).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { Writable } from 'node:stream';
import { runCli } from '../../src/cli/program.ts';

const projectRoot = path.resolve(import.meta.dirname, '..', '..');
const BIN = path.join(projectRoot, 'bin', 'ogp.js');

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Only what the CLI reads, so settings of the shell running the tests cannot leak in. */
export function cliEnv(databaseUrl: string, extra: Record<string, string> = {}): Record<string, string | undefined> {
  return { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'test', DATABASE_URL: databaseUrl, ...extra };
}

class Capture extends Writable {
  text = '';
  private readonly decoder = new StringDecoder('utf8');

  constructor() {
    super({ decodeStrings: false });
  }

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: () => void): void {
    this.text += typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    callback();
  }
}

/** `ogp args…` in this process, as a script would run it: not at a terminal, output captured. */
export async function ogp(args: string[], env: Record<string, string | undefined>): Promise<CliRun> {
  const stdout = new Capture();
  const stderr = new Capture();
  const code = await runCli(args, { stdout, stderr, env, interactive: false });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** The real `ogp` executable, stdin closed and stdout a pipe. */
export function ogpProcess(args: string[], env: Record<string, string | undefined>): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export const lastLine = (text: string): string => text.trimEnd().split('\n').at(-1) ?? '';
