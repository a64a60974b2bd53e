import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { numberFormat } from './number-format.ts';

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
