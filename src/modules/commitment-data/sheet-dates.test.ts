import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cell, readSheet } from '../../../test/support/commitment-data-factories.ts';
import { formatSheetDate, parseSheetDate } from './sheet-dates.ts';

describe('sheet dates', () => {
  const cases: Array<[string, string | null, string | null]> = [
    // cell, as a start date, as an end date
    ['9/1/2018', '2018-09-01', '2018-09-01'],
    ['10/1/18', '2018-10-01', '2018-10-01'],
    ['31/12/2016', '2016-12-31', '2016-12-31'],
    ['2024-02-29', '2024-02-29', '2024-02-29'],
    ['July 2014', '2014-07-01', '2014-07-31'],
    ['February 2016', '2016-02-01', '2016-02-29'],
    ['2014', '2014-01-01', '2014-12-31'],
    ['Quarter 1 2014', '2014-01-01', '2014-03-31'],
    ['IV quarter of 2020', '2020-10-01', '2020-12-31'],
    ['II quarter of 2021', '2021-04-01', '2021-06-30'],
    ['Spring 2015', '2015-03-01', '2015-05-31'],
    ['43525', '2019-03-01', '2019-03-01'],
    // A year typed into a date cell: day 2023 of the spreadsheet calendar.
    ['7/15/1905', '2023-01-01', '2023-12-31'],
    ['NA', null, null],
    ['Ongoing', null, null],
    ['', null, null],
  ];
  for (const [text, start, end] of cases) {
    it(`reads "${text}"`, () => {
      assert.deepEqual(parseSheetDate(text, 'start'), { date: start });
      assert.deepEqual(parseSheetDate(text, 'end'), { date: end });
    });
  }

  it('refuses text with digits that is no real date', () => {
    for (const text of ['2/30/2020', '13/13/2020', 'Quarter 5 2014', 'Smarch 2014', '1/1/1700', '99999', '12 June']) {
      assert.deepEqual(parseSheetDate(text, 'start'), { invalid: text }, text);
    }
  });

  it('writes a stored date as the sheet mostly does, and no date as NA', () => {
    assert.equal(formatSheetDate('2018-09-01'), '9/1/2018');
    assert.equal(formatSheetDate(null), 'NA');
  });

  it('reads every date of the real sheet', () => {
    const sheet = readSheet();
    for (const row of sheet.rows) {
      for (const column of ['Start Date', 'End Date']) {
        const value = cell(sheet, row, column);
        assert.ok(!('invalid' in parseSheetDate(value, 'start')), `${column} "${value}"`);
      }
    }
  });
});
