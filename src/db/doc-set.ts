// A word's matches as a set of document numbers: one bit per document, with a running count every 32 bits, so that
// whether a document is in the set, and where it sits in the word's list, are each a lookup or two. Intersecting two
// common words' lists by walking one and galloping through the other took most of a millisecond at ×100 (a hundred
// thousand matches each); testing the shorter list's documents against the longer one's bits takes a third of that.
// A list's set is made the first time it is asked for and kept as long as the list is (the matches of kept words
// live for many searches); it costs a quarter of a byte per document number up to the list's last.

export interface DocSet {
  /** Bit d % 32 of bits[d >> 5] is set when document d is in the list. */
  bits: Int32Array;
  /** How many of the list's documents come before bits[w]'s first document: their positions in the list. */
  before: Int32Array;
}

const sets = new WeakMap<Int32Array, DocSet>();

function bitCount(word: number): number {
  let v = word - ((word >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** The set of `docs`, which must be in ascending order (as every list of matches is). */
export function docSetOf(docs: Int32Array): DocSet {
  let set = sets.get(docs);
  if (set) return set;
  const words = docs.length === 0 ? 0 : (docs[docs.length - 1]! >> 5) + 1;
  const bits = new Int32Array(words);
  for (let k = 0; k < docs.length; k++) bits[docs[k]! >> 5]! |= 1 << (docs[k]! & 31);
  const before = new Int32Array(words);
  let count = 0;
  for (let w = 0; w < words; w++) {
    before[w] = count;
    count += bitCount(bits[w]!);
  }
  set = { bits, before };
  sets.set(docs, set);
  return set;
}

/** The bytes a list's set takes (or will, once made): for keeping count of what a cache of lists holds. */
export const docSetBytes = (docs: Int32Array): number => (docs.length === 0 ? 0 : ((docs[docs.length - 1]! >> 5) + 1) * 8);

/** Where `doc` sits in the list the set was made of; -1 when it is not in it. */
export function positionIn(set: DocSet, doc: number): number {
  const w = doc >> 5;
  if (w >= set.bits.length) return -1;
  const word = set.bits[w]!;
  const bit = 1 << (doc & 31);
  if ((word & bit) === 0) return -1;
  return set.before[w]! + bitCount(word & (bit - 1));
}
