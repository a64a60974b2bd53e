import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import { bestSimilarityMatches, searchDataVersion, similarityMatches, termCounts, type TermStatistics, termStatistics, type WeightedTerm } from '../../db/fulltext.ts';
import { VersionedCache } from './explorer.cache.ts';
import { indexAt } from './explorer.index-store.ts';

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
const DISTINCTIVE = 6;
/**
 * Every commitment containing any of the words searched for is scored, so words are added, most
 * distinctive first, only while the commitments they are in (counted per word) stay within this many;
 * a word that would pass it is left out for a rarer one. A search then costs about the same however many
 * commitments there are. Small collections never reach it.
 */
const MATCH_BUDGET = 4000;
/**
 * The best-scored matches read with their members; the member's own commitments are dropped from them.
 * When they leave too few, or a tie at the cut could hide a better one, every match is read instead.
 */
const RANKED = 50;
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

// In a small collection every shared word would be "common"; two commitments may always share one.
const commonAt = (documents: number): number => Math.max(2, Math.floor(documents * COMMON_SHARE));

/**
 * The version of what similarity reads: commitments' words, identifiers and members, and members' names. A
 * progress update moves the data version but not this one, so answers worked out before it still hold after
 * it. The facet index follows both versions already (explorer_changes marks text changes).
 */
export async function similarityVersion(db: DbOrTrx): Promise<number> {
  return (await indexAt(db, await searchDataVersion(db))).textVersion;
}

/** How common words are, kept per text version: pages ask about the same everyday words again and again. */
interface KnownStatistics {
  version: number;
  documents: number;
  frequencies: Map<string, number>;
}
const knownStatistics = new WeakMap<object, KnownStatistics>();
/** Distinct words remembered per database; a collection's whole vocabulary is rarely needed. */
const KNOWN_WORDS = 100_000;

/** termStatistics, asking the index only about words not already counted at this data version (null: no caching). */
async function statisticsOf(db: DbOrTrx, words: string[], version: number | null): Promise<TermStatistics> {
  // A word in more commitments than the common share, or than the match budget, is never chosen (the one is left out
  // as common, the other as too costly to match), so counting past either says nothing more: at ×100 the common share
  // is 90,000 commitments and the budget 4,000, and where PostgreSQL counts a word from its index (a word it splits
  // in several) the count reads that many rows.
  const countUpTo = (documents: number) => Math.min(commonAt(documents), MATCH_BUDGET) + 1;
  if (version === null) return termStatistics(db, words, countUpTo);
  const known = knownStatistics.get(db);
  if (!known || known.version !== version || known.frequencies.size > KNOWN_WORDS) {
    const fresh = await termStatistics(db, words, countUpTo);
    knownStatistics.set(db, { version, documents: fresh.documents, frequencies: new Map(fresh.frequencies) });
    return fresh;
  }
  const unknown = words.filter((w) => !known.frequencies.has(w));
  if (unknown.length > 0) {
    for (const [word, frequency] of (await termStatistics(db, unknown, countUpTo, known.documents)).frequencies) known.frequencies.set(word, frequency);
  }
  return { documents: known.documents, frequencies: new Map(words.map((w) => [w, known.frequencies.get(w) ?? 0])) };
}

/**
 * The commitment's most distinctive words by tf-idf, each weighted by its rarity. Words only this commitment
 * uses are left out (they can match nothing else), as are words most commitments use.
 */
export async function distinctiveTerms(db: DbOrTrx, commitment: { title: string; short_title: string; theme: string; body: string }): Promise<WeightedTerm[]> {
  return chooseTerms(db, commitment, db.isTransaction ? null : await similarityVersion(db));
}

async function chooseTerms(db: DbOrTrx, commitment: { title: string; short_title: string; theme: string; body: string }, version: number | null): Promise<WeightedTerm[]> {
  const candidates = [...weightedCounts(commitment)].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, CANDIDATES);
  if (candidates.length === 0) return [];
  const { documents, frequencies } = await statisticsOf(
    db,
    candidates.map(([word]) => word),
    version,
  );
  const common = commonAt(documents);
  const ranked = candidates
    .map(([term, count]) => {
      const frequency = frequencies.get(term) ?? 0;
      // BM25's inverse document frequency: always positive, larger for rarer words.
      const weight = Math.log(1 + (documents - frequency + 0.5) / (frequency + 0.5));
      return { term, frequency, weight, score: count * weight };
    })
    .filter((t) => t.frequency >= 2 && t.frequency <= common)
    .sort((a, b) => b.score - a.score || a.term.localeCompare(b.term));
  const chosen: WeightedTerm[] = [];
  let matched = 0;
  for (const { term, frequency, weight } of ranked) {
    if (chosen.length === DISTINCTIVE) break;
    if (matched + frequency > MATCH_BUDGET) continue;
    matched += frequency;
    chosen.push({ term, weight });
  }
  return chosen;
}

// Answers kept per text version: a commitment's page asks for the same list on every visit, and after every
// progress update anywhere.
const caches = new WeakMap<object, VersionedCache<SimilarCommitment[]>>();
const CACHE_CAPACITY = 1000;

/** Commitments from other members most like this one, best first; empty when it has nothing distinctive to compare. */
export async function findSimilarCommitments(db: DbOrTrx, commitmentId: string, limit = SIMILAR_DEFAULT): Promise<SimilarCommitment[]> {
  if (db.isTransaction) return computeSimilar(db, commitmentId, limit);
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new VersionedCache(CACHE_CAPACITY)));
  const version = await similarityVersion(db);
  const key = `${commitmentId}:${limit}`;
  const hit = cache.get(version, key);
  if (hit) return hit;
  const similar = await computeSimilar(db, commitmentId, limit, version);
  cache.set(version, key, similar);
  return similar;
}

async function computeSimilar(db: DbOrTrx, commitmentId: string, limit: number, version: number | null = null): Promise<SimilarCommitment[]> {
  const commitment = await db
    .selectFrom('commitments')
    .select(['member_id', 'title', 'short_title', 'theme', 'full_text', 'problem', 'status_quo', 'objective', 'ambition'])
    .where('id', '=', commitmentId)
    .executeTakeFirst();
  if (!commitment) return [];
  const body = [commitment.full_text, commitment.problem, commitment.status_quo, commitment.objective, commitment.ambition].join(' ');
  const terms = await chooseTerms(db, { ...commitment, body }, version);
  if (terms.length === 0) return [];
  return (await fromBestMatches(db, terms, commitment.member_id, limit)) ?? fromAllMatches(db, terms, commitment.member_id, limit);
}

const bestFirst = (a: SimilarCommitment, b: SimilarCommitment): number => b.score - a.score || (a.ogpId < b.ogpId ? -1 : a.ogpId > b.ogpId ? 1 : 0);

/**
 * The answer from the RANKED best matches alone, which spares reading every match's commitment and member;
 * null when those cannot be shown to hold it.
 */
async function fromBestMatches(db: DbOrTrx, terms: WeightedTerm[], ownMemberId: string, limit: number): Promise<SimilarCommitment[] | null> {
  const rows = await db
    .selectFrom(bestSimilarityMatches(db, terms, RANKED).as('best'))
    .innerJoin('commitments as c', 'c.id', 'best.commitment_id')
    .innerJoin('members as m', 'm.id', 'c.member_id')
    .select(['c.ogp_id', 'c.title', 'c.member_id', 'm.name', 'm.slug', 'best.score'])
    .execute();
  const all = rows.map((r) => ({ memberId: r.member_id, similar: asSimilar(r) }));
  const others = all.filter((r) => r.memberId !== ownMemberId).map((r) => r.similar).sort(bestFirst).slice(0, limit);
  // Fewer rows than asked for means these are every match there is.
  if (rows.length < RANKED) return others;
  // Matches not read score at most the lowest read; the answer holds if its last one scores above that.
  const lowestRead = Math.min(...all.map((r) => r.similar.score));
  const last = others[limit - 1];
  return last !== undefined && last.score > lowestRead ? others : null;
}

async function fromAllMatches(db: DbOrTrx, terms: WeightedTerm[], ownMemberId: string, limit: number): Promise<SimilarCommitment[]> {
  const rows = await db
    .selectFrom('commitments as c')
    .innerJoin(similarityMatches(db, terms).as('similar_matches'), (join) => join.onRef(sql.ref('similar_matches.commitment_id'), '=', 'c.id'))
    .innerJoin('members as m', 'm.id', 'c.member_id')
    .select(['c.ogp_id', 'c.title', 'm.name', 'm.slug', sql<number>`similar_matches.score`.as('score')])
    .where('c.member_id', '<>', ownMemberId)
    .orderBy(sql`similar_matches.score`, 'desc')
    .orderBy('c.ogp_id')
    .limit(limit)
    .execute();
  return rows.map(asSimilar);
}

const asSimilar = (r: { ogp_id: string; title: string; name: string; slug: string; score: number | string }): SimilarCommitment => ({
  ogpId: r.ogp_id,
  title: r.title,
  memberName: r.name,
  memberSlug: r.slug,
  score: Number(r.score),
});
