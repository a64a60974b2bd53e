import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyFormbody from '@fastify/formbody';
import fastifyMultipart, { type MultipartFile } from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import qs from 'node:querystring';
import { tuneForServing } from '../db/database.ts';
import { LazyCsrfToken } from './csrf-token.ts';
import { AppError } from './errors.ts';
import { isApiRequest } from './error-handler.ts';
import { DEFAULT_LANGUAGE, initI18n, negotiateLanguage, rememberingTranslators } from './i18n.ts';
import { databaseRateLimitStore } from './rate-limit-store.ts';
import { resolveSession, SESSION_COOKIE } from './sessions.ts';
import { helmetHeaders } from './security-headers.ts';
import { setPageLocals } from './views.ts';

const rootDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const LANGUAGE_COOKIE = 'ogp_lang';
const YEAR_SECONDS = 365 * 24 * 60 * 60;
/** The largest file an upload form accepts. */
export const UPLOAD_LIMIT_BYTES = 50 * 1024 * 1024;
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Security headers, cookies, CSRF, rate limits, sessions, language and static assets. */
export async function registerWeb(app: FastifyInstance): Promise<void> {
  const { config, db } = app.ctx;
  const production = config.nodeEnv === 'production';
  tuneForServing(app.ctx.database);
  const i18n = await initI18n();
  const translators = rememberingTranslators(i18n);

  const securityHeaders = await helmetHeaders({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        ...(production ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    hsts: production ? { maxAge: YEAR_SECONDS, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'same-origin' },
  });
  // Before the other hooks here, so a response that one of them refuses or fails carries them too.
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(securityHeaders);
    done();
  });
  await app.register(fastifyCookie, { secret: config.sessionSecret });
  // Nested keys stay flat (a[b] is one key) and repeated keys become arrays, like the browser sends them.
  await app.register(fastifyFormbody, { parser: (body) => qs.parse(body), bodyLimit: 1024 * 1024 });
  // File uploads (StratML plans, commitment sheets) arrive as multipart forms. Fields and the file land on
  // request.body (the file as a Buffer) so the CSRF check and TypeBox validation see them like any other form.
  await app.register(fastifyMultipart, {
    attachFieldsToBody: 'keyValues',
    limits: { fileSize: UPLOAD_LIMIT_BYTES, files: 1, fields: 50 },
    // keyValues keeps only the bytes, so the name the browser sent is kept beside the body.
    async onFile(this: FastifyRequest, part: MultipartFile) {
      await part.toBuffer();
      this.uploadedFileNames[part.fieldname] = path.basename(part.filename ?? '');
    },
  });
  await app.register(fastifyCsrf, {
    cookieKey: '_csrf',
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'lax', path: '/', secure: production },
    getToken: (request: FastifyRequest) => {
      const body = request.body as Record<string, unknown> | undefined;
      return typeof body?._csrf === 'string' ? body._csrf : undefined;
    },
  });
  await app.register(fastifyRateLimit, {
    global: false,
    store: databaseRateLimitStore(db),
    errorResponseBuilder: () => new AppError('RATE_LIMITED'),
  });
  await app.register(fastifyStatic, { root: path.join(rootDir, 'public', 'build'), prefix: '/assets/', decorateReply: false, maxAge: production ? '1d' : 0 });
  await app.register(fastifyStatic, {
    root: path.join(rootDir, 'node_modules', 'govuk-frontend', 'dist', 'govuk', 'assets', 'images'),
    prefix: '/assets/govuk/images/',
    decorateReply: false,
  });

  app.decorateRequest('actor', null);
  app.decorateRequest('sessionId', null);
  app.decorateRequest('lang', DEFAULT_LANGUAGE);
  app.decorateRequest('t', null as unknown as FastifyRequest['t']);
  app.decorateRequest('uploadedFileNames', null as unknown as FastifyRequest['uploadedFileNames']);

  app.addHook('onRequest', async (request, reply) => {
    request.uploadedFileNames = {};
    if (request.url.startsWith('/assets/')) return;
    const query = request.query as Record<string, unknown>;
    request.lang = negotiateLanguage(query.lang, request.cookies[LANGUAGE_COOKIE], request.headers['accept-language']);
    request.t = translators[request.lang];
    if (query.lang === request.lang && request.cookies[LANGUAGE_COOKIE] !== request.lang) {
      reply.setCookie(LANGUAGE_COOKIE, request.lang, { path: '/', maxAge: YEAR_SECONDS, sameSite: 'lax', httpOnly: true, secure: production });
    }
    // The JSON API is read-only and anonymous; a browser's session cookie grants it nothing.
    if (isApiRequest(request)) return;
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const session = await resolveSession(db, token);
      if (session) {
        request.actor = session.actor;
        request.sessionId = session.sessionId;
      } else {
        reply.clearCookie(SESSION_COOKIE, { path: '/' });
      }
    }
    setPageLocals(request, reply, new LazyCsrfToken(reply));
  });

  // Every state-changing form must carry the token that matches this browser's CSRF cookie.
  app.addHook('preValidation', (request, reply, done) => {
    if (!STATE_CHANGING.has(request.method) || isApiRequest(request)) return done();
    app.csrfProtection(request, reply, done);
  });
}
