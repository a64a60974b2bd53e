// test-scope: no-database
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SingleColumn } from './explorer.columns.ts';

describe('a single-valued column of the facet index', () => {
  it('keeps every row\'s value as its dictionary grows past what one and two bytes hold', () => {
    const column = new SingleColumn();
    column.set(0, 'first');
    column.set(1, null);
    assert.ok(column.codes instanceof Uint8Array, 'a few values fit in bytes');
    const rows = 70_000;
    for (let row = 2; row < rows; row++) column.set(row, `value ${row}`);
    assert.ok(column.codes instanceof Uint32Array);
    assert.equal(column.valueOf(0), 'first');
    assert.equal(column.valueOf(1), undefined);
    assert.equal(column.codeAt(1), -1);
    assert.equal(column.valueOf(300), 'value 300');
    assert.equal(column.valueOf(rows - 1), `value ${rows - 1}`);
    assert.equal(column.codeAt(rows - 1), column.dictionary.find(`value ${rows - 1}`));
    assert.equal(column.valueOf(rows + 5), undefined, 'rows past the end hold nothing');
    column.set(0, '');
    assert.equal(column.valueOf(0), undefined, 'an empty value is none');
  });
});
