import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { type Browser, chromium, type Page } from 'playwright-core';
import { type App, buildApp, createContext } from '../../src/app.ts';
import { migrateToLatest } from '../../src/db/database.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { createTestDatabase } from './test-db.ts';

const require = createRequire(import.meta.url);
const axeSource: string = (require('axe-core') as { source: string }).source;

/** Debian's Chromium, headless, as root-safe and network-quiet as the machine needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export interface ServedApp {
  app: App;
  baseUrl: string;
  close(): Promise<void>;
}

/** The real app listening on a free loopback port, on a fresh database. */
export async function serveTestApp(env: Record<string, string> = {}): Promise<ServedApp> {
  const database = await createTestDatabase();
  // BASE_URL must be known before listening, so the port is reserved first.
  const probe = await import('node:net').then((net) => net.createServer());
  const port = await new Promise<number>((resolve) => probe.listen(0, '127.0.0.1', () => resolve((probe.address() as AddressInfo).port)));
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const ctx = createContext(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: database.url, BASE_URL: baseUrl, PORT: String(port), ...env }));
  await migrateToLatest(ctx.db);
  const app = await buildApp(ctx);
  await app.listen({ port, host: '127.0.0.1' });
  return {
    app,
    baseUrl,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Runs axe-core (WCAG 2.0–2.2 A and AA rules) on the page and returns its violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, which our Content-Security-Policy rightly does not allow a <script> tag to do.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
}

export function describeViolations(violations: AxeViolation[]): string {
  return violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`).join('\n');
}
