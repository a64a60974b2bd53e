import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cell, readSheet } from '../../../test/support/commitment-data-factories.ts';
import { IRM_FIELDS } from '../../db/irm-fields.ts';
import { IRM_SCALES, type IrmScale, parseRating, ratingCode, ratingLabel } from './irm-scales.ts';

const scale = (field: string): IrmScale => {
  const found = IRM_SCALES.find((s) => s.field === field);
  assert.ok(found, `no scale for ${field}`);
  return found;
};

describe('IRM scales', () => {
  it('cover every IRM field of the data model, once', () => {
    assert.deepEqual(
      IRM_SCALES.map((s) => s.field),
      [...IRM_FIELDS],
    );
  });

  // Label, stored slug and the code of the sheet's "_" twin column, for every step of every scale (domain reference).
  const STEPS: Record<string, Array<[string, string, string]>> = {
    specificity: [['None', 'none', '0'], ['Low', 'low', '1'], ['Medium', 'medium', '2'], ['High', 'high', '3']],
    verifiable: [['Yes', 'yes', '1'], ['No', 'no', '0']],
    relevance_access_to_information: [['1', 'yes', '1'], ['0', 'no', '0']],
    relevance_civic_participation: [['1', 'yes', '1'], ['0', 'no', '0']],
    relevance_public_accountability: [['1', 'yes', '1'], ['0', 'no', '0']],
    relevance_technology_innovation: [['1', 'yes', '1'], ['0', 'no', '0']],
    potential_impact: [['None', 'none', '0'], ['Minor', 'minor', '1'], ['Moderate', 'moderate', '2'], ['Transformative', 'transformative', '3']],
    completion_progress: [['Withdrawn', 'withdrawn', '0'], ['Not Started', 'not_started', '2'], ['Limited', 'limited', '3'], ['Substantial', 'substantial', '4'], ['Complete', 'complete', '5']],
    potential_for_results: [['Unclear', 'unclear', '0'], ['Modest', 'modest', '1'], ['Substantial', 'substantial', '2']],
    completion_end_of_term: [['Unclear', 'unclear', '1'], ['Not Started', 'not_started', '2'], ['Limited', 'limited', '3'], ['Substantial', 'substantial', '4'], ['Complete', 'complete', '5']],
    change_in_completion: [['Decrease', 'decrease', '-1'], ['No Change', 'no_change', '0'], ['Increase', 'increase', '1']],
    early_results: [['No notable results', 'no_notable_results', '0'], ['Moderate', 'moderate', '1'], ['Significant', 'significant', '2']],
    did_it_open_government: [['Worsens', 'worsens', '0'], ['Did Not Change', 'did_not_change', '1'], ['No early results to report yet', 'no_early_results_to_report_yet', '1'], ['Marginal', 'marginal', '2'], ['Major', 'major', '3'], ['Outstanding', 'outstanding', '4']],
    diog_access_to_information: [['Worsens', 'worsens', '1'], ['Did Not Change', 'did_not_change', '2'], ['Marginal', 'marginal', '3'], ['Major', 'major', '4'], ['Outstanding', 'outstanding', '5']],
    diog_civic_participation: [['Worsens', 'worsens', '1'], ['Did Not Change', 'did_not_change', '2'], ['Marginal', 'marginal', '3'], ['Major', 'major', '4'], ['Outstanding', 'outstanding', '5']],
    diog_public_accountability: [['Worsens', 'worsens', '1'], ['Did Not Change', 'did_not_change', '2'], ['Marginal', 'marginal', '3'], ['Major', 'major', '4'], ['Outstanding', 'outstanding', '5']],
    carried_forward: [['1', 'yes', '1'], ['0', 'no', '0']],
  };

  for (const [field, steps] of Object.entries(STEPS)) {
    it(`reads and writes every step of ${field}`, () => {
      const s = scale(field);
      for (const [label, slug, code] of steps) {
        const rating = parseRating(s, label);
        assert.deepEqual(rating, { value: slug, missing: null }, `${field}: ${label}`);
        assert.equal(ratingLabel(s, { value: slug, missing: null }), label, `${field}: label of ${slug}`);
        if (s.codeColumn) assert.equal(ratingCode(s, { value: slug, missing: null }), code, `${field}: code of ${label}`);
      }
      assert.equal(s.steps.length, steps.length, `${field} has steps the test does not know`);
    });
  }

  it('stores ND, NR and NA as missing codes, never as values, and writes them back as the sheet does', () => {
    for (const s of IRM_SCALES) {
      assert.deepEqual(parseRating(s, 'ND'), { value: null, missing: 'no_data' });
      assert.deepEqual(parseRating(s, ' nr '), { value: null, missing: 'not_reviewed' });
      assert.deepEqual(parseRating(s, 'NA'), { value: null, missing: 'not_applicable' });
      assert.equal(ratingLabel(s, { value: null, missing: 'no_data' }), 'ND');
      assert.equal(ratingLabel(s, { value: null, missing: 'not_reviewed' }), 'NR');
      if (s.codeColumn) assert.equal(ratingCode(s, { value: null, missing: 'not_reviewed' }), 'NR');
    }
    // The per-value "did it open government" columns spell NA out, and code it 0.
    const ati = scale('diog_access_to_information');
    assert.deepEqual(parseRating(ati, 'Not Applicable'), { value: null, missing: 'not_applicable' });
    assert.equal(ratingLabel(ati, { value: null, missing: 'not_applicable' }), 'Not Applicable');
    assert.equal(ratingCode(ati, { value: null, missing: 'not_applicable' }), '0');
  });

  it('accepts the sheet\'s "1" for Yes in Verifiable and refuses words that are on no scale', () => {
    assert.deepEqual(parseRating(scale('verifiable'), '1'), { value: 'yes', missing: null });
    assert.deepEqual(parseRating(scale('potential_impact'), 'Huge'), { unknown: 'Huge' });
    assert.deepEqual(parseRating(scale('relevance_civic_participation'), 'Yes'), { unknown: 'Yes' });
  });

  it('reads every IRM cell of the real sheet, and its codes agree with the sheet except where the sheet contradicts itself', () => {
    const sheet = readSheet();
    const disagreements: Record<string, number> = {};
    for (const s of IRM_SCALES) {
      for (const row of sheet.rows) {
        const rating = parseRating(s, cell(sheet, row, s.column));
        assert.ok(!('unknown' in rating), `${s.column}: "${cell(sheet, row, s.column)}" is on no scale`);
        // The change column's code is the number of completion steps moved, not a code of its label.
        if (!s.codeColumn || s.field === 'change_in_completion') continue;
        if (ratingCode(s, rating) !== cell(sheet, row, s.codeColumn)) disagreements[s.field] = (disagreements[s.field] ?? 0) + 1;
      }
    }
    // Rows whose label and code say different things in OGP's own sheet (e.g. "Marginal" coded 0).
    assert.deepEqual(disagreements, { diog_access_to_information: 1, diog_civic_participation: 2, diog_public_accountability: 9 });
  });
});
