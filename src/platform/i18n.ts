import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next, { type i18n as I18n, type TFunction } from 'i18next';

export const LANGUAGES = ['en', 'es', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'en';

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

type Tree = { [key: string]: string | Tree };

const srcDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Every locale file: the shared one in src/locales and one per module in src/modules/<area>/locales. */
export function localeFiles(language: Language): string[] {
  const files = [path.join(srcDir, 'locales', `${language}.json`)];
  const modulesDir = path.join(srcDir, 'modules');
  for (const area of fs.readdirSync(modulesDir).sort()) {
    const file = path.join(modulesDir, area, 'locales', `${language}.json`);
    if (fs.existsSync(file)) files.push(file);
  }
  return files;
}

function deepMerge(target: Tree, source: Tree, file: string, prefix = ''): Tree {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (typeof value === 'object' && typeof existing === 'object') deepMerge(existing, value, file, `${prefix}${key}.`);
    else if (existing !== undefined) throw new Error(`Duplicate translation key ${prefix}${key} in ${file}`);
    else target[key] = value;
  }
  return target;
}

export function loadResources(language: Language): Tree {
  const merged: Tree = {};
  for (const file of localeFiles(language)) deepMerge(merged, JSON.parse(fs.readFileSync(file, 'utf8')) as Tree, file);
  return merged;
}

/** Flattens a resource tree into dotted keys, for completeness checks. */
export function flattenKeys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : flattenKeys(value, `${prefix}${key}.`),
  );
}

let instance: I18n | null = null;

export async function initI18n(): Promise<I18n> {
  if (instance) return instance;
  const i18n = i18next.createInstance();
  await i18n.init({
    lng: DEFAULT_LANGUAGE,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: loadResources(l) }])),
    // Nunjucks escapes output itself; escaping here too would double-escape.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  instance = i18n;
  return i18n;
}

export type Translate = TFunction;

type PlainTranslate = (key: unknown, ...args: unknown[]) => unknown;

// Enough for every key in every form a page asks for; past it the memory starts afresh rather than grow.
const REMEMBERED_ANSWERS = 10000;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;

// An answer's key is written out by hand: Object.entries, a check of every value and JSON.stringify took three times
// as long, on every call a page makes (a member page makes about eighty). Each part is marked by its type and strings
// by their length, so two different sets of options can never write the same key.

/** A plain value's part of the key, or null for anything else. */
function valuePart(value: unknown): string | null {
  switch (typeof value) {
    case 'string':
      return `s${value.length}:${value}`;
    case 'number':
      return Number.isFinite(value) ? `n${value};` : null;
    case 'boolean':
      return value ? 't' : 'f';
    default:
      return null;
  }
}

/**
 * The options' part of the key, or null unless every value is plain. Interpolation values may also be given apart
 * from the options (`replace`, a record of plain values), so that a value's name cannot clash with an option's.
 */
function optionsPart(options: Record<string, unknown>, top: boolean): string | null {
  let part = '';
  for (const name in options) {
    const value = options[name];
    let written = valuePart(value);
    if (written === null && top && name === 'replace' && isRecord(value)) {
      const inner = optionsPart(value, false);
      written = inner === null ? null : `r${inner}}`;
    }
    if (written === null) return null;
    part += `${name.length}:${name}${written}`;
  }
  return part;
}

/** What identifies a call's answer, or null for a call whose options are more than plain values. */
function answerKey(key: unknown, options: unknown, rest: readonly unknown[]): string | null {
  if (typeof key !== 'string' || rest.length > 0) return null;
  if (options === undefined) return key;
  if (!isRecord(options)) return null;
  const part = optionsPart(options, true);
  return part === null ? null : `${key}\u0000${part}`;
}

/**
 * A language's translator that remembers its answers. i18next works each one out afresh (copying all of its
 * options, resolving, interpolating) for tens of microseconds, and a page asks for dozens; the resources never
 * change once loaded, so the same key with the same plain options always gets the same answer.
 */
function rememberingTranslator(i18n: I18n, language: Language): Translate {
  const translate = i18n.getFixedT(language) as unknown as PlainTranslate;
  let answers = new Map<string, string>();
  const remembering: PlainTranslate = (key, options, ...rest) => {
    const id = answerKey(key, options, rest);
    if (id === null) return translate(key, options, ...rest);
    const known = answers.get(id);
    if (known !== undefined) return known;
    const answer = translate(key, options);
    if (typeof answer === 'string') {
      if (answers.size >= REMEMBERED_ANSWERS) answers = new Map();
      answers.set(id, answer);
    }
    return answer;
  };
  return remembering as unknown as Translate;
}

/** Chooses a language from an explicit choice, then a cookie, then the browser's Accept-Language. */
export function negotiateLanguage(explicit: unknown, cookie: unknown, acceptLanguage: string | undefined): Language {
  if (isLanguage(explicit)) return explicit;
  if (isLanguage(cookie)) return cookie;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const code = part.split(';')[0]?.trim().slice(0, 2).toLowerCase();
    if (isLanguage(code)) return code;
  }
  return DEFAULT_LANGUAGE;
}

/** Each language's remembering translator, made once for the whole process. */
export function rememberingTranslators(i18n: I18n): Record<Language, Translate> {
  return { en: rememberingTranslator(i18n, 'en'), es: rememberingTranslator(i18n, 'es'), fr: rememberingTranslator(i18n, 'fr') };
}
