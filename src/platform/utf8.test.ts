// test-scope: no-database
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { utf8Bytes } from './utf8.ts';

describe('utf8Bytes', () => {
  const samples: Record<string, string> = {
    'plain ASCII': '<p class="govuk-body">Open data</p>'.repeat(300),
    'Latin-1 accents': 'Transparence fiscale – données ouvertes. '.repeat(300),
    'quotes and dashes among ASCII': `${'<li>“Open” – budget</li>'.repeat(400)}`,
    'text in three-byte characters, beyond the first guess': '政府公开数据'.repeat(2000),
    'characters outside the basic plane, four bytes each': '🌍🗳️'.repeat(1500),
    'a page built from thousands of pieces': Array.from({ length: 5000 }, (_, i) => `<td>${i} – é</td>`).reduce((a, b) => a + b, ''),
    empty: '',
  };
  for (const [name, text] of Object.entries(samples)) {
    it(`encodes ${name} exactly as Buffer.from does`, () => {
      const bytes = utf8Bytes(text);
      assert.ok(Buffer.isBuffer(bytes));
      assert.equal(bytes.length, Buffer.byteLength(text));
      assert.ok(bytes.equals(Buffer.from(text)));
    });
  }
});
