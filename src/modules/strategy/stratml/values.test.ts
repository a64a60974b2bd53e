// test-scope: no-database
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PLAN_TYPES } from './model.ts';
import { cleanText, decimalText, toAnyUri, toEnum, toIsoDate, toNumber, writableDate, xmlText } from './values.ts';

describe('StratML values', () => {
  it('reads calendar dates and refuses what is not one', () => {
    assert.deepEqual(toIsoDate('2024-02-29'), { date: '2024-02-29', exact: true });
    assert.deepEqual(toIsoDate(' 2023-12-31 '), { date: '2023-12-31', exact: true });
    assert.deepEqual(toIsoDate(''), { date: '', exact: true });
    assert.deepEqual(toIsoDate('2023-02-29'), { date: '', exact: false });
    assert.deepEqual(toIsoDate('2023-13-01'), { date: '', exact: false });
    assert.deepEqual(toIsoDate('0000-01-01'), { date: '', exact: false });
    assert.deepEqual(toIsoDate('TBD'), { date: '', exact: false });
    assert.deepEqual(toIsoDate('2023-Q1'), { date: '', exact: false });
    assert.deepEqual(toIsoDate('01/05/2023'), { date: '', exact: false });
  });

  it('keeps the date of a date with a time zone or a time, and says it left something out', () => {
    assert.deepEqual(toIsoDate('2023-05-01Z'), { date: '2023-05-01', exact: false });
    assert.deepEqual(toIsoDate('2023-05-01+02:00'), { date: '2023-05-01', exact: false });
    assert.deepEqual(toIsoDate('2023-05-01T10:30:00Z'), { date: '2023-05-01', exact: false });
  });

  it('writes only real dates', () => {
    assert.equal(writableDate('2023-05-01'), '2023-05-01');
    assert.equal(writableDate('TBD'), '');
    assert.equal(writableDate('2023-02-30'), '');
  });

  it('reads numbers as xs:decimal allows them, plus thousands separators', () => {
    assert.equal(toNumber('42'), 42);
    assert.equal(toNumber(' -3.5 '), -3.5);
    assert.equal(toNumber('.5'), 0.5);
    assert.equal(toNumber('+7.'), 7);
    assert.equal(toNumber('1,250,000.25'), 1250000.25);
    assert.equal(toNumber('1e3'), 1000);
    assert.equal(toNumber(''), null);
    assert.equal(toNumber('about 50'), null);
    assert.equal(toNumber('50%'), null);
    assert.equal(toNumber('1,2'), null);
    assert.equal(toNumber('NaN'), null);
    assert.equal(toNumber('Infinity'), null);
    assert.equal(toNumber('1e400'), null);
  });

  it('writes numbers without exponents', () => {
    assert.equal(decimalText(42), '42');
    assert.equal(decimalText(-0.25), '-0.25');
    assert.equal(decimalText(-0), '0');
    assert.equal(decimalText(1e21), '1000000000000000000000');
    assert.equal(decimalText(1.5e22), '15000000000000000000000');
    assert.equal(decimalText(1e-7), '0.0000001');
    assert.equal(decimalText(-1.25e-8), '-0.0000000125');
    for (const value of [1e21, 1.5e22, 1e-7, -1.25e-8, 123.456]) assert.equal(Number(decimalText(value)), value);
  });

  it('matches enumeration values whatever their case and separators', () => {
    assert.equal(toEnum('Performance_Plan', PLAN_TYPES), 'Performance_Plan');
    assert.equal(toEnum('performance plan', PLAN_TYPES), 'Performance_Plan');
    assert.equal(toEnum('Strategic-Plan', PLAN_TYPES), 'Strategic_Plan');
    assert.equal(toEnum('Annual_Plan', PLAN_TYPES), null);
    assert.equal(toEnum('', PLAN_TYPES), null);
  });

  it('keeps URIs as written and percent-encodes text that is not one', () => {
    assert.deepEqual(toAnyUri('https://example.org/plan.xml?a=1#top'), { uri: 'https://example.org/plan.xml?a=1#top', escaped: false });
    assert.deepEqual(toAnyUri('SMLC2011.xml'), { uri: 'SMLC2011.xml', escaped: false });
    assert.deepEqual(toAnyUri('https://example.org/a b'), { uri: 'https://example.org/a b', escaped: false });
    assert.deepEqual(toAnyUri(''), { uri: '', escaped: false });
    assert.deepEqual(toAnyUri('a#b#c'), { uri: 'a%23b%23c', escaped: true });
    assert.deepEqual(toAnyUri('100%'), { uri: '100%25', escaped: true });
    assert.deepEqual(toAnyUri('http://[bad'), { uri: 'http%3A%2F%2F%5Bbad', escaped: true });
    // Encoding is done once: the encoded text is a URI and stays as it is.
    assert.deepEqual(toAnyUri('a%23b%23c'), { uri: 'a%23b%23c', escaped: false });
  });

  it('drops characters XML cannot hold and trims what the reader keeps', () => {
    assert.equal(xmlText('a\u0001b\uFFFEc\r\nd\re'), 'abc\nd\ne');
    assert.equal(xmlText('lone \uD800 surrogate, pair \uD83D\uDE00 kept'), 'lone  surrogate, pair \uD83D\uDE00 kept');
    assert.equal(cleanText('  text \t\n'), 'text');
  });
});
