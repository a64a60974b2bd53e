// test-scope: no-database
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { indicatorStatus } from './indicators.status.ts';

const target = (numberOfUnits: number | null) => ({ numberOfUnits });

describe('the status of a period', () => {
  it('is ahead from 110 % of the target, on track from 90 %, behind below', () => {
    assert.equal(indicatorStatus(target(100), 200), 'ahead');
    assert.equal(indicatorStatus(target(100), 110), 'ahead');
    assert.equal(indicatorStatus(target(100), 109.99), 'on_track');
    assert.equal(indicatorStatus(target(100), 100), 'on_track');
    assert.equal(indicatorStatus(target(100), 90), 'on_track');
    assert.equal(indicatorStatus(target(100), 89.99), 'behind');
    assert.equal(indicatorStatus(target(100), 0), 'behind');
  });

  it('treats decimal targets at the edges as the percentages say, not as binary fractions round them', () => {
    assert.equal(indicatorStatus(target(0.3), 0.33), 'ahead');
    assert.equal(indicatorStatus(target(0.3), 0.27), 'on_track');
    assert.equal(indicatorStatus(target(70), 63), 'on_track');
    assert.equal(indicatorStatus(target(70), 77), 'ahead');
  });

  it('meets a target of zero exactly and beats it with anything more', () => {
    assert.equal(indicatorStatus(target(0), 0), 'on_track');
    assert.equal(indicatorStatus(target(0), 1), 'ahead');
  });

  it('claims nothing without an actual, without a target, or against a qualitative target or indicator', () => {
    assert.equal(indicatorStatus(target(100), null), 'no_data');
    assert.equal(indicatorStatus(null, null), 'no_data');
    assert.equal(indicatorStatus(null, 50), 'no_target');
    assert.equal(indicatorStatus(target(null), 50), 'not_compared');
    assert.equal(indicatorStatus(target(100), 50, true), 'not_compared');
  });
});
