import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyView from '@fastify/view';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import nunjucks from 'nunjucks';
import type { LazyCsrfToken } from './csrf-token.ts';
import { can } from './policies.ts';
import { LANGUAGES } from './i18n.ts';
import { dateTimeFormat } from './intl-formats.ts';
import { installNunjucksFastPaths } from './nunjucks-fast-paths.ts';
import { utf8Bytes } from './utf8.ts';

const srcDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const govukDir = path.resolve(srcDir, '..', 'node_modules', 'govuk-frontend', 'dist');

const DATE_TIME: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' };

/** The `dateTime` filter: a stored timestamp as the reader's language writes a date and time, in UTC. */
export function dateTimeText(value: unknown, lang: string = 'en'): string {
  if (typeof value !== 'string' || value === '') return '';
  return dateTimeFormat(lang, 'dateTime', DATE_TIME).format(new Date(value)) + ' UTC';
}

function configure(env: nunjucks.Environment): void {
  env.addFilter('isoDate', (value: unknown) => (typeof value === 'string' ? value.slice(0, 10) : ''));
  env.addFilter('dateTime', dateTimeText);
  env.addFilter('prettyJson', (value: unknown) => {
    if (typeof value !== 'string' || value === '') return '';
    try {
      return JSON.stringify(JSON.parse(value), null, 2);
    } catch {
      return value;
    }
  });
}

const WHITESPACE_RUN = /[ \t]*\n\s*/g;

/**
 * Markup with each run of white space that holds a line break made one line break: templates (govuk's above
 * all) print kilobytes of indentation and blank lines on every page. To HTML any such run is one space, except
 * in <pre> and <textarea>, so markup holding either is left as it is.
 */
function squeezeWhitespace(html: string): string {
  if (html.includes('<pre') || html.includes('<textarea')) return html;
  return html.replace(WHITESPACE_RUN, '\n');
}

interface SyncLoader {
  getSource(name: string): nunjucks.LoaderSource | null;
}

/** Squeezes each template's source once, when it is read, so rendering it costs nothing more. */
function squeezeTemplateSources(env: nunjucks.Environment): void {
  for (const loader of (env as unknown as { loaders: SyncLoader[] }).loaders) {
    const read = loader.getSource.bind(loader);
    loader.getSource = (name) => {
      const source = read(name);
      return source && { ...source, src: squeezeWhitespace(source.src) };
    };
  }
}

/** A macro's markup squeezed too: its control tags, one to a line, leave blank lines that no source edit removes. */
function squeezed(markup: unknown): unknown {
  return markup instanceof nunjucks.runtime.SafeString ? new nunjucks.runtime.SafeString(squeezeWhitespace(markup.toString())) : markup;
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
    const markup = squeezed(macro(params));
    if (remembered.size >= REMEMBERED_CALLS) remembered = new Map();
    remembered.set(key, markup);
    return markup;
  });
}

// Below this a body goes out with its headers in one string write, which costs less than making bytes first.
const ENCODE_FROM = 8192;

export async function registerViews(app: FastifyInstance, production: boolean): Promise<void> {
  installNunjucksFastPaths();
  app.addHook('onSend', (_request, _reply, payload, done) => {
    done(null, typeof payload === 'string' && payload.length >= ENCODE_FROM ? utf8Bytes(payload) : payload);
  });
  await app.register(fastifyView, {
    engine: { nunjucks },
    templates: [srcDir, govukDir],
    production,
    options: {
      onConfigure: (env: nunjucks.Environment) => {
        configure(env);
        squeezeTemplateSources(env);
        rememberMacroCalls(env);
      },
      autoescape: true,
      throwOnUndefined: false,
    },
  });
}

const LANGUAGE_NAMES = { en: 'English', es: 'Español', fr: 'Français' } as const;

type Action = Parameters<typeof can>[1];
type Resource = Parameters<typeof can>[2];
// One function for every visitor who is not signed in, rather than a new one per request.
const anonymousCan = (action: Action, resource?: Resource): boolean => can(null, action, resource);

interface PageAddress {
  currentPath: string;
  languages: Array<{ lang: string; text: string; href: string; current: boolean }>;
}

function pageAddress(requestUrl: string, lang: string): PageAddress {
  // Parsed as a URL so that an address like //elsewhere/x yields a path on this site, never another host.
  const url = new URL(requestUrl, 'http://local');
  url.searchParams.delete('lang');
  const query = url.searchParams.toString();
  const prefix = `${url.pathname}?${query === '' ? '' : `${query}&`}lang=`;
  const languages = LANGUAGES.map((code) => ({ lang: code, text: LANGUAGE_NAMES[code], href: prefix + code, current: code === lang }));
  return { currentPath: url.pathname, languages };
}

/**
 * Values every page can use: the translator, the signed-in person, the CSRF token, the language links. The
 * links and the current path are worked out when a template first reads them, so a response that renders no
 * template (a page kept ready, a redirect, JSON) costs no URL parsing.
 */
export function setPageLocals(request: FastifyRequest, reply: FastifyReply, csrfToken: LazyCsrfToken | string): void {
  const { url, lang, actor } = request;
  let address: PageAddress | undefined;
  reply.locals = {
    ...(reply.locals ?? {}),
    t: request.t,
    lang,
    actor,
    can: actor ? (action: Action, resource?: Resource) => can(actor, action, resource) : anonymousCan,
    csrfToken,
    get currentPath() {
      return (address ??= pageAddress(url, lang)).currentPath;
    },
    get languages() {
      return (address ??= pageAddress(url, lang)).languages;
    },
  };
}
