import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import { searchDataVersion, similarityMatches, similarityPart, termCounts, type TermStatistics, termStatistics, type WeightedTerm } from '../../db/fulltext.ts';
import { VersionedCache } from './explorer.cache.ts';
import type { FacetIndex } from './explorer.index.ts';
import { indexAt } from './explorer.index-store.ts';
import { similarityLists } from './explorer.text.ts';
import { bestOfKept, type SimilarCommitment } from './similar-ranking.ts';

// "Similar commitments from other members", for peer learning, with no external service: the commitment's
// most distinctive words (frequent in it, rare across all commitments) are looked up in the full-text index, and
// the commitments that share the most, and the rarest, of them rank first. Each word's matches are kept
// (explorer.text.ts), so a page whose words other pages have used reads none from the database.

export type { SimilarCommitment } from './similar-ranking.ts';

export const SIMILAR_DEFAULT = 5;
/** Words looked up in the index, the most frequent in the commitment first. */
const CANDIDATES = 24;
/** Words searched for: enough to describe the commitment, few enough to stay a cheap query. */
const DISTINCTIVE = 6;
/**
 * Every commitment containing any of the words searched for is scored, so words are added, most
 * distinctive first, only while the commitments they are in (counted per word) stay within this many;
 * a word that would pass it is left out for a rarer one. A search then costs about the same however many
 * commitments there are, and so does keeping a word's matches. Small collections never reach it.
 */
const MATCH_BUDGET = 4000;
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
  return (await currentIndex(db)).textVersion;
}

const currentIndex = async (db: DbOrTrx): Promise<FacetIndex> => indexAt(db, await searchDataVersion(db));

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
  // is 90,000 commitments and the budget 4,000, and where a word is counted from the index (always on SQLite; on
  // PostgreSQL a word it splits in several) the count reads that many matches.
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
  if (db.isTransaction) {
    const found = await distinctiveTermsOf(db, commitmentId, null);
    return found ? fromAllMatches(db, found.terms, found.memberId, limit) : [];
  }
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new VersionedCache(CACHE_CAPACITY)));
  const index = await currentIndex(db);
  const version = index.textVersion;
  const key = `${commitmentId}:${limit}`;
  const hit = cache.get(version, key);
  if (hit) return hit;
  const found = await distinctiveTermsOf(db, commitmentId, version);
  let similar: SimilarCommitment[] = [];
  if (found) {
    const lists = await similarityLists(
      db,
      found.terms.map((t) => t.term),
      version,
    );
    const words = lists.map((matches, i) => ({ matches, weight: found.terms[i]!.weight }));
    similar = bestOfKept(index, words, similarityPart(db), found.memberId, limit);
  }
  cache.set(version, key, similar);
  return similar;
}

/** The commitment's member and distinctive words; null when it does not exist or has nothing distinctive. */
async function distinctiveTermsOf(db: DbOrTrx, commitmentId: string, version: number | null): Promise<{ memberId: string; terms: WeightedTerm[] } | null> {
  const commitment = await db
    .selectFrom('commitments')
    .select(['member_id', 'title', 'short_title', 'theme', 'full_text', 'problem', 'status_quo', 'objective', 'ambition'])
    .where('id', '=', commitmentId)
    .executeTakeFirst();
  if (!commitment) return null;
  const body = [commitment.full_text, commitment.problem, commitment.status_quo, commitment.objective, commitment.ambition].join(' ');
  const terms = await chooseTerms(db, { ...commitment, body }, version);
  return terms.length === 0 ? null : { memberId: commitment.member_id, terms };
}

/** The same answer from the database alone, in one query: inside a transaction, whose uncommitted words nothing kept knows. */
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
  return rows.map((r) => ({ ogpId: r.ogp_id, title: r.title, memberName: r.name, memberSlug: r.slug, score: Number(r.score) }));
}
