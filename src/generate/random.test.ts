// test-scope: no-database
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apportion, Random, weights } from './random.ts';
import { OGP_SIZE, sizesForScale } from './sizes.ts';

describe('the seeded random source', () => {
  it('repeats itself for the same seed and differs for another', () => {
    const draw = (seed: string) => {
      const random = new Random(seed);
      return Array.from({ length: 20 }, () => random.uint32());
    };
    assert.deepEqual(draw('a'), draw('a'));
    assert.notDeepEqual(draw('a'), draw('b'));
  });

  it('stays within its ranges and draws every value of a small range', () => {
    const random = new Random('ranges');
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i += 1) {
      const n = random.int(3, 7);
      assert.ok(n >= 3 && n <= 7);
      seen.add(n);
      const f = random.float();
      assert.ok(f >= 0 && f < 1);
    }
    assert.deepEqual([...seen].sort(), [3, 4, 5, 6, 7]);
  });

  it('follows its weights', () => {
    const random = new Random('weights');
    const counts = { rare: 0, common: 0 };
    const table = weights({ rare: 1, common: 9 });
    for (let i = 0; i < 10_000; i += 1) counts[random.weighted(table)] += 1;
    assert.ok(counts.rare > 800 && counts.rare < 1200, `rare drawn ${counts.rare} times in 10,000`);
  });

  it('makes well-formed, distinct version-4 UUIDs', () => {
    const random = new Random('ids');
    const ids = new Set<string>();
    for (let i = 0; i < 10_000; i += 1) {
      const id = random.uuid();
      assert.match(id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      ids.add(id);
    }
    assert.equal(ids.size, 10_000);
  });

  it('samples without repeats', () => {
    const picked = new Random('sample').sample([1, 2, 3, 4, 5, 6], 4);
    assert.equal(picked.length, 4);
    assert.equal(new Set(picked).size, 4);
  });
});

describe('apportion', () => {
  it('splits a total exactly, in proportion, with a minimum each', () => {
    const parts = [...apportion(100, [1, 1, 2], 0)];
    assert.deepEqual(parts, [25, 25, 50]);
    const withMinimum = [...apportion(10, [0, 0, 100], 2)];
    assert.deepEqual(withMinimum, [2, 2, 6]);
    const odd = [...apportion(7, [1, 1, 1])];
    assert.equal(odd.reduce((a, b) => a + b, 0), 7);
    assert.ok(Math.max(...odd) - Math.min(...odd) <= 1);
  });

  it('spreads evenly when every weight is zero', () => {
    assert.deepEqual([...apportion(4, [0, 0, 0, 0])], [1, 1, 1, 1]);
  });
});

describe('sizes by scale', () => {
  it('is OGP\'s size at ×1 and a hundred times it at ×100', () => {
    const one = sizesForScale(1);
    assert.equal(one.members, OGP_SIZE.members);
    assert.equal(one.nationalMembers + one.localMembers, one.members);
    assert.equal(one.commitments, 6_000);
    assert.equal(one.progressUpdates, 100_000);
    assert.equal(sizesForScale(100).commitments, 600_000);
    assert.equal(sizesForScale(10).milestones, 300_000);
  });

  it('keeps at least one member, plan and commitment per plan at tiny scales', () => {
    const tiny = sizesForScale(0.0001);
    assert.equal(tiny.members, 1);
    assert.ok(tiny.plans >= tiny.members && tiny.commitments >= tiny.plans);
  });

  it('refuses scales that are not above zero or absurdly large', () => {
    for (const scale of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, 1e6]) assert.throws(() => sizesForScale(scale), RangeError);
  });
});
