// test-scope: no-database
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Random } from '../../generate/random.ts';
import { leastListed, mostFrequentEntries } from './explorer.top-counts.ts';

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

describe('the values a facet lists', () => {
  /** The definition: every value counted, most frequent first, equal counts in code-unit order of their values. */
  const reference = (tally: Int32Array, values: string[], max: number): string[] =>
    values
      .map((value, code) => ({ value, count: tally[code + 1]! }))
      .filter((v) => v.count > 0)
      .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : 1))
      .slice(0, max)
      .map((v) => `${v.value}=${v.count}`);

  it('are the most frequent, ties in the text order of their values, as values are added', () => {
    const random = new Random('most-frequent');
    const values: string[] = [];
    for (let round = 0; round < 200; round++) {
      // The same list grows between rounds, as a facet's dictionary does: the ranks must follow it.
      for (let added = random.int(0, 40); added > 0; added--) {
        const value = `${random.pick(['m', 'M', 'a', 'É', 'z'])}${random.int(0, 99_999).toString(36)}`;
        // A dictionary holds each value once.
        if (!values.includes(value)) values.push(value);
      }
      const tally = Int32Array.from({ length: values.length + 1 }, () => (random.chance(0.4) ? 0 : random.int(1, random.pick([2, 4, 30]))));
      const max = random.pick([1, 10, 100]);
      const found = mostFrequentEntries(tally, values, max).map((entry) => `${values[entry - 1]}=${tally[entry]}`);
      assert.deepEqual(found, reference(tally, values, max), `round ${round}, ${values.length} values, max ${max}`);
    }
  });
});
