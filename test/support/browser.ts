import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { after, before } from 'node:test';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { type App, buildApp, createContext } from '../../src/app.ts';
import { migrateToLatest } from '../../src/db/database.ts';
import { loadConfig } from '../../src/platform/config.ts';
import { startSmtpServer, type TestSmtpServer } from './smtp.ts';
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
  const database = await createTestDatabase({ migrated: true });
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
  // A test may go on as soon as an element it waits for is in the DOM; on a busy machine the stylesheet can still be
  // loading then, and an unstyled page fails layout rules such as target-size that the styled page passes.
  await page.waitForLoadState('load');
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

/** A page in a browser context of its own, so cookies never leak between the people a test plays. */
export interface BrowserPage {
  context: BrowserContext;
  page: Page;
  /** Console messages where the browser refused something under our Content-Security-Policy. */
  cspErrors: string[];
}

export interface NewPageOptions {
  /** Off to prove a journey works on plain HTML forms. On by default, as for most visitors. */
  javaScriptEnabled?: boolean;
}

export interface BrowserSessionOptions {
  /** Start a real SMTP server and point the app at it, for journeys that follow a link sent by email. */
  smtp?: boolean;
  /** Extra environment for the app. SMTP_URL from `smtp: true` is applied last, so it cannot be lost. */
  env?: Record<string, string>;
}

export interface BrowserSession {
  readonly served: ServedApp;
  /** Only with `smtp: true`; without it the app keeps every message in its outbox. */
  readonly smtp: TestSmtpServer;
  newPage(options?: NewPageOptions): Promise<BrowserPage>;
  /** Fails the test, listing each one, if axe finds any WCAG A or AA violation on the page as it stands. */
  expectAccessible(page: Page, where: string): Promise<void>;
}

/**
 * The app, a browser and (if asked for) an SMTP server for the enclosing describe: started in a
 * before hook, closed in an after hook. Call it before the describe's own hooks, so they can seed
 * data through `session.served`. Contexts still open at the end are closed too, so a page kept
 * across tests needs no after hook of its own (which would otherwise run after the browser closed).
 */
export function useBrowserSession(options: BrowserSessionOptions = {}): BrowserSession {
  let smtp: TestSmtpServer | undefined;
  let served: ServedApp | undefined;
  let browser: Browser | undefined;
  const openContexts = new Set<BrowserContext>();

  before(async () => {
    if (options.smtp) smtp = await startSmtpServer();
    served = await serveTestApp({ ...options.env, ...(smtp ? { SMTP_URL: smtp.url } : {}) });
    browser = await launchBrowser();
  });
  after(async () => {
    // Each step may be missing if the before hook failed part way; close whatever did start.
    await Promise.all([...openContexts].map((context) => context.close()));
    await browser?.close();
    await served?.close();
    await smtp?.close();
  });

  const started = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`${what} starts in a before hook: use it in hooks and tests, not while declaring them`);
    return value;
  };

  return {
    get served() {
      return started(served, 'The served app');
    },
    get smtp() {
      if (!options.smtp) throw new Error('This browser session has no SMTP server: ask for one with useBrowserSession({ smtp: true })');
      return started(smtp, 'The SMTP server');
    },
    async newPage({ javaScriptEnabled = true } = {}) {
      const context = await started(browser, 'The browser').newContext({ javaScriptEnabled, baseURL: started(served, 'The served app').baseUrl });
      openContexts.add(context);
      context.on('close', () => openContexts.delete(context));
      const page = await context.newPage();
      const cspErrors: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy|Refused to/i.test(message.text())) cspErrors.push(message.text());
      });
      return { context, page, cspErrors };
    },
    async expectAccessible(page, where) {
      const violations = await axeViolations(page);
      assert.equal(violations.length, 0, `axe violations on ${where}:\n${describeViolations(violations)}`);
    },
  };
}

/** Signs in through the real form and waits for the account page, where a successful sign-in lands. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/account');
}
