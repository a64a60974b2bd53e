import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './processes.ts';

export interface CapturedResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

// Headers about this one connection or moment; the ceiling server sets its own.
const PER_RESPONSE = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

/** One response as the platform sends it: status, headers (minus per-connection ones) and body bytes. */
export async function capture(url: string, init: RequestInit = {}): Promise<CapturedResponse> {
  const response = await fetch(url, { redirect: 'manual', ...init });
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (!PER_RESPONSE.has(name)) headers[name] = value;
  });
  return { status: response.status, headers, body: Buffer.from(await response.arrayBuffer()) };
}

export interface CeilingServer {
  baseUrl: string;
  stop(): Promise<void>;
}

/** A response captured for one address, as the ceiling answers that address. */
export interface CapturedPage extends CapturedResponse {
  path: string;
}

/** Each address's response from the platform, one request at a time. */
export async function captureEach(baseUrl: string, paths: readonly string[]): Promise<CapturedPage[]> {
  const pages: CapturedPage[] = [];
  for (const path of paths) pages.push({ path, ...(await capture(`${baseUrl}${path}`)) });
  return pages;
}

/** Starts ceiling-server.ts in a process of its own (as the platform has), answering each address with its captured response. */
export async function startCeiling(pages: readonly CapturedPage[]): Promise<CeilingServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ogp-bench-ceiling-'));
  const file = path.join(dir, 'responses.json');
  fs.writeFileSync(file, JSON.stringify(pages.map((page) => ({ path: page.path, status: page.status, headers: page.headers, bodyBase64: page.body.toString('base64') }))));
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'ceiling-server.ts'), file], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.setEncoding('utf8').once('data', (line: string) => resolve(Number(line.trim())));
    child.once('exit', (code) => reject(new Error(`the ceiling server exited (${code})`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
