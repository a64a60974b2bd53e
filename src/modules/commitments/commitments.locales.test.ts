import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { IRM_FIELDS } from '../../db/irm-fields.ts';
import { flattenKeys, LANGUAGES } from '../../platform/i18n.ts';
import { IMPLEMENTATION_STATUSES } from './commitment-status.ts';

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

describe('the commitments translations', () => {
  const english = keysOf('en');

  it('have the same keys in every language, all under "commitments"', () => {
    for (const language of LANGUAGES) assert.deepEqual(keysOf(language).sort(), [...english].sort(), language);
    assert.ok(english.every((key) => key.startsWith('commitments.')));
  });

  it('name every status, with a hint, and label every IRM field', () => {
    for (const status of IMPLEMENTATION_STATUSES) {
      assert.ok(english.includes(`commitments.statuses.${status}`), status);
      assert.ok(english.includes(`commitments.statusHints.${status}`), status);
    }
    for (const field of IRM_FIELDS) assert.ok(english.includes(`commitments.irm.fields.${field}`), field);
  });

  it('contain every key the module asks for by name', () => {
    const known = new Set(english);
    const plural = (key: string) => known.has(`${key}_one`) && known.has(`${key}_other`);
    let found = 0;
    for (const file of sourceFiles(moduleDir)) {
      const text = fs.readFileSync(file, 'utf8');
      // Whole literal keys given to t(), to a field error or as a message key; keys built at run time
      // (`commitments.statuses.${status}`) are checked by the pages' tests.
      const patterns = [/\bt\(\s*['"](commitments\.[\w.]+)['"]/g, /\.add\(\s*['"][^'"]+['"],\s*['"](commitments\.[\w.]+)['"]/g, /\bkey:\s*['"](commitments\.[\w.]+)['"]/g];
      for (const pattern of patterns) {
        for (const [, key] of text.matchAll(pattern)) {
          found += 1;
          assert.ok(key && (known.has(key) || plural(key)), `${path.basename(file)} uses ${key}`);
        }
      }
    }
    assert.ok(found > 100, `only ${found} keys found: the patterns no longer match how the module names them`);
  });
});
