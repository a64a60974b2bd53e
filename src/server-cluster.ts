import cluster, { type Worker } from 'node:cluster';
import { buildApp, createContext } from './app.ts';
import { ConfigError, loadConfig, sqlitePath } from './platform/config.ts';
import { prepareDatabase, printDemoAccounts, startBackgroundJobs, warmUp } from './server.ts';

export const MAX_WORKERS = 64;
// A worker that keeps dying is restarted at most this often, so a broken deployment does not spin.
const RESTART_DELAY_MS = 1_000;
const STOP_TIMEOUT_MS = 10_000;

/** Parses --workers: a whole number from 1 to MAX_WORKERS. */
export function parseWorkers(text: string): number {
  const workers = Number(text);
  if (!/^\d+$/.test(text.trim()) || workers < 1 || workers > MAX_WORKERS) {
    throw new ConfigError([`--workers must be a whole number from 1 to ${MAX_WORKERS} (got "${text}")`]);
  }
  return workers;
}

/**
 * Refuses several processes on SQLite. Its WAL mode lets them read together, but two processes that both
 * read and then write in one transaction can fail with SQLITE_BUSY instead of waiting; PostgreSQL is the
 * database for a multi-process deployment.
 */
export function assertWorkersSupported(databaseUrl: string, workers: number): void {
  if (workers > 1 && sqlitePath(databaseUrl) !== null) {
    throw new ConfigError([`--workers ${workers} needs PostgreSQL: SQLite is served by one process (run with --workers 1, or set DATABASE_URL to postgres://…)`]);
  }
}

/**
 * The primary process: prepares the database once, runs the background jobs (only here, so mail retries and
 * housekeeping never run twice), forks the workers and replaces any that dies. Sessions, CSRF secrets, rate
 * limits and mail claims all live in the database or in cookies, so any worker can answer any request.
 */
async function runPrimary(workers: number): Promise<void> {
  const config = loadConfig();
  assertWorkersSupported(config.databaseUrl, workers);
  const ctx = createContext(config);
  await prepareDatabase(ctx);
  const jobs = startBackgroundJobs(ctx);
  let stopping = false;
  let listening = 0;

  const fork = (): Worker => cluster.fork();
  cluster.on('listening', (worker) => {
    ctx.logger.info({ pid: worker.process.pid }, 'worker listening');
    listening += 1;
    if (listening === workers) {
      void printDemoAccounts(ctx).then(() => console.log(`OGP Platform is running at ${config.baseUrl} with ${workers} worker processes`));
    }
  });
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    ctx.logger.warn({ pid: worker.process.pid, code, signal }, 'worker stopped; starting a new one');
    setTimeout(() => !stopping && fork(), RESTART_DELAY_MS).unref();
  });

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    ctx.logger.info({ signal }, 'shutting down');
    jobs.stop();
    const running = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined && !w.isDead());
    const exited = running.map((w) => new Promise<void>((resolve) => w.once('exit', () => resolve())));
    for (const worker of running) worker.process.kill('SIGTERM');
    const timeout = setTimeout(() => running.forEach((w) => !w.isDead() && w.process.kill('SIGKILL')), STOP_TIMEOUT_MS);
    await Promise.all(exited);
    clearTimeout(timeout);
    ctx.mailer.close();
    await ctx.database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  for (let i = 0; i < workers; i += 1) fork();
}

/** A worker process: the web application only; no migrations, seeding or jobs, which the primary owns. */
async function runWorker(): Promise<void> {
  const config = loadConfig();
  const ctx = createContext(config);
  const app = await buildApp(ctx);
  const shutdown = async () => {
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  await warmUp(ctx);
  // Workers share the primary's listening socket: node:cluster hands connections out in turn.
  await app.listen({ port: config.port, host: process.env.HOST ?? '0.0.0.0' });
}

export async function serveCluster(workers: number): Promise<void> {
  if (cluster.isWorker) await runWorker();
  else await runPrimary(workers);
}
