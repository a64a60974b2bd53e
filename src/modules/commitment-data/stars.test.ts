import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readSheet } from '../../../test/support/commitment-data-factories.ts';
import type { IrmField } from '../../db/irm-fields.ts';
import type { Rating } from './irm-scales.ts';
import { readSheetRow } from './sheet-row.ts';
import { checkSheetStars, type StarDisagreement } from './star-check.ts';
import { computeStar, computeStars, type Ratings } from './stars.ts';

const value = (v: string): Rating => ({ value: v, missing: null });
const ND: Rating = { value: null, missing: 'no_data' };
const NR: Rating = { value: null, missing: 'not_reviewed' };

/** A commitment that meets every condition under both formulas; each test changes one thing. */
function ratings(changes: Partial<Record<IrmField, Rating>> = {}): Ratings {
  return {
    specificity: value('high'),
    verifiable: value('yes'),
    relevance_access_to_information: value('yes'),
    relevance_civic_participation: value('no'),
    relevance_public_accountability: value('no'),
    relevance_technology_innovation: value('no'),
    potential_impact: value('transformative'),
    completion_progress: value('substantial'),
    potential_for_results: ND,
    completion_end_of_term: value('complete'),
    change_in_completion: value('increase'),
    early_results: ND,
    did_it_open_government: value('major'),
    diog_access_to_information: value('major'),
    diog_civic_participation: ND,
    diog_public_accountability: ND,
    carried_forward: value('no'),
    ...changes,
  };
}

const star = (r: Ratings, formula: '2015' | 'current', report: 'progress' | 'end_of_term' = 'progress') => {
  const s = computeStar(r, formula, report);
  return s.starred ?? s.missing;
};

describe('starred commitments under the two formulas', () => {
  it('stars a commitment that meets all four conditions, under both formulas and for both reports', () => {
    assert.deepEqual(
      computeStars(ratings()).map((s) => [s.formula, s.report, s.starred, s.missing]),
      [
        ['2015', 'progress', 1, null],
        ['2015', 'end_of_term', 1, null],
        ['current', 'progress', 1, null],
        ['current', 'end_of_term', 1, null],
      ],
    );
  });

  it('differs only in the impact threshold: moderate is enough in 2015, only transformative now', () => {
    const moderate = ratings({ potential_impact: value('moderate') });
    assert.equal(star(moderate, '2015'), 1);
    assert.equal(star(moderate, 'current'), 0);
    const minor = ratings({ potential_impact: value('minor') });
    assert.equal(star(minor, '2015'), 0);
  });

  it('needs specificity medium or high, or verifiable', () => {
    assert.equal(star(ratings({ specificity: value('low'), verifiable: value('no') }), 'current'), 0);
    assert.equal(star(ratings({ specificity: value('medium'), verifiable: ND }), 'current'), 1);
    assert.equal(star(ratings({ specificity: ND, verifiable: value('yes') }), 'current'), 1);
  });

  it('needs relevance to access to information, civic participation or public accountability; technology alone is not enough', () => {
    const onlyTechnology = ratings({ relevance_access_to_information: value('no'), relevance_technology_innovation: value('yes') });
    assert.equal(star(onlyTechnology, 'current'), 0);
    assert.equal(star(ratings({ relevance_access_to_information: value('no'), relevance_public_accountability: value('yes') }), 'current'), 1);
  });

  it('needs substantial or complete completion in the report concerned', () => {
    const limited = ratings({ completion_progress: value('limited') });
    assert.equal(star(limited, 'current', 'progress'), 0);
    assert.equal(star(limited, 'current', 'end_of_term'), 1);
  });

  it('has no star without the report\'s completion, and otherwise lets one failed condition settle it', () => {
    assert.equal(star(ratings({ completion_progress: NR }), '2015'), 'not_reviewed');
    // Impact unknown, but the commitment is not specific: it cannot be starred whatever the impact.
    assert.equal(star(ratings({ potential_impact: ND, specificity: value('low'), verifiable: value('no') }), 'current'), 0);
    assert.equal(star(ratings({ potential_impact: ND }), 'current'), 'no_data');
  });
});

describe('the real sheet\'s own stars', () => {
  const sheet = readSheet();
  const disagreements: StarDisagreement[] = [];
  sheet.rows.forEach((row, index) => {
    const read = readSheetRow(Object.fromEntries(sheet.header.map((c, i) => [c, row[i] ?? ''])));
    assert.ok(read.ok, `row ${index + 2} is refused`);
    disagreements.push(...checkSheetStars(index + 2, read.commitment));
  });
  const byReason = (reason: string) => disagreements.filter((d) => d.reason === reason);

  it('agree with the formulas in every cell except the ones listed, and each of those is explained', () => {
    // 558 rows × 3 star columns.
    assert.equal(3 * sheet.rows.length - disagreements.length, 1492);
    assert.deepEqual(byReason('value'), [], 'a star the formulas contradict outright');
    assert.equal(byReason('after_2020').length, 148);
    assert.equal(byReason('missing_code').length, 24);
    assert.equal(byReason('without_completion').length, 10);
  });

  it('explain the largest group: no stars in reports published from 2021, where the ratings would give one', () => {
    for (const d of byReason('after_2020')) {
      assert.equal(d.sheet, 'ND');
      assert.match(d.computed, /^[01]$/);
    }
    // Of those, 14 would be starred under the current formula: the IRM simply no longer awards stars.
    assert.equal(byReason('after_2020').filter((d) => d.computed === '1').length, 14);
  });

  it('explain the others: stars given without an assessed completion, and ND written for what is NA or NR', () => {
    for (const d of byReason('without_completion')) assert.deepEqual([d.sheet, d.computed], ['0', 'ND']);
    for (const d of byReason('missing_code')) {
      assert.equal(d.sheet, 'ND');
      assert.match(d.computed, /^(NA|NR)$/);
    }
  });
});
