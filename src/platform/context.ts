import type { Logger } from 'pino';
import type { DatabaseHandle, Db, DialectName } from '../db/database.ts';
import type { Config } from './config.ts';
import type { Language, Translate } from './i18n.ts';
import type { Mailer } from './mail.ts';
import type { Actor } from './roles.ts';

/** What services need from the running platform, passed explicitly rather than imported. */
export interface AppContext {
  config: Config;
  db: Db;
  dialect: DialectName;
  database: DatabaseHandle;
  mailer: Mailer;
  logger: Logger;
}

/** Re-renders a form's page with the user's input and an error summary when the submission fails. */
export interface FormRoute {
  view: string;
  /** Extra values the page needs besides the submitted ones (option lists, the record being edited). */
  context?: (request: import('fastify').FastifyRequest) => Promise<Record<string, unknown>> | Record<string, unknown>;
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
  }
  interface FastifyRequest {
    actor: Actor | null;
    sessionId: string | null;
    lang: Language;
    t: Translate;
    /** For a multipart upload, each file field's name → the file name the browser sent ('' when none). */
    uploadedFileNames: Record<string, string>;
  }
  interface FastifyReply {
    /** Values @fastify/view merges into every page this reply renders. */
    locals: Record<string, unknown> | undefined;
  }
  interface FastifyContextConfig {
    form?: FormRoute;
  }
}
