// test-scope: no-database
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { flattenKeys, initI18n, LANGUAGES, loadResources, negotiateLanguage, rememberingTranslators } from './i18n.ts';

const srcDir = path.resolve(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|njk)$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('translations', () => {
  const keys = Object.fromEntries(LANGUAGES.map((lang) => [lang, new Set(flattenKeys(loadResources(lang)))]));

  for (const lang of LANGUAGES.filter((l) => l !== 'en')) {
    it(`${lang} has exactly the English keys`, () => {
      const missing = [...keys.en!].filter((k) => !keys[lang]!.has(k));
      const extra = [...keys[lang]!].filter((k) => !keys.en!.has(k));
      assert.deepEqual({ missing, extra }, { missing: [], extra: [] });
    });
  }

  it('no locale has an empty string', () => {
    for (const lang of LANGUAGES) {
      const empty = flattenKeys(loadResources(lang)).filter((k) => {
        const value = k.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], loadResources(lang));
        return typeof value === 'string' && value.trim() === '';
      });
      assert.deepEqual(empty, [], `${lang} has empty strings`);
    }
  });

  it('every literal key used in code and templates exists in English', () => {
    const used = new Map<string, string>();
    // t('a.b'), key: 'a.b' and collector.add('field', 'a.b') are how code names messages.
    const patterns = [/\bt\(\s*['"]([a-zA-Z][\w.]*\.[\w.]*)['"]/g, /\bkey:\s*['"]([a-zA-Z][\w.]*\.[\w.]+)['"]/g, /\.add\(\s*['"][^'"]+['"],\s*['"]([a-zA-Z][\w.]*\.[\w.]+)['"]/g];
    for (const file of sourceFiles(srcDir)) {
      const text = fs.readFileSync(file, 'utf8');
      for (const pattern of patterns) for (const match of text.matchAll(pattern)) used.set(match[1]!, path.relative(srcDir, file));
    }
    assert.ok(used.size > 20, 'expected to find translation keys in use');
    // A key ending in '.' is a prefix completed at run time (t('roles.names.' + role)): its subtree must exist.
    // A plural key exists as key_one / key_other.
    const en = [...keys.en!];
    const exists = (key: string) =>
      key.endsWith('.') ? en.some((k) => k.startsWith(key)) : keys.en!.has(key) || keys.en!.has(`${key}_one`) || keys.en!.has(`${key}_other`);
    const missing = [...used].filter(([key]) => !exists(key)).map(([key, file]) => `${key} (${file})`);
    assert.deepEqual(missing, []);
  });
});

describe('audit action labels', () => {
  it('every audit action written by the code has a translated history label', () => {
    const en = new Set(flattenKeys(loadResources('en')));
    const actions = new Set<string>();
    for (const file of sourceFiles(srcDir)) {
      for (const match of fs.readFileSync(file, 'utf8').matchAll(/\baction: '([a-z_]+\.[a-z_]+)'/g)) actions.add(match[1]!);
    }
    assert.ok(actions.size >= 10, 'expected to find audit actions');
    assert.deepEqual([...actions].filter((action) => !en.has(`history.actions.${action}`)), []);
  });
});

describe('negotiateLanguage', () => {
  it('prefers an explicit choice, then the cookie, then Accept-Language', () => {
    assert.equal(negotiateLanguage('fr', 'es', 'en'), 'fr');
    assert.equal(negotiateLanguage(undefined, 'es', 'fr'), 'es');
    assert.equal(negotiateLanguage(undefined, undefined, 'de-DE,fr;q=0.8'), 'fr');
    assert.equal(negotiateLanguage('xx', 'yy', 'de'), 'en');
  });
});

describe('the remembering translator', () => {
  it('answers every call as i18next does, the second time as the first', async () => {
    const i18n = await initI18n();
    const remembering = rememberingTranslators(i18n);
    const calls: Array<[string, Record<string, unknown>?]> = [
      ['nav.members'],
      ['common.pagination.page', { number: 3 }],
      ['common.pagination.page', { number: 4 }],
      ['commitmentData.stored', { count: 1 }],
      ['commitmentData.stored', { count: 2 }],
      ['no.such.key'],
      ['common.pagination.page', { number: { not: 'plain' } }],
      // The audit history's labels: values apart from the options, a fallback, and a key that may name a whole branch.
      ['history.actions.member.created', { replace: { name: 'Kenya' }, defaultValue: 'member.created', returnObjects: true }],
      ['history.actions.member.created', { replace: { name: 'Chile' }, defaultValue: 'member.created', returnObjects: true }],
      ['history.fields', { replace: {}, defaultValue: 'fields', returnObjects: true }],
      ['history.actions.no.such', { replace: { name: 'Chile' }, defaultValue: 'no.such', returnObjects: true }],
      ['common.pagination.page', { replace: { number: { not: 'plain' } } }],
      // Options that a key made by running names and values together would confuse with one another.
      ['common.pagination.page', { number: '1', count: 2 }],
      ['common.pagination.page', { number: '12', count: '' }],
      ['common.pagination.page', { number: 12 }],
      ['common.pagination.page', { number: '12' }],
      ['common.pagination.page', { number: '1;5:count', count: 2 }],
      ['common.pagination.page', { replace: { number: '7' } }],
      ['common.pagination.page', { replace: { number: '7' }, number: 8 }],
      ['common.pagination.page', { number: Number.NaN }],
    ];
    for (const lang of LANGUAGES) {
      const plain = i18n.getFixedT(lang);
      for (const [key, options] of calls) {
        for (let time = 0; time < 2; time += 1) assert.deepEqual(remembering[lang](key, options), plain(key, options), `${lang} ${key} ${JSON.stringify(options)}`);
      }
    }
  });
});
