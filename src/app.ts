import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { openDatabase } from './db/database.ts';
import { registerModules } from './modules/index.ts';
import type { Config } from './platform/config.ts';
import type { AppContext } from './platform/context.ts';
import { installErrorHandler } from './platform/error-handler.ts';
import { createLogger } from './platform/logger.ts';
import { Mailer } from './platform/mail.ts';
import { registerViews } from './platform/views.ts';
import { registerWeb } from './platform/web.ts';

export type App = FastifyInstance;

export function createContext(config: Config): AppContext {
  const logger = createLogger(config);
  const database = openDatabase(config.databaseUrl, { onIdleError: (err) => logger.warn({ err }, 'idle database connection lost') });
  const mailer = new Mailer(database.db, config.smtpUrl, logger);
  return { config, db: database.db, dialect: database.dialect, database, mailer, logger };
}

/** Builds the whole web application around an existing context; the caller owns migrations. */
export async function buildApp(ctx: AppContext): Promise<App> {
  // Typed as the plain instance every module receives; routes opt into TypeBox inference themselves.
  const app: FastifyInstance = Fastify({
    loggerInstance: ctx.logger as FastifyBaseLogger,
    // Trust exactly the configured number of proxy hops, counted from our side.
    trustProxy: (_address: string, hop: number) => hop < ctx.config.trustProxy,
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true } },
  });
  app.decorate('ctx', ctx);
  app.addHook('onClose', async () => {
    ctx.mailer.close();
    await ctx.database.close();
  });

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'OGP Platform API', version: '1' },
      servers: [{ url: ctx.config.baseUrl }],
    },
    hideUntagged: true,
  });
  // Views first: @fastify/view resets reply.locals in its own onRequest hook, which must run before ours fills them.
  await registerViews(app, ctx.config.nodeEnv === 'production');
  await registerWeb(app);
  installErrorHandler(app);
  await registerModules(app);
  return app;
}
