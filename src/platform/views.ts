import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyView from '@fastify/view';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import nunjucks from 'nunjucks';
import type { LazyCsrfToken } from './csrf-token.ts';
import { can } from './policies.ts';
import { LANGUAGES } from './i18n.ts';

const srcDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const govukDir = path.resolve(srcDir, '..', 'node_modules', 'govuk-frontend', 'dist');

function configure(env: nunjucks.Environment): void {
  env.addFilter('isoDate', (value: unknown) => (typeof value === 'string' ? value.slice(0, 10) : ''));
  env.addFilter('dateTime', (value: unknown, lang: string = 'en') => {
    if (typeof value !== 'string' || value === '') return '';
    return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(value)) + ' UTC';
  });
  env.addFilter('prettyJson', (value: unknown) => {
    if (typeof value !== 'string' || value === '') return '';
    try {
      return JSON.stringify(JSON.parse(value), null, 2);
    } catch {
      return value;
    }
  });
}

// Far more than the layout's few sets of parameters (three languages, a dozen active sections); a bound all the same.
const REMEMBERED_CALLS = 1000;

/**
 * `remembered('name', macro, params)` calls a govuk macro once per set of parameters and keeps its markup: the
 * macros are pure functions of their parameters, and the layout's header and navigation cost a dozen nested
 * template calls on every page although they come in only a few variants. Only for parameters that hold no
 * per-request secret (the signed-in navigation carries the CSRF token, so it is rendered each time).
 */
function rememberMacroCalls(env: nunjucks.Environment): void {
  let remembered = new Map<string, unknown>();
  env.addGlobal('remembered', (name: string, macro: (params: unknown) => unknown, params: unknown) => {
    const key = `${name}${JSON.stringify(params)}`;
    if (remembered.has(key)) return remembered.get(key);
    const markup = macro(params);
    if (remembered.size >= REMEMBERED_CALLS) remembered = new Map();
    remembered.set(key, markup);
    return markup;
  });
}

export async function registerViews(app: FastifyInstance, production: boolean): Promise<void> {
  await app.register(fastifyView, {
    engine: { nunjucks },
    templates: [srcDir, govukDir],
    production,
    options: {
      onConfigure: (env: nunjucks.Environment) => {
        configure(env);
        rememberMacroCalls(env);
      },
      autoescape: true,
      throwOnUndefined: false,
    },
  });
}

const LANGUAGE_NAMES = { en: 'English', es: 'Español', fr: 'Français' } as const;

/** Values every page can use: the translator, the signed-in person, the CSRF token, the language links. */
export function setPageLocals(request: FastifyRequest, reply: FastifyReply, csrfToken: LazyCsrfToken | string): void {
  // Parsed as a URL so that an address like //elsewhere/x yields a path on this site, never another host.
  const url = new URL(request.url, 'http://local');
  url.searchParams.delete('lang');
  const query = url.searchParams.toString();
  const prefix = `${url.pathname}?${query === '' ? '' : `${query}&`}lang=`;
  const languages = LANGUAGES.map((code) => ({ lang: code, text: LANGUAGE_NAMES[code], href: prefix + code, current: code === request.lang }));
  reply.locals = {
    ...(reply.locals ?? {}),
    t: request.t,
    lang: request.lang,
    actor: request.actor,
    can: (action: Parameters<typeof can>[1], resource?: Parameters<typeof can>[2]) => can(request.actor, action, resource),
    csrfToken,
    currentPath: url.pathname,
    languages,
  };
}
