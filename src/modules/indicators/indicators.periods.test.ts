// test-scope: no-database
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../platform/errors.ts';
import { calendarYears, choosePeriods, defaultPeriods, isCalendarYear, MAX_YEARS, splitByYear } from './indicators.periods.ts';

const defaults = calendarYears(2015, 2018);

/** The field → message key of a refused query. */
function refusal(query: Record<string, string>): Record<string, string> {
  try {
    choosePeriods(query, defaults);
  } catch (error) {
    assert.ok(error instanceof AppError && error.code === 'VALIDATION_FAILED');
    return Object.fromEntries(Object.entries(error.fields).map(([field, m]) => [field, m.key]));
  }
  assert.fail('the query was accepted');
}

describe('indicator periods', () => {
  it('are the plan\'s calendar years by default, 2015 to 2018 when the plan has no usable dates', () => {
    assert.deepEqual(defaultPeriods('2015-01-01', '2018-12-31'), defaults);
    assert.deepEqual(defaultPeriods('2026-03-01', '2027-06-30'), calendarYears(2026, 2027));
    assert.deepEqual(defaultPeriods('', ''), defaults);
    assert.deepEqual(defaultPeriods('2019-01-01', '2018-01-01'), defaults);
    assert.deepEqual(defaultPeriods('1900-01-01', '2100-12-31'), defaults);
    const chosen = choosePeriods({}, defaults);
    assert.deepEqual(chosen.periods, defaults);
    assert.equal(chosen.custom, false);
  });

  it('take any date range as one period, or cut into calendar years', () => {
    assert.deepEqual(choosePeriods({ from: '2016-07-01', to: '2017-06-30' }, defaults).periods, [{ start: '2016-07-01', end: '2017-06-30' }]);
    assert.deepEqual(choosePeriods({ from: '2016-07-01', to: '2018-03-31', by: 'year' }, defaults).periods, [
      { start: '2016-07-01', end: '2016-12-31' },
      { start: '2017-01-01', end: '2017-12-31' },
      { start: '2018-01-01', end: '2018-03-31' },
    ]);
    assert.deepEqual(choosePeriods({ from: ' 2016-05-05 ', to: '2016-05-05' }, defaults).periods, [{ start: '2016-05-05', end: '2016-05-05' }]);
    assert.deepEqual(splitByYear('2020-01-01', '2020-12-31'), [{ start: '2020-01-01', end: '2020-12-31' }]);
    assert.equal(isCalendarYear({ start: '2020-01-01', end: '2020-12-31' }), true);
    assert.equal(isCalendarYear({ start: '2020-01-02', end: '2020-12-31' }), false);
  });

  it('refuse half a range, impossible dates, a reversed range, too many years and an unknown split', () => {
    assert.deepEqual(refusal({ from: '2016-01-01' }), { to: 'indicators.errors.toRequired' });
    assert.deepEqual(refusal({ to: '2016-01-01' }), { from: 'indicators.errors.fromRequired' });
    assert.deepEqual(refusal({ from: '2016-02-30', to: '2016-13-01' }), { from: 'indicators.errors.dateInvalid', to: 'indicators.errors.dateInvalid' });
    assert.deepEqual(refusal({ from: '16-01-01', to: '2016-01-01' }), { from: 'indicators.errors.dateInvalid' });
    assert.deepEqual(refusal({ from: '2017-01-01', to: '2016-12-31' }), { to: 'indicators.errors.toBeforeFrom' });
    assert.deepEqual(refusal({ from: '2000-01-01', to: `${2000 + MAX_YEARS}-01-01`, by: 'year' }), { to: 'indicators.errors.tooManyYears' });
    assert.deepEqual(refusal({ by: 'month' }), { by: 'indicators.errors.byInvalid' });
    // A long range as one period is fine: it is one bar.
    assert.equal(choosePeriods({ from: '2000-01-01', to: '2099-12-31' }, defaults).periods.length, 1);
  });
});
