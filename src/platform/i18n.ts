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
