// test-scope: no-database
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Random } from '../../generate/random.ts';
import { leastListed } from './explorer.top-counts.ts';

/** The same answer the slow way: every count above 0, sorted. */
function bySorting(tally: Int32Array, max: number): number {
  const counts = Array.from(tally.subarray(1)).filter((count) => count > 0).sort((a, b) => b - a);
  return counts.length < max ? 0 : counts[max - 1]!;
}

describe('the least count a facet lists', () => {
  it('is the max-th largest count above 0, ties and all, whatever the tally', () => {
    const random = new Random('top-counts');
    for (let round = 0; round < 300; round++) {
      const tally = Int32Array.from({ length: random.int(1, 2_000) }, () => (random.chance(0.3) ? 0 : random.int(1, random.pick([3, 50, 10_000]))));
      const max = random.pick([1, 2, 7, 100]);
      assert.equal(leastListed(tally, max), bySorting(tally, max), `round ${round}, ${tally.length} values, max ${max}`);
    }
  });

  it('leaves out the count of rows with no value, and answers 0 when too few values are counted', () => {
    assert.equal(leastListed(Int32Array.from([99, 5, 0, 3]), 2), 3);
    assert.equal(leastListed(Int32Array.from([99, 5, 0, 3]), 3), 0);
    assert.equal(leastListed(Int32Array.from([0, 4, 4, 4, 1]), 2), 4);
  });
});
