// test-scope: no-database
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MASK_VALUES, MultiColumn, SingleColumn } from './explorer.columns.ts';

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

describe('a many-valued column of the facet index', () => {
  it("keeps every row's values as its dictionary grows past what one byte holds, and changes only the rows given", () => {
    const column = new MultiColumn();
    column.replace(3, new Map([
      [0, ['Open Data', 'Justice']],
      [1, []],
      [2, ['Justice', 'Justice']],
    ]));
    assert.ok(column.codes instanceof Uint8Array, 'a few values fit in bytes');
    assert.deepEqual([0, 1, 2].map((row) => column.valuesOf(row)), [['Open Data', 'Justice'], [], ['Justice']]);

    const rows = 400;
    column.replace(rows, new Map(Array.from({ length: rows - 3 }, (_, k) => [k + 3, [`area ${k}`, 'Open Data']] as const)));
    assert.ok(column.codes instanceof Uint16Array, 'past 256 values, two bytes each');
    assert.deepEqual(column.valuesOf(0), ['Open Data', 'Justice'], 'rows not given keep their values');
    assert.deepEqual(column.valuesOf(rows - 1), [`area ${rows - 4}`, 'Open Data']);
    assert.equal(column.dictionary.find(`area ${rows - 4}`), column.codes[column.offsets[rows - 1]!]);

    column.replace(rows, new Map([[1, ['Justice']]]));
    assert.deepEqual(column.valuesOf(1), ['Justice']);
    assert.deepEqual(column.valuesOf(300), ['area 297', 'Open Data']);
    assert.deepEqual(column.valuesOf(rows + 5), [], 'rows past the end hold nothing');
  });
});

describe("a many-valued column's bit masks", () => {
  /** Row r's values as its mask says: bit v for the dictionary's value v. */
  const fromMask = (column: MultiColumn, row: number): string[] => column.values.filter((_, v) => (column.masks![row]! >> v) & 1);

  it('say what each row holds while the column has at most eight values, and go when it has more', () => {
    const column = new MultiColumn();
    const values = Array.from({ length: MASK_VALUES }, (_, v) => `value ${v}`);
    const rows = 300;
    column.replace(rows, new Map(Array.from({ length: rows }, (_, row) => [row, values.filter((_, v) => (row >> v) & 1)] as const)));
    assert.ok(column.masks, 'eight values: masks kept');
    for (let row = 0; row < rows; row++) assert.deepEqual(fromMask(column, row).sort(), column.valuesOf(row).sort(), `row ${row}`);

    column.replace(rows, new Map([[7, ['value 7']], [8, []]]));
    assert.deepEqual(fromMask(column, 7), ['value 7'], 'a changed row, changed in its mask');
    assert.deepEqual(fromMask(column, 8), []);
    assert.deepEqual(fromMask(column, 255).length, MASK_VALUES, 'other rows as they were');

    column.replace(rows + 1, new Map([[rows, ['a ninth value']]]));
    assert.equal(column.masks, null, 'a ninth value: no byte holds it');
    assert.deepEqual(column.valuesOf(rows), ['a ninth value']);
  });
});
