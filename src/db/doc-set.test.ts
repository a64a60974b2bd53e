import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Random } from '../generate/random.ts';
import { docSetBytes, docSetOf, positionIn } from './doc-set.ts';
import { intersectMatches, type PackedMatches } from './fulltext.ts';

/** Ascending distinct document numbers, each kept with the given chance, up to `last`. */
function someDocs(random: Random, last: number, share: number): Int32Array {
  const docs: number[] = [];
  for (let doc = 1; doc <= last; doc++) if (random.chance(share)) docs.push(doc);
  return Int32Array.from(docs);
}

describe('a list of matches as a set of documents', () => {
  it('finds every document of the list at its position, and no other, across every bit of every word', () => {
    const docs = Int32Array.from([0, 1, 30, 31, 32, 33, 63, 64, 95, 96, 1000, 4095]);
    const set = docSetOf(docs);
    docs.forEach((doc, position) => assert.equal(positionIn(set, doc), position, `document ${doc}`));
    for (const absent of [2, 29, 34, 62, 65, 999, 4094, 4096, 1_000_000]) assert.equal(positionIn(set, absent), -1, `document ${absent}`);
    assert.equal(docSetOf(docs), set, 'made once per list');
    assert.equal(docSetBytes(docs), 128 * 8);
    assert.equal(positionIn(docSetOf(new Int32Array(0)), 5), -1);
  });

  it('intersects long lists to the same documents and sums as walking them one by one', () => {
    const random = new Random('doc-set');
    const ranked = (docs: Int32Array): PackedMatches => ({ docs, scores: Float64Array.from(docs, () => random.int(1, 1000) / 97) });
    for (let round = 0; round < 20; round++) {
      const lists = [ranked(someDocs(random, 20_000, random.pick([0.05, 0.3, 0.9]))), ranked(someDocs(random, random.int(2_000, 30_000), random.pick([0.01, 0.5])))];
      const found = intersectMatches(lists, { ranked: true });
      const positions = lists.map((list) => new Map(Array.from(list.docs, (doc, k) => [doc, k])));
      const expected = Array.from(lists[0]!.docs).filter((doc) => positions[1]!.has(doc));
      assert.deepEqual(Array.from(found.docs), expected, `round ${round}`);
      assert.deepEqual(
        Array.from(found.scores!),
        expected.map((doc) => lists[0]!.scores![positions[0]!.get(doc)!]! + lists[1]!.scores![positions[1]!.get(doc)!]!),
      );
      const unranked = intersectMatches(lists.map((list) => ({ docs: list.docs, scores: null })), { ranked: false });
      assert.deepEqual(Array.from(unranked.docs), expected, `round ${round}, unranked`);
      assert.equal(unranked.scores, null);
    }
  });
});
