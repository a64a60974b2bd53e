// test-scope: no-database
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type MilestoneProgress, milestoneShares, rollUpProgress } from './progress.ts';

const milestone = (status: string, percentComplete: number, weight = 1): MilestoneProgress => ({ status, percentComplete, weight });

describe('milestone shares', () => {
  it('normalises weights so they add up to the whole', () => {
    assert.deepEqual(milestoneShares([milestone('limited', 10, 2), milestone('limited', 10, 1), milestone('limited', 10, 1)]), [0.5, 0.25, 0.25]);
    assert.deepEqual(milestoneShares([milestone('limited', 10, 0.5), milestone('limited', 10, 1.5)]), [0.25, 0.75]);
  });

  it('gives a withdrawn milestone no share and shares its weight among the others', () => {
    assert.deepEqual(milestoneShares([milestone('withdrawn', 0, 2), milestone('limited', 10, 1), milestone('complete', 100, 3)]), [0, 0.25, 0.75]);
  });

  it('counts milestones equally should no weight be usable, and gives nothing when all are withdrawn', () => {
    assert.deepEqual(milestoneShares([milestone('limited', 10, 0), milestone('limited', 10, Number.NaN)]), [0.5, 0.5]);
    assert.deepEqual(milestoneShares([milestone('withdrawn', 0), milestone('withdrawn', 0)]), [0, 0]);
    assert.deepEqual(milestoneShares([]), []);
  });
});

describe('rolling progress up', () => {
  it('weights milestones: 2, 1, 1 count for 50, 25 and 25 per cent', () => {
    const result = rollUpProgress({ milestones: [milestone('substantial', 80, 2), milestone('limited', 40, 1), milestone('not_started', 0, 1)], latestUpdate: null });
    // 0.5 × 80 + 0.25 × 40 + 0.25 × 0 = 50
    assert.deepEqual(result, { status: 'substantial', percent: 50, basis: 'milestones' });
  });

  it('is limited below half way and substantial from half way', () => {
    assert.equal(rollUpProgress({ milestones: [milestone('limited', 49)], latestUpdate: null }).status, 'limited');
    assert.equal(rollUpProgress({ milestones: [milestone('limited', 50)], latestUpdate: null }).status, 'substantial');
  });

  it('takes one milestone as the whole commitment', () => {
    assert.deepEqual(rollUpProgress({ milestones: [milestone('limited', 30, 7)], latestUpdate: { status: 'substantial', percentComplete: 90 } }), {
      status: 'limited',
      percent: 30,
      basis: 'milestones',
    });
  });

  it('is complete at 100 per cent only when every milestone that counts is complete', () => {
    assert.deepEqual(rollUpProgress({ milestones: [milestone('complete', 100, 3), milestone('complete', 100, 1)], latestUpdate: null }), {
      status: 'complete',
      percent: 100,
      basis: 'milestones',
    });
    // One open milestone keeps the commitment below 100 %, even when rounding or its own figure would say otherwise.
    const almost = rollUpProgress({ milestones: [milestone('complete', 100, 999), milestone('substantial', 100, 1)], latestUpdate: null });
    assert.deepEqual(almost, { status: 'substantial', percent: 99, basis: 'milestones' });
    // A complete milestone counts as done whatever percentage it was last given.
    assert.equal(rollUpProgress({ milestones: [milestone('complete', 20), milestone('limited', 0)], latestUpdate: null }).percent, 50);
  });

  it('is not started while no milestone has started, whatever figure a not-started milestone carries', () => {
    assert.deepEqual(rollUpProgress({ milestones: [milestone('not_started', 40), milestone('not_started', 0)], latestUpdate: null }), {
      status: 'not_started',
      percent: 0,
      basis: 'milestones',
    });
    // Started but with nothing to show yet: limited, at 0 %.
    assert.deepEqual(rollUpProgress({ milestones: [milestone('limited', 0), milestone('not_started', 0)], latestUpdate: null }), {
      status: 'limited',
      percent: 0,
      basis: 'milestones',
    });
  });

  it('leaves withdrawn milestones out of the figure and the status', () => {
    const result = rollUpProgress({ milestones: [milestone('withdrawn', 0, 5), milestone('complete', 100, 1), milestone('complete', 100, 1)], latestUpdate: null });
    assert.deepEqual(result, { status: 'complete', percent: 100, basis: 'milestones' });
    const partly = rollUpProgress({ milestones: [milestone('withdrawn', 90, 1), milestone('limited', 20, 1)], latestUpdate: null });
    assert.deepEqual(partly, { status: 'limited', percent: 20, basis: 'milestones' });
  });

  it('uses the latest commitment-wide update when there are no milestones', () => {
    assert.deepEqual(rollUpProgress({ milestones: [], latestUpdate: { status: 'substantial', percentComplete: 65 } }), {
      status: 'substantial',
      percent: 65,
      basis: 'update',
    });
    assert.deepEqual(rollUpProgress({ milestones: [], latestUpdate: { status: 'limited', percentComplete: 140 } }).percent, 100);
  });

  it('says nothing when there are neither milestones nor updates, so the stored figures stand', () => {
    assert.deepEqual(rollUpProgress({ milestones: [], latestUpdate: null }), { status: 'not_started', percent: null, basis: 'none' });
  });

  it('ignores an update whose status is not on the scale', () => {
    assert.equal(rollUpProgress({ milestones: [], latestUpdate: { status: 'Ongoing', percentComplete: 10 } }).basis, 'none');
  });

  it('lets the government withdraw the commitment over its milestones, keeping how far it got', () => {
    const result = rollUpProgress({ milestones: [milestone('complete', 100), milestone('limited', 20)], latestUpdate: { status: 'withdrawn', percentComplete: 0 } });
    assert.deepEqual(result, { status: 'withdrawn', percent: 60, basis: 'milestones' });
    assert.deepEqual(rollUpProgress({ milestones: [], latestUpdate: { status: 'withdrawn', percentComplete: 30 } }), {
      status: 'withdrawn',
      percent: 30,
      basis: 'update',
    });
  });

  it('counts a commitment whose milestones were all withdrawn as withdrawn, unless an update says otherwise', () => {
    const all = [milestone('withdrawn', 10), milestone('withdrawn', 50)];
    assert.deepEqual(rollUpProgress({ milestones: all, latestUpdate: null }), { status: 'withdrawn', percent: null, basis: 'milestones' });
    assert.deepEqual(rollUpProgress({ milestones: all, latestUpdate: { status: 'limited', percentComplete: 5 } }), {
      status: 'limited',
      percent: 5,
      basis: 'update',
    });
  });
});
