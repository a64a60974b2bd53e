import { buildApp, createContext } from './app.ts';
import { migrateToLatest } from './db/database.ts';
import { loadConfig } from './platform/config.ts';

const MAIL_RETRY_MS = 60_000;

/** Starts the web server: migrate, listen, retry queued mail, and shut down cleanly on signals. */
export async function serve(): Promise<void> {
  const config = loadConfig();
  const ctx = createContext(config);
  const applied = await migrateToLatest(ctx.db);
  if (applied.length > 0) ctx.logger.info({ applied }, 'migrations applied');
  const app = await buildApp(ctx);
  const retry = setInterval(() => void ctx.mailer.deliverQueued().catch((err: unknown) => ctx.logger.warn({ err }, 'mail retry failed')), MAIL_RETRY_MS);
  retry.unref();
  const shutdown = async (signal: string) => {
    ctx.logger.info({ signal }, 'shutting down');
    clearInterval(retry);
    await app.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  await app.listen({ port: config.port, host: process.env.HOST ?? '0.0.0.0' });
  void ctx.mailer.deliverQueued();
}
