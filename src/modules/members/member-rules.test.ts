// test-scope: no-database
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cohortForYear } from './cohorts.ts';
import { addDays, daysBetween, isIsoDate, parseOptionalDate } from './iso-dates.ts';
import { checkMemberCode } from './member-codes.ts';
import { regionKey } from './regions.ts';

describe('member codes', () => {
  it('takes ISO 3166 alpha-3 codes for national members and names their country', () => {
    assert.deepEqual(checkMemberCode('ALB', 'national'), { ok: true, countryCode: 'AL' });
    assert.deepEqual(checkMemberCode('GBR', 'national'), { ok: true, countryCode: 'GB' });
    assert.deepEqual(checkMemberCode('XKX', 'national'), { ok: false, reason: 'national' });
    assert.deepEqual(checkMemberCode('AL', 'national'), { ok: false, reason: 'national' });
    assert.deepEqual(checkMemberCode('ARBA', 'national'), { ok: false, reason: 'national' });
  });
  it('takes OGP codes for local members: a country\'s alpha-2 code and up to six more', () => {
    for (const [code, country] of [['ARBA', 'AR'], ['ESMD', 'ES'], ['NGKD', 'NG'], ['GBSC', 'GB']]) {
      assert.deepEqual(checkMemberCode(code as string, 'local'), { ok: true, countryCode: country });
    }
    for (const code of ['QQBA', 'A', 'AR', 'AR-BA', 'ARBACDEFG']) assert.equal(checkMemberCode(code, 'local').ok, false, code);
  });
});

describe('dates and cohorts', () => {
  it('accepts only real YYYY-MM-DD days', () => {
    assert.ok(isIsoDate('2024-02-29'));
    for (const text of ['2023-02-29', '2024-13-01', '2024-1-01', '20240101', '2024-01-01T00:00:00Z', '']) assert.ok(!isIsoDate(text), text);
    assert.deepEqual(parseOptionalDate('  '), { ok: true, value: null });
    assert.deepEqual(parseOptionalDate(' 2024-06-30 '), { ok: true, value: '2024-06-30' });
    assert.deepEqual(parseOptionalDate('30/06/2024'), { ok: false });
  });
  it('counts days across months and years', () => {
    assert.equal(addDays('2026-06-01', 13), '2026-06-14');
    assert.equal(addDays('2024-12-25', 10), '2025-01-04');
    assert.equal(daysBetween('2024-02-28', '2024-03-01'), 2);
    assert.equal(daysBetween('2024-03-01', '2024-02-28'), -2);
  });
  it('puts a member in the cohort of the year it joined', () => {
    assert.equal(cohortForYear(2012), 'even');
    assert.equal(cohortForYear(2011), 'odd');
    assert.equal(cohortForYear(null), null);
  });
  it('names each of OGP\'s four regions', () => {
    assert.equal(regionKey('Asia and the Pacific'), 'members.regions.asiaPacific');
    assert.equal(regionKey('Antarctica'), null);
  });
});
