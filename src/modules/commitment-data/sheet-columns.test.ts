import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readSheet } from '../../../test/support/commitment-data-factories.ts';
import { IRM_SCALES } from './irm-scales.ts';
import { columnRoles, DERIVED_COLUMNS, POLICY_AREA_COLUMNS, REQUIRED_COLUMNS, SHEET_COLUMNS } from './sheet-columns.ts';

describe('the sheet column map', () => {
  it('is the real sheet\'s header, column for column', () => {
    const { header } = readSheet();
    // OGP's open-parliament extract has 171 columns.
    assert.equal(header.length, 171);
    assert.deepEqual([...SHEET_COLUMNS], header);
  });

  it('gives every column exactly one role, and no role names a column the sheet lacks', () => {
    const roles = columnRoles();
    for (const column of SHEET_COLUMNS) assert.equal(roles.get(column)?.length, 1, `${column}: ${JSON.stringify(roles.get(column))}`);
    assert.deepEqual([...roles.keys()].filter((c) => !SHEET_COLUMNS.includes(c)), []);
    assert.equal(new Set(SHEET_COLUMNS).size, SHEET_COLUMNS.length);
  });

  it('counts the groups the way the sheet is laid out', () => {
    const roles = columnRoles();
    const count = (role: string) => SHEET_COLUMNS.filter((c) => roles.get(c)?.[0] === role).length;
    assert.equal(count('policy_area'), POLICY_AREA_COLUMNS.length);
    assert.equal(POLICY_AREA_COLUMNS.length, 86);
    assert.equal(count('irm_rating'), IRM_SCALES.length);
    assert.equal(count('irm_code'), 11);
    assert.equal(count('star'), 3);
    assert.equal(count('derived'), DERIVED_COLUMNS.length);
    assert.ok(REQUIRED_COLUMNS.every((c) => SHEET_COLUMNS.includes(c)));
  });
});
