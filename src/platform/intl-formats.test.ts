import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dateTimeFormat, numberFormat } from './intl-formats.ts';

describe('numberFormat', () => {
  it('formats in the language with at most the decimals asked for', () => {
    assert.equal(numberFormat('en', 2).format(1234.5678), '1,234.57');
    assert.equal(numberFormat('fr', 2).format(1234.5), '1\u202f234,5');
    assert.equal(numberFormat('en', 20).format(0.125), '0.125');
  });

  it('keeps one formatter per language and precision', () => {
    assert.equal(numberFormat('es', 2), numberFormat('es', 2));
    assert.notEqual(numberFormat('es', 2), numberFormat('es', 20));
  });
});

describe('dateTimeFormat', () => {
  it('keeps one formatter per locale and named options, formatting as Intl does', () => {
    const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeZone: 'UTC' };
    assert.equal(dateTimeFormat('en-GB', 'medium', options).format(new Date('2026-06-30T00:00:00Z')), '30 Jun 2026');
    assert.equal(dateTimeFormat('en-GB', 'medium', options), dateTimeFormat('en-GB', 'medium', options));
    assert.notEqual(dateTimeFormat('en-GB', 'medium', options), dateTimeFormat('fr', 'medium', options));
  });
});
