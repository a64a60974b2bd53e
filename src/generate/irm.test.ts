// test-scope: no-database
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeStars } from '../modules/commitment-data/stars.ts';
import { assessCommitment, toRatings } from './irm.ts';
import { Random } from './random.ts';

describe('synthetic IRM assessments', () => {
  it('uses the 2020+ fields for new plans and leaves the old ones without data', () => {
    const random = new Random('eras');
    for (let i = 0; i < 200; i += 1) {
      const { assessment } = assessCommitment(random, { submittedYear: 2021, startYear: 2021, endYear: 2023, currentYear: 2026 });
      assert.ok(['no_data', 'not_reviewed'].includes(assessment.specificity), assessment.specificity);
      assert.ok(['no_data', 'not_reviewed'].includes(assessment.completion_progress));
    }
  });

  it('has no report from the future', () => {
    const random = new Random('future');
    for (let i = 0; i < 200; i += 1) {
      const result = assessCommitment(random, { submittedYear: 2025, startYear: 2025, endYear: 2027, currentYear: 2026 });
      assert.equal(result.endOfTermReportYear, null);
      assert.ok(['no_data', 'not_reviewed'].includes(result.assessment.completion_end_of_term));
    }
  });

  it('gives old-era commitments enough ratings for some stars under each formula', () => {
    const random = new Random('stars');
    const starred = new Map<string, number>();
    for (let i = 0; i < 2000; i += 1) {
      const { assessment } = assessCommitment(random, { submittedYear: 2014, startYear: 2014, endYear: 2016, currentYear: 2026 });
      for (const star of computeStars(toRatings(assessment))) if (star.starred === 1) starred.set(`${star.formula}/${star.report}`, (starred.get(`${star.formula}/${star.report}`) ?? 0) + 1);
    }
    for (const kind of ['2015/progress', 'current/progress', '2015/end_of_term', 'current/end_of_term']) assert.ok((starred.get(kind) ?? 0) > 20, `${kind}: ${starred.get(kind)}`);
    // The current formula only stars transformative commitments, so it stars fewer than the 2015 one.
    assert.ok(starred.get('current/progress')! < starred.get('2015/progress')!);
  });
});
