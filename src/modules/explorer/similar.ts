import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import { searchDataVersion, similarityMatches, termCounts, termStatistics, type WeightedTerm } from '../../db/fulltext.ts';
import { VersionedCache } from './explorer.cache.ts';

// "Similar commitments from other members", for peer learning, with no external service: the commitment's
// most distinctive words (frequent in it, rare across all commitments) are searched for with OR, and the
// full-text engine ranks the commitments that share the most, and the rarest, of them.

export interface SimilarCommitment {
  ogpId: string;
  title: string;
  memberName: string;
  memberSlug: string;
  /** Higher is more similar; comparable only within one answer. */
  score: number;
}

export const SIMILAR_DEFAULT = 5;
/** Words looked up in the index, the most frequent in the commitment first. */
const CANDIDATES = 24;
/** Words searched for: enough to describe the commitment, few enough to stay a cheap query. */
const DISTINCTIVE = 10;
const MIN_WORD_LENGTH = 3;
/** A word in more than this share of all commitments says little about any of them, and matching it costs most. */
const COMMON_SHARE = 0.15;
/** Title words say more about what a commitment is than words deep in its text. */
const TITLE_WEIGHT = 3;

/** Words worth comparing: long enough to mean something and not bare numbers (years, counts). */
const meaningful = (word: string): boolean => [...word].length >= MIN_WORD_LENGTH && !/^\p{N}+$/u.test(word);

/** The commitment's words with how often it uses them, title and short title counting extra. */
function weightedCounts(commitment: { title: string; short_title: string; theme: string; body: string }): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (text: string, weight: number) => {
    for (const [word, n] of termCounts(text)) if (meaningful(word)) counts.set(word, (counts.get(word) ?? 0) + n * weight);
  };
  add(`${commitment.title} ${commitment.short_title}`, TITLE_WEIGHT);
  add(`${commitment.theme} ${commitment.body}`, 1);
  return counts;
}

/**
 * The commitment's most distinctive words by tf-idf, each weighted by its rarity. Words only this commitment
 * uses are left out (they can match nothing else), as are words most commitments use.
 */
export async function distinctiveTerms(db: DbOrTrx, commitment: { title: string; short_title: string; theme: string; body: string }): Promise<WeightedTerm[]> {
  const candidates = [...weightedCounts(commitment)].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, CANDIDATES);
  if (candidates.length === 0) return [];
  // In a small collection every shared word would be "common"; two commitments may always share one.
  const commonAt = (documents: number): number => Math.max(2, Math.floor(documents * COMMON_SHARE));
  const { documents, frequencies } = await termStatistics(
    db,
    candidates.map(([word]) => word),
    (n) => commonAt(n) + 1,
  );
  const common = commonAt(documents);
  return candidates
    .map(([term, count]) => {
      const frequency = frequencies.get(term) ?? 0;
      // BM25's inverse document frequency: always positive, larger for rarer words.
      const weight = Math.log(1 + (documents - frequency + 0.5) / (frequency + 0.5));
      return { term, frequency, weight, score: count * weight };
    })
    .filter((t) => t.frequency >= 2 && t.frequency <= common)
    .sort((a, b) => b.score - a.score || a.term.localeCompare(b.term))
    .slice(0, DISTINCTIVE)
    .map(({ term, weight }) => ({ term, weight }));
}

// Answers kept per data version: a commitment's page asks for the same list on every visit.
const caches = new WeakMap<object, VersionedCache<SimilarCommitment[]>>();
const CACHE_CAPACITY = 1000;

/** Commitments from other members most like this one, best first; empty when it has nothing distinctive to compare. */
export async function findSimilarCommitments(db: DbOrTrx, commitmentId: string, limit = SIMILAR_DEFAULT): Promise<SimilarCommitment[]> {
  if (db.isTransaction) return computeSimilar(db, commitmentId, limit);
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new VersionedCache(CACHE_CAPACITY)));
  const version = await searchDataVersion(db);
  const key = `${commitmentId}:${limit}`;
  const hit = cache.get(version, key);
  if (hit) return hit;
  const similar = await computeSimilar(db, commitmentId, limit);
  cache.set(version, key, similar);
  return similar;
}

async function computeSimilar(db: DbOrTrx, commitmentId: string, limit: number): Promise<SimilarCommitment[]> {
  const commitment = await db
    .selectFrom('commitments')
    .select(['member_id', 'title', 'short_title', 'theme', 'full_text', 'problem', 'status_quo', 'objective', 'ambition'])
    .where('id', '=', commitmentId)
    .executeTakeFirst();
  if (!commitment) return [];
  const body = [commitment.full_text, commitment.problem, commitment.status_quo, commitment.objective, commitment.ambition].join(' ');
  const terms = await distinctiveTerms(db, { ...commitment, body });
  if (terms.length === 0) return [];
  const rows = await db
    .selectFrom('commitments as c')
    .innerJoin(similarityMatches(db, terms).as('similar_matches'), (join) => join.onRef(sql.ref('similar_matches.commitment_id'), '=', 'c.id'))
    .innerJoin('members as m', 'm.id', 'c.member_id')
    .select(['c.ogp_id', 'c.title', 'm.name', 'm.slug', sql<number>`similar_matches.score`.as('score')])
    .where('c.member_id', '<>', commitment.member_id)
    .orderBy(sql`similar_matches.score`, 'desc')
    .orderBy('c.ogp_id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ ogpId: r.ogp_id, title: r.title, memberName: r.name, memberSlug: r.slug, score: Number(r.score) }));
}
