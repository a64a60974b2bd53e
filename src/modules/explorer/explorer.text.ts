import type { DbOrTrx } from '../../db/database.ts';
import { docSetBytes } from '../../db/doc-set.ts';
import { intersectMatches, matchDocumentsPacked, similarityWordMatches } from '../../db/fulltext.ts';
import { VersionedLru } from '../../platform/page-cache.ts';
import type { TextMatches } from './explorer.evaluate.ts';
import type { ExplorerState } from './explorer.state.ts';

// The words' matches are kept word by word: words recur far more often than the searches made of them, and the
// matches of several words are their matches' intersection, worked out in memory in a millisecond or so where the
// search itself takes tens (hundreds at ×100, ranking each match costing most). A common word matches a good share of
// all commitments, at twelve bytes each when ranked: forty common words take 3 MB at ×10 and 30 MB at ×100.
// Similar commitments (similar.ts) keep their words' matches too, apart: a few thousand at most each (similar.ts
// never picks a commoner word), and a commitment's first view needs half a dozen.
const TEXT_CACHE_BYTES = 64 * 1024 * 1024;
const SIMILARITY_CACHE_BYTES = 16 * 1024 * 1024;
const textCaches = new WeakMap<object, TextCache>();
const listBytes = (matches: TextMatches): number => matches.docs.byteLength + (matches.scores?.byteLength ?? 0) + 64;
// A search's list's set of documents (doc-set.ts) is counted too: it is made the first time the list meets another.
// Similarity's lists never meet one.
const searchListBytes = (matches: TextMatches): number => listBytes(matches) + docSetBytes(matches.docs);

interface TextCache {
  kept: VersionedLru<TextMatches>;
  keptForSimilarity: VersionedLru<TextMatches>;
  /** Searches under way, so that requests asking for the same words at the same time share one. */
  pending: Map<string, Promise<TextMatches>>;
  /** The latest version asked about: a slow search finishing after the text changed must not bring back its old version. */
  latest: number;
}

function textCacheFor(db: DbOrTrx): TextCache {
  let cache = textCaches.get(db);
  if (!cache) {
    cache = {
      kept: new VersionedLru<TextMatches>(TEXT_CACHE_BYTES, searchListBytes),
      keptForSimilarity: new VersionedLru<TextMatches>(SIMILARITY_CACHE_BYTES, listBytes),
      pending: new Map(),
      latest: 0,
    };
    textCaches.set(db, cache);
  }
  return cache;
}

/** What a kept list holds: a search's matches, ranked or not, or similarity's matches (similarityWordMatches). */
type ListKind = 'ranked' | 'plain' | 'similar';

const searchFor = (db: DbOrTrx, term: string, kind: ListKind): Promise<TextMatches> =>
  kind === 'similar' ? similarityWordMatches(db, term) : matchDocumentsPacked(db, [term], { ranked: kind === 'ranked' });

/** One word's matches, kept until the text changes (`textVersion`). */
async function keptMatches(db: DbOrTrx, term: string, kind: ListKind, textVersion: number): Promise<TextMatches> {
  const cache = textCacheFor(db);
  const { pending } = cache;
  const kept = kind === 'similar' ? cache.keptForSimilarity : cache.kept;
  cache.latest = Math.max(cache.latest, textVersion);
  const key = `${kind}\u0000${term}`;
  // A word's ranked matches serve an unranked search as well.
  const found = kept.get(textVersion, key) ?? (kind === 'plain' ? kept.get(textVersion, `ranked\u0000${term}`) : undefined);
  if (found) return found;
  const pendingKey = `${textVersion}\u0000${key}`;
  let search = pending.get(pendingKey);
  if (!search) {
    search = searchFor(db, term, kind)
      .then((matches) => {
        if (textVersion >= cache.latest) kept.set(textVersion, key, matches);
        return matches;
      })
      .finally(() => pending.delete(pendingKey));
    pending.set(pendingKey, search);
  }
  return search;
}

/** `textVersion` is the index's: matches are kept until something full-text search finds changes, not until any write. */
export async function textMatches(db: DbOrTrx, state: ExplorerState, textVersion: number): Promise<TextMatches | null> {
  const { terms } = state;
  if (terms.length === 0) return null;
  const ranked = state.sort === 'relevance';
  if (db.isTransaction) return matchDocumentsPacked(db, terms, { ranked });
  // Asked for all at once: words not kept yet are searched side by side where there are threads to search them.
  const lists = await Promise.all(terms.map((term) => keptMatches(db, term, ranked ? 'ranked' : 'plain', textVersion)));
  return lists.length === 1 ? lists[0]! : intersectMatches(lists, { ranked });
}

/**
 * Each word's matches as similar commitments rank them (similarityWordMatches), in the words' order, kept until the
 * text changes. Not for a transaction: what is kept knows nothing of its uncommitted words.
 */
export function similarityLists(db: DbOrTrx, terms: readonly string[], textVersion: number): Promise<TextMatches[]> {
  return Promise.all(terms.map((term) => keptMatches(db, term, 'similar', textVersion)));
}
