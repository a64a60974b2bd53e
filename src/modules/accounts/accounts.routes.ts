import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../platform/context.ts';
import { unauthenticated } from '../../platform/errors.ts';
import { isLanguage, LANGUAGES, type Language } from '../../platform/i18n.ts';
import { PASSWORD_MIN_LENGTH } from '../../platform/passwords.ts';
import { authorize } from '../../platform/policies.ts';
import type { Actor } from '../../platform/roles.ts';
import { SESSION_COOKIE, SESSION_TTL_MS } from '../../platform/sessions.ts';
import { LANGUAGE_COOKIE } from '../../platform/web.ts';
import {
  AccountQuery,
  CsrfOnlyBody,
  DisplayNameBody,
  EmailBody,
  LanguageBody,
  NewPasswordBody,
  SignInBody,
  SignInQuery,
  SignUpBody,
  TokenBody,
  TokenParams,
  TokenQuery,
} from './accounts.schemas.ts';
import {
  accountOverview,
  changeDisplayName,
  changeLanguage,
  requestPasswordReset,
  resendVerification,
  resetPassword,
  resetTokenIsUsable,
  signIn,
  signOut,
  signUp,
  verificationTokenIsUsable,
  verifyEmail,
} from './accounts.service.ts';

const view = (name: string): string => `modules/accounts/views/${name}.njk`;
const VIEWS = {
  signUp: view('sign-up'),
  checkEmail: view('check-email'),
  verifyConfirm: view('verify-email-confirm'),
  verified: view('verify-email'),
  linkInvalid: view('link-invalid'),
  resend: view('verify-email-resend'),
  signIn: view('sign-in'),
  resetRequest: view('password-reset'),
  resetNew: view('password-reset-new'),
  resetComplete: view('password-reset-complete'),
  account: view('account'),
};

// Attempts per address per form, counted in the database so every app process shares the count.
const RATE_LIMIT = { max: 10, timeWindow: '15 minutes' };
const DEFAULT_AFTER_SIGN_IN = '/account';
const LANGUAGE_COOKIE_MAX_AGE = 365 * 24 * 60 * 60;
const SAVED_NOTICES = new Set(['displayName', 'language']);
// The password hint states the rule the service enforces.
const PASSWORD_RULES = { passwordMinLength: PASSWORD_MIN_LENGTH };

/**
 * Where to go after signing in: only a path on this site. `//host` and `/\host` are read by
 * browsers as other sites, and control characters can split headers, so those fall back too.
 */
export function safeNextPath(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return DEFAULT_AFTER_SIGN_IN;
  if ([...next].some((char) => char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f)) return DEFAULT_AFTER_SIGN_IN;
  const base = 'http://same-site.invalid';
  return new URL(next, base).origin === base ? next : DEFAULT_AFTER_SIGN_IN;
}

/** Renders to a string first, so a template failure reaches the error handler instead of a half-sent page. */
async function render(reply: FastifyReply, page: string, data: object = {}, status = 200): Promise<FastifyReply> {
  const html = await reply.viewAsync(page, data);
  return reply.status(status).type('text/html; charset=utf-8').send(html);
}

function cookieOptions(ctx: AppContext, maxAge: number) {
  return { httpOnly: true, sameSite: 'lax' as const, path: '/', secure: ctx.config.nodeEnv === 'production', maxAge };
}

function setLanguageCookie(ctx: AppContext, reply: FastifyReply, language: Language): void {
  reply.setCookie(LANGUAGE_COOKIE, language, cookieOptions(ctx, LANGUAGE_COOKIE_MAX_AGE));
}

/** Authorizes the account pages and hands back the account holder, typed as present. */
function signedInActor(request: FastifyRequest): Actor {
  authorize(request.actor, 'account.view');
  // Unreachable while the policy requires a signed-in actor; it narrows the type without a cast.
  if (!request.actor) throw unauthenticated();
  return request.actor;
}

// Runs before the body is validated, so a signed-out visitor gets 401 rather than a form that needs an account.
async function requireAccount(request: FastifyRequest): Promise<void> {
  authorize(request.actor, 'account.view');
}

function tokenParam(request: FastifyRequest): string {
  const params = request.params as Record<string, unknown>;
  return typeof params.token === 'string' ? params.token : '';
}

async function accountPage(ctx: AppContext, request: FastifyRequest, actor: Actor, saved?: string): Promise<Record<string, unknown>> {
  const { user, roles } = await accountOverview(ctx, actor);
  // Each language is named in itself, so its label is marked as that language for screen readers.
  const languageOptions = LANGUAGES.map((code) => ({ value: code, text: request.t(`accounts.languages.${code}`), label: { attributes: { lang: code } } }));
  return { user, roles, languageOptions, saved: saved && SAVED_NOTICES.has(saved) ? saved : null };
}

export async function accountsRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<TypeBoxTypeProvider>();
  const { ctx } = app;

  // ---- Sign-up and email verification --------------------------------------------------------

  routes.get('/sign-up', async (request, reply) => {
    if (request.actor) return reply.redirect(DEFAULT_AFTER_SIGN_IN);
    return render(reply, VIEWS.signUp, PASSWORD_RULES);
  });

  routes.post(
    '/sign-up',
    { schema: { body: SignUpBody }, config: { form: { view: VIEWS.signUp, context: () => PASSWORD_RULES }, rateLimit: RATE_LIMIT } },
    async (request, reply) => {
      await signUp(ctx, request.body, request.lang);
      return reply.redirect('/sign-up/check-email', 303);
    },
  );

  routes.get('/sign-up/check-email', async (_request, reply) => render(reply, VIEWS.checkEmail, { variant: 'signUp' }));

  // Opening the emailed link changes nothing: mail scanners and link previews fetch links, and a GET that
  // confirmed would activate an account whoever signed it up, without the mailbox owner's say. The page
  // offers a button; pressing it posts the token back, and only that confirms the address.
  routes.get('/verify-email', { schema: { querystring: TokenQuery } }, async (request, reply) => {
    const token = request.query.token;
    if (!token || !(await verificationTokenIsUsable(ctx, token))) return render(reply, VIEWS.linkInvalid, { variant: 'verify' }, 400);
    // The page carries the token, so no cache keeps a copy.
    reply.header('cache-control', 'no-store');
    return render(reply, VIEWS.verifyConfirm, { token });
  });

  routes.post('/verify-email', { schema: { body: TokenBody } }, async (request, reply) => {
    if (!(await verifyEmail(ctx, request.body.token))) return render(reply, VIEWS.linkInvalid, { variant: 'verify' }, 400);
    return reply.redirect('/verify-email/confirmed', 303);
  });

  routes.get('/verify-email/confirmed', async (_request, reply) => render(reply, VIEWS.verified));

  routes.get('/verify-email/resend', async (_request, reply) => render(reply, VIEWS.resend));

  routes.post(
    '/verify-email/resend',
    { schema: { body: EmailBody }, config: { form: { view: VIEWS.resend }, rateLimit: RATE_LIMIT } },
    async (request, reply) => {
      await resendVerification(ctx, request.body, request.lang);
      return reply.redirect('/verify-email/resend/sent', 303);
    },
  );

  routes.get('/verify-email/resend/sent', async (_request, reply) => render(reply, VIEWS.checkEmail, { variant: 'resend' }));

  // ---- Signing in and out --------------------------------------------------------------------

  routes.get('/sign-in', { schema: { querystring: SignInQuery } }, async (request, reply) => {
    const next = request.query.next === undefined ? '' : safeNextPath(request.query.next);
    if (request.actor) return reply.redirect(next || DEFAULT_AFTER_SIGN_IN);
    return render(reply, VIEWS.signIn, { values: { next } });
  });

  routes.post(
    '/sign-in',
    { schema: { body: SignInBody }, config: { form: { view: VIEWS.signIn }, rateLimit: RATE_LIMIT } },
    async (request, reply) => {
      const result = await signIn(ctx, request.body, request.sessionId);
      if (result.outcome === 'unverified') {
        // Not a plain field error: the page also offers the link to get a new confirmation email.
        const message = request.t('accounts.errors.unverified');
        return render(
          reply,
          VIEWS.signIn,
          { unverified: true, values: { email: request.body.email, next: request.body.next }, errors: { email: message }, errorList: [{ text: message, href: '#email' }] },
          400,
        );
      }
      reply.setCookie(SESSION_COOKIE, result.token, cookieOptions(ctx, SESSION_TTL_MS / 1000));
      const language = result.user.preferred_language;
      if (isLanguage(language)) setLanguageCookie(ctx, reply, language);
      return reply.redirect(safeNextPath(request.body.next), 303);
    },
  );

  routes.post('/sign-out', { schema: { body: CsrfOnlyBody } }, async (request, reply) => {
    await signOut(ctx, request.actor, request.sessionId);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.redirect('/', 303);
  });

  // ---- Password reset ------------------------------------------------------------------------

  routes.get('/password-reset', async (_request, reply) => render(reply, VIEWS.resetRequest));

  routes.post(
    '/password-reset',
    { schema: { body: EmailBody }, config: { form: { view: VIEWS.resetRequest }, rateLimit: RATE_LIMIT } },
    async (request, reply) => {
      await requestPasswordReset(ctx, request.body, request.lang);
      return reply.redirect('/password-reset/sent', 303);
    },
  );

  routes.get('/password-reset/sent', async (_request, reply) => render(reply, VIEWS.checkEmail, { variant: 'reset' }));

  routes.get('/password-reset/complete', async (_request, reply) => render(reply, VIEWS.resetComplete));

  routes.get('/password-reset/:token', { schema: { params: TokenParams } }, async (request, reply) => {
    const token = request.params.token;
    if (!(await resetTokenIsUsable(ctx, token))) return render(reply, VIEWS.linkInvalid, { variant: 'reset' }, 400);
    return render(reply, VIEWS.resetNew, { token, ...PASSWORD_RULES });
  });

  routes.post(
    '/password-reset/:token',
    {
      schema: { params: TokenParams, body: NewPasswordBody },
      config: { form: { view: VIEWS.resetNew, context: (request) => ({ token: tokenParam(request), ...PASSWORD_RULES }) } },
    },
    async (request, reply) => {
      if (!(await resetPassword(ctx, request.params.token, request.body, request.lang))) {
        return render(reply, VIEWS.linkInvalid, { variant: 'reset' }, 400);
      }
      // The sessions are gone from the database; drop this browser's cookie too.
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.redirect('/password-reset/complete', 303);
    },
  );

  // ---- The account page ----------------------------------------------------------------------

  const accountForm = { view: VIEWS.account, context: (request: FastifyRequest) => accountPage(ctx, request, signedInActor(request)) };

  routes.get('/account', { schema: { querystring: AccountQuery } }, async (request, reply) => {
    const actor = signedInActor(request);
    return render(reply, VIEWS.account, await accountPage(ctx, request, actor, request.query.saved));
  });

  routes.post(
    '/account/display-name',
    { schema: { body: DisplayNameBody }, preValidation: requireAccount, config: { form: accountForm } },
    async (request, reply) => {
      await changeDisplayName(ctx, signedInActor(request), request.body);
      return reply.redirect('/account?saved=displayName', 303);
    },
  );

  routes.post(
    '/account/language',
    { schema: { body: LanguageBody }, preValidation: requireAccount, config: { form: accountForm } },
    async (request, reply) => {
      const language = await changeLanguage(ctx, signedInActor(request), request.body);
      setLanguageCookie(ctx, reply, language);
      return reply.redirect('/account?saved=language', 303);
    },
  );
}
