// test-scope: no-database
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPlanId, memberCodeOfPlanId, planIdFor } from './plan-ids.ts';
import { planTiming } from './plan-timing.ts';
import { summariseProgress } from './progress-summary.ts';

describe('plan ids', () => {
  it('knows OGP\'s form: AP_, the member code and a two-digit number', () => {
    for (const id of ['AP_ALB01', 'AP_ARBA02', 'AP_USA05', 'AP_KEN100']) assert.ok(isPlanId(id), id);
    for (const id of ['AP_ALB1', 'ALB01', 'AP_01', 'ap_alb01', 'AP_ALB01X', 'AP_1AB01']) assert.ok(!isPlanId(id), id);
    assert.equal(memberCodeOfPlanId('AP_ARBA02'), 'ARBA');
    assert.equal(memberCodeOfPlanId('nonsense'), null);
    assert.equal(planIdFor('ALB', 3), 'AP_ALB03');
    assert.equal(planIdFor('KEN', 12), 'AP_KEN12');
  });
});

describe('plan timing', () => {
  const today = '2026-06-30';
  it('compares the submission with the due date', () => {
    assert.deepEqual(planTiming({ status: 'submitted', due_date: '2026-06-30', submitted_on: '2026-06-30' }, today), { kind: 'on_time' });
    assert.deepEqual(planTiming({ status: 'implementation', due_date: '2026-06-30', submitted_on: '2026-05-01' }, today), { kind: 'on_time' });
    assert.deepEqual(planTiming({ status: 'implementation', due_date: '2025-08-31', submitted_on: '2026-01-01' }, today), { kind: 'late', days: 123 });
  });
  it('counts down to the due date, or up from it, while the plan is being written', () => {
    assert.deepEqual(planTiming({ status: 'drafting', due_date: '2026-07-10', submitted_on: null }, today), { kind: 'due', days: 10 });
    assert.deepEqual(planTiming({ status: 'consultation', due_date: '2026-06-30', submitted_on: null }, today), { kind: 'due', days: 0 });
    assert.deepEqual(planTiming({ status: 'consultation', due_date: '2026-06-01', submitted_on: null }, today), { kind: 'overdue', days: 29 });
  });
  it('says nothing without a due date, or for a plan past submission whose date was never recorded', () => {
    assert.deepEqual(planTiming({ status: 'drafting', due_date: null, submitted_on: '2026-01-01' }, today), { kind: 'unknown' });
    assert.deepEqual(planTiming({ status: 'implementation', due_date: '2020-01-01', submitted_on: null }, today), { kind: 'unknown' });
  });
});

describe('progress summary', () => {
  it('counts every status in the scale\'s order and averages those being delivered that report a percentage', () => {
    const summary = summariseProgress([
      { status: 'withdrawn', count: 2, withPercent: 2, percentSum: 150 },
      { status: 'complete', count: 3, withPercent: 3, percentSum: 300 },
      { status: 'limited', count: 4, withPercent: 2, percentSum: 30 },
    ]);
    assert.equal(summary.total, 9);
    assert.deepEqual(summary.byStatus, [
      { status: 'not_started', count: 0 },
      { status: 'limited', count: 4 },
      { status: 'substantial', count: 0 },
      { status: 'complete', count: 3 },
      { status: 'withdrawn', count: 2 },
    ]);
    assert.equal(summary.averagedOver, 5);
    assert.equal(summary.averagePercent, 66);
  });
  it('keeps a status outside the scale rather than losing its commitments, and has no average with nothing to average', () => {
    const summary = summariseProgress([{ status: 'unclear', count: 1, withPercent: 0, percentSum: 0 }]);
    assert.equal(summary.total, 1);
    assert.deepEqual(summary.byStatus.at(-1), { status: 'unclear', count: 1 });
    assert.equal(summary.averagePercent, null);
    assert.equal(summariseProgress([]).total, 0);
  });
});
