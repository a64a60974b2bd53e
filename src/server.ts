import cluster from 'node:cluster';
import { buildApp, createContext } from './app.ts';
import { migrateToLatest } from './db/database.ts';
import type { AppContext } from './platform/context.ts';
import { loadConfig } from './platform/config.ts';
import { tuneGarbageCollectionForServing } from './platform/gc-tuning.ts';
import { warmFacetIndex } from './modules/explorer/explorer.index-store.ts';
import { type Jobs, startJobs } from './platform/jobs.ts';
import { DEMO_ACCOUNTS, ensureSeeded, SeedDataError } from './seed/seed.ts';

async function presentDemoAccounts(ctx: AppContext): Promise<typeof DEMO_ACCOUNTS> {
  const emails = DEMO_ACCOUNTS.map((a) => a.email);
  const present = new Set((await ctx.db.selectFrom('users').select('email').where('email', 'in', emails).execute()).map((r) => r.email));
  return DEMO_ACCOUNTS.filter((a) => present.has(a.email));
}

export class DemoAccountsInProductionError extends Error {
  constructor(emails: string[]) {
    super(`Refusing to start in production: demo accounts with a published password exist (${emails.join(', ')}). Delete them, or start from a database made in production.`);
    this.name = 'DemoAccountsInProductionError';
  }
}

/** Production never serves the demo accounts, whose password is in the README, even from a database made in development. */
export async function assertNoDemoAccountsInProduction(ctx: AppContext): Promise<void> {
  if (ctx.config.nodeEnv !== 'production') return;
  const present = await presentDemoAccounts(ctx);
  if (present.length > 0) throw new DemoAccountsInProductionError(present.map((a) => a.email));
}

/** Outside production, reminds whoever started the server how to sign in as each role. */
export async function printDemoAccounts(ctx: AppContext): Promise<void> {
  if (ctx.config.nodeEnv === 'production') return;
  const accounts = await presentDemoAccounts(ctx);
  if (accounts.length === 0) return;
  const width = Math.max(...accounts.map((a) => a.email.length));
  const lines = accounts.map((a) => `  ${a.email.padEnd(width)}  ${a.password}  ${a.role}${a.scope ? ` (${a.scope})` : ''}`);
  console.log(`\nDemo accounts (not created in production):\n${lines.join('\n')}\n`);
}

/** Work every process does before it listens, so the first visitors do not wait for it. */
export async function warmUp(ctx: AppContext): Promise<void> {
  const seconds = await warmFacetIndex(ctx.db);
  ctx.logger.info({ seconds: Number(seconds.toFixed(2)) }, 'explorer facet index ready');
}

/** Once per deployment start, before any process listens: migrate, seed an empty database, refuse demo accounts in production. */
export async function prepareDatabase(ctx: AppContext): Promise<void> {
  const applied = await migrateToLatest(ctx.db);
  if (applied.length > 0) ctx.logger.info({ applied }, 'migrations applied');
  try {
    const seeded = await ensureSeeded(ctx);
    if (seeded.seeded) ctx.logger.info({ members: seeded.members, organisations: seeded.organisations }, 'demo data seeded');
  } catch (error) {
    // A deployment without the shared data folder still serves; it just starts empty.
    if (!(error instanceof SeedDataError)) throw error;
    ctx.logger.warn({ err: error.message }, 'demo data not seeded');
  }
  await assertNoDemoAccountsInProduction(ctx);
}

/** The background jobs, in exactly one process of a deployment (logged, so that can be checked). */
export function startBackgroundJobs(ctx: AppContext): Jobs {
  const jobs = startJobs(ctx);
  ctx.logger.info({ pid: process.pid }, 'background jobs started');
  void ctx.mailer.deliverQueued().catch((err: unknown) => ctx.logger.warn({ err }, 'mail delivery failed'));
  return jobs;
}

export interface ServeOptions {
  /** Processes serving requests; above 1 they share the port through node:cluster (PostgreSQL only). */
  workers?: number;
}

/** Starts the web server: migrate, seed an empty database, listen, retry queued mail, stop cleanly on signals. */
export async function serve(options: ServeOptions = {}): Promise<void> {
  tuneGarbageCollectionForServing();
  const workers = options.workers ?? 1;
  if (workers > 1 || cluster.isWorker) {
    await (await import('./server-cluster.ts')).serveCluster(workers);
    return;
  }
  const config = loadConfig();
  const ctx = createContext(config);
  await prepareDatabase(ctx);
  const app = await buildApp(ctx);
  await warmUp(ctx);
  const jobs = startBackgroundJobs(ctx);
  const shutdown = async (signal: string) => {
    ctx.logger.info({ signal }, 'shutting down');
    jobs.stop();
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: process.env.HOST ?? '0.0.0.0' });
  await printDemoAccounts(ctx);
  console.log(`OGP Platform is running at ${config.baseUrl}`);
}
