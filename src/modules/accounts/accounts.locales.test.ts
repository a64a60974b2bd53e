// test-scope: no-database
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { flattenKeys, LANGUAGES } from '../../platform/i18n.ts';
import { ROLES } from '../../platform/roles.ts';

const moduleDir = path.dirname(fileURLToPath(import.meta.url));
type Tree = { [key: string]: string | Tree };
const keysOf = (language: string): string[] =>
  flattenKeys(JSON.parse(fs.readFileSync(path.join(moduleDir, 'locales', `${language}.json`), 'utf8')) as Tree);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'locales' ? [] : sourceFiles(full);
    return /\.(ts|njk)$/.test(entry.name) && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('the accounts translations', () => {
  const english = keysOf('en');

  it('have the same keys in every language, all under "accounts"', () => {
    for (const language of LANGUAGES) assert.deepEqual(keysOf(language).sort(), [...english].sort(), language);
    assert.ok(english.every((key) => key.startsWith('accounts.')));
  });

  it('name every role', () => {
    for (const role of ROLES) assert.ok(english.includes(`accounts.roles.${role}`), role);
  });

  it('contain every key the module asks for by name', () => {
    const known = new Set(english);
    for (const file of sourceFiles(moduleDir)) {
      const text = fs.readFileSync(file, 'utf8');
      // Whole literal keys only; keys built from a variable end in a dot and are checked by the pages' tests.
      for (const [, key] of text.matchAll(/['"`](accounts\.[A-Za-z_.]*[A-Za-z_])['"`]/g)) {
        assert.ok(key && known.has(key), `${path.basename(file)} uses ${key}`);
      }
    }
  });
});
