import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyView from '@fastify/view';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import nunjucks from 'nunjucks';
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

export async function registerViews(app: FastifyInstance, production: boolean): Promise<void> {
  await app.register(fastifyView, {
    engine: { nunjucks },
    templates: [srcDir, govukDir],
    production,
    options: { onConfigure: configure, autoescape: true, throwOnUndefined: false },
  });
}

const LANGUAGE_NAMES = { en: 'English', es: 'Español', fr: 'Français' } as const;

/** Values every page can use: the translator, the signed-in person, the CSRF token, the language links. */
export function setPageLocals(request: FastifyRequest, reply: FastifyReply, csrfToken: string): void {
  const url = new URL(request.url, 'http://local');
  url.searchParams.delete('lang');
  const languages = LANGUAGES.map((code) => {
    const target = new URL(url);
    target.searchParams.set('lang', code);
    return { lang: code, text: LANGUAGE_NAMES[code], href: `${target.pathname}${target.search}`, current: code === request.lang };
  });
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
