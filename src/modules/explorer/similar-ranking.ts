import type { PackedMatches } from '../../db/fulltext.ts';
import type { FacetIndex } from './explorer.index.ts';

// Similar commitments worked out in memory from each distinctive word's kept matches (similarityWordMatches): a
// commitment's score is its words' parts added up in the words' order, exactly as the database adds them up when
// asked for all the words at once (similarityMatches), and what is shown of it (identifier, title, member) is in the
// facet index. A commitment's first view then reads no matches from the database for words other pages have used.

export interface SimilarCommitment {
  ogpId: string;
  title: string;
  memberName: string;
  memberSlug: string;
  /** Higher is more similar; comparable only within one answer. */
  score: number;
}

/** Each of the words' matches, with the word's weight; `part` makes a word's share of the score (similarityPart). */
export interface WordMatches {
  matches: PackedMatches;
  weight: number;
}

/**
 * Running sums by document number, reused from one answer to the next (a commitment's words match a few thousand
 * commitments, out of up to 600,000): `stamp[doc] === round` says the sum is this round's.
 */
const sums = { round: 0, stamp: new Int32Array(0), score: new Float64Array(0), touched: new Int32Array(0) };

function roomFor(documents: number, matches: number): void {
  if (sums.touched.length < matches) sums.touched = new Int32Array(Math.max(matches, Math.ceil(sums.touched.length * 1.5)));
  if (sums.stamp.length >= documents) return;
  const size = Math.max(documents, Math.ceil(sums.stamp.length * 1.5));
  sums.stamp = new Int32Array(size);
  sums.score = new Float64Array(size);
  sums.round = 0;
}

/**
 * Every document matching any word (the first this many of sums.touched), with its score: the first part set, the
 * later ones added in the words' order.
 */
function addedUp(words: readonly WordMatches[], part: (weight: number, rank: number) => number): number {
  const documents = words.reduce((most, { matches }) => Math.max(most, matches.docs.length > 0 ? matches.docs[matches.docs.length - 1]! + 1 : 0), 0);
  roomFor(
    documents,
    words.reduce((all, { matches }) => all + matches.docs.length, 0),
  );
  // Stamps are compared for equality, so a round number may come back only after every stamp was cleared.
  if (++sums.round === 0x7fffffff) {
    sums.stamp.fill(0);
    sums.round = 1;
  }
  const { round, stamp, score, touched } = sums;
  let n = 0;
  for (const { matches, weight } of words) {
    const { docs, scores } = matches;
    if (scores === null) throw new Error('similar commitments need ranked matches');
    for (let k = 0; k < docs.length; k++) {
      const doc = docs[k]!;
      const share = part(weight, scores[k]!);
      if (stamp[doc] === round) score[doc]! += share;
      else {
        stamp[doc] = round;
        score[doc] = share;
        touched[n++] = doc;
      }
    }
  }
  return n;
}

/**
 * The `limit` commitments scoring highest over the words, best first (equal scores in identifier order), leaving out
 * the member's own and any the index no longer holds.
 */
export function bestOfKept(index: FacetIndex, words: readonly WordMatches[], part: (weight: number, rank: number) => number, ownMemberId: string, limit: number): SimilarCommitment[] {
  if (limit <= 0) return [];
  const n = addedUp(words, part);
  const { score, touched } = sums;
  const { rowOfDoc, rank, live } = index;
  const members = index.single.member;
  const own = members.dictionary.find(ownMemberId);
  // Negative when row a (scoring sa) ranks before row b.
  const before = (sa: number, a: number, sb: number, b: number): number => sb - sa || rank[a]! - rank[b]!;
  const best: Array<{ row: number; score: number }> = [];
  for (let k = 0; k < n; k++) {
    const doc = touched[k]!;
    const s = score[doc]!;
    // Most matches score below the last of a full list: passed over before looking them up.
    if (best.length === limit && s < best[limit - 1]!.score) continue;
    const row = doc < rowOfDoc.length ? rowOfDoc[doc]! : -1;
    if (row < 0 || live[row] !== 1 || (own >= 0 && members.codeAt(row) === own)) continue;
    if (best.length === limit && before(s, row, best[limit - 1]!.score, best[limit - 1]!.row) >= 0) continue;
    let at = best.length === limit ? limit - 1 : best.length;
    while (at > 0 && before(s, row, best[at - 1]!.score, best[at - 1]!.row) < 0) {
      best[at] = best[at - 1]!;
      at--;
    }
    best[at] = { row, score: s };
  }
  return best.map(({ row, score: s }) => {
    const member = index.members.get(members.valueOf(row) ?? '');
    return { ogpId: index.ogpIdAt(row), title: index.titleAt(row), memberName: member?.name ?? '', memberSlug: member?.slug ?? '', score: s };
  });
}
