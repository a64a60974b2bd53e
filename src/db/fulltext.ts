import { PostgresAdapter, type RawBuilder, sql } from 'kysely';
import type { DbOrTrx, DialectName, Trx } from './database.ts';
import { type DocSet, docSetOf, positionIn } from './doc-set.ts';
import { type PackedMatches, type PackedRow, unpackMatches } from './packed-matches.ts';
import { SearchThreadsUnavailable, searchThreadsOf } from './search-thread.ts';

// The one interface over the two full-text engines: SQLite FTS5 and PostgreSQL tsvector (both built and
// kept in sync by the 20261127180100_commitment_search migration). Everything dialect-specific about
// searching lives here; callers deal in plain words and (commitment_id, score) rows, higher scores first.

/** Words beyond this many are ignored: a search is a few words, and every word costs an index lookup. */
export const MAX_TERMS = 16;
const MAX_TERM_LENGTH = 60;
/** Shorter words must match whole: a one-letter prefix would match most of the index. */
const MIN_PREFIX_LENGTH = 2;

export const dialectOf = (db: DbOrTrx): DialectName => (db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite');

/** Lower case without accents, as both engines index text: "Participación" → "participacion". */
export const foldText = (text: string): string => text.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();

/**
 * The words of what someone typed, folded like the index: letters and digits only, so quotes, operators,
 * `*`, `-` or `AND` are plain words or nothing and can never break a query. Repeats are dropped.
 */
export function searchTerms(input: string): string[] {
  const words = foldText(input).split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 0 && w.length <= MAX_TERM_LENGTH);
  return [...new Set(words)].slice(0, MAX_TERMS);
}

/** Every occurrence of each word of a text, folded like the index: what a document says, for similarity. */
export function termCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of foldText(text).split(/[^\p{L}\p{N}]+/u)) {
    if (word.length === 0 || word.length > MAX_TERM_LENGTH) continue;
    counts.set(word, (counts.get(word) ?? 0) + 1);
  }
  return counts;
}

const isPrefix = (term: string): boolean => [...term].length >= MIN_PREFIX_LENGTH;

// Terms are letters and digits only (searchTerms guarantees it), so quoting them is all the escaping needed.
const ftsQuery = (terms: string[], operator: 'AND' | 'OR', prefix: boolean): string =>
  terms.map((t) => `"${t}"${prefix && isPrefix(t) ? '*' : ''}`).join(` ${operator} `);
const tsQuery = (terms: string[], operator: '&' | '|', prefix: boolean, labels = ''): string =>
  terms.map((t) => `'${t}':${prefix && isPrefix(t) ? '*' : ''}${labels}`.replace(/:$/, '')).join(` ${operator} `);

// Column weights, strongest first: the identifier, title, short title, theme, member's name, long texts.
// FTS5 weighs per column; PostgreSQL per label (A identifier and title, B short title and theme, C member, D body).
const FTS_WEIGHTS = '10.0, 8.0, 4.0, 2.0, 3.0, 1.0';
const TS_WEIGHTS = '{0.1, 0.3, 0.6, 1.0}';

export interface Match {
  commitment_id: string;
  score: number;
}

export interface DocumentMatch {
  /** commitment_search.doc_id: the commitment's document number. */
  doc: number;
  /** Relevance, higher is better; 0 when not ranked. */
  score: number;
}

/**
 * Every commitment containing all the terms (each word of two letters or more also as a prefix:
 * "transpar" finds "transparency"), by document number; ranked (bm25 on SQLite, ts_rank on PostgreSQL)
 * only when asked, as ranking costs about as much again. Callers must not pass an empty list:
 * no words means no text condition at all.
 */
export async function matchDocuments(db: DbOrTrx, terms: string[], options: { ranked: boolean }): Promise<DocumentMatch[]> {
  const { docs, scores } = await matchDocumentsPacked(db, terms, options);
  return Array.from(docs, (doc, i) => ({ doc, score: scores ? scores[i]! : 0 }));
}

export type { PackedMatches } from './packed-matches.ts';

/**
 * matchDocuments as two arrays, in ascending document order. The database joins the matches into one text, which is
 * split here: a common word matches tens of thousands of commitments, and one row each costs several times the
 * search itself. A serving process's SQLite searches run on its search threads (search-thread.ts).
 */
export async function matchDocumentsPacked(db: DbOrTrx, terms: string[], options: { ranked: boolean }): Promise<PackedMatches> {
  if (terms.length === 0) throw new Error('matchDocuments needs at least one term');
  const query =
    dialectOf(db) === 'postgres'
      ? options.ranked
        ? sql<PackedRow>`SELECT string_agg(doc::text, ',' ORDER BY doc) AS docs, string_agg(score::text, ',' ORDER BY doc) AS scores FROM (
            SELECT s.doc_id AS doc, ${wordRanksAddedUp(terms)} AS score
            FROM commitment_search s WHERE s.document @@ to_tsquery('ogp_search', ${tsQuery(terms, '&', true)})) AS matches`
        : sql<PackedRow>`SELECT string_agg(doc_id::text, ',' ORDER BY doc_id) AS docs, NULL AS scores FROM commitment_search WHERE document @@ to_tsquery('ogp_search', ${tsQuery(terms, '&', true)})`
      : options.ranked
        ? // LIMIT -1 keeps the subquery apart: bm25 cannot run inside an aggregate. FTS5 reads in rowid order, so
          // ORDER BY rowid costs nothing and pins the order down.
          sql<PackedRow>`SELECT group_concat(doc) AS docs, group_concat(score) AS scores FROM (
            SELECT rowid AS doc, -bm25(commitment_fts, ${sql.raw(FTS_WEIGHTS)}) AS score FROM commitment_fts WHERE commitment_fts MATCH ${ftsQuery(terms, 'AND', true)}
            ORDER BY rowid LIMIT -1)`
        : sql<PackedRow>`SELECT group_concat(doc) AS docs, NULL AS scores FROM (
            SELECT rowid AS doc FROM commitment_fts WHERE commitment_fts MATCH ${ftsQuery(terms, 'AND', true)} ORDER BY rowid LIMIT -1)`;
  return packedMatchesOf(db, query, options.ranked);
}

/** Runs a query answering one PackedRow: on a search thread where the process has them, else on the main connection. */
async function packedMatchesOf(db: DbOrTrx, query: RawBuilder<PackedRow>, ranked: boolean): Promise<PackedMatches> {
  const onMainConnection = async () => unpackMatches((await query.execute(db)).rows[0], ranked);
  const threads = db.isTransaction ? undefined : searchThreadsOf(db);
  if (!threads) return onMainConnection();
  // Threads that cannot search leave the search to the main connection, slower but the same answer.
  return threads.packedMatches(query.compile(db), ranked).catch((error: unknown) => {
    if (error instanceof SearchThreadsUnavailable) return onMainConnection();
    throw error;
  });
}

/**
 * PostgreSQL's rank of several words: each word's own ts_rank, added up in the words' order, as bm25 adds up one part
 * per word on SQLite. So on both databases one word's ranked matches, kept, serve every search containing it, and
 * intersecting kept lists gives the very ranks the search of all the words would (ts_rank of the words together
 * would also weigh how near they stand, which no single word's rank tells: each new pair of words was a new search).
 * Each rank is taken as float8, whose text is exact, so the sums here and in intersectMatches are the same numbers.
 */
function wordRanksAddedUp(terms: string[]): RawBuilder<number> {
  const ranks = terms.map((term) => sql`ts_rank(${TS_WEIGHTS}::float4[], s.document, to_tsquery('ogp_search', ${tsQuery([term], '&', true)}), 1)::float8`);
  return sql<number>`(${sql.join(ranks, sql` + `)})`;
}

/**
 * The documents in every list, as matching all their words at once finds them: each list is one word's matches in
 * ascending document order (as matchDocumentsPacked gives them). When `ranked`, every list must carry scores, and a
 * document's are added up in the lists' order, as bm25 adds them, so the sum is the very number the search of all
 * the words would give (bm25 on SQLite; on PostgreSQL, see wordRanksAddedUp).
 */
export function intersectMatches(lists: readonly PackedMatches[], options: { ranked: boolean }): PackedMatches {
  if (lists.length === 0) throw new Error('intersectMatches needs at least one list');
  if (options.ranked && lists.some((list) => list.scores === null)) throw new Error('intersectMatches needs scores to rank');
  let found: PackedMatches = { docs: lists[0]!.docs, scores: options.ranked ? lists[0]!.scores : null };
  for (let l = 1; l < lists.length && found.docs.length > 0; l++) found = intersectTwo(found, lists[l]!, options.ranked);
  return found;
}

/** Below this many documents a list is galloped through: making its set would cost more than the walk saves. */
const DOC_SET_MIN = 1024;

/**
 * Walks the shorter list and looks each of its documents up in the longer one: in the longer one's set (doc-set.ts),
 * or galloping through it when it is short. A sum of two scores is the same whichever comes first.
 */
function intersectTwo(a: PackedMatches, b: PackedMatches, ranked: boolean): PackedMatches {
  const [short, long] = a.docs.length <= b.docs.length ? [a, b] : [b, a];
  const docs = new Int32Array(short.docs.length);
  const scores = ranked ? new Float64Array(short.docs.length) : null;
  const sums = scores !== null ? { from: short.scores!, and: long.scores!, into: scores } : null;
  const n = long.docs.length >= DOC_SET_MIN ? inSet(short.docs, docSetOf(long.docs), docs, sums) : byGalloping(short.docs, long.docs, docs, sums);
  return { docs: docs.subarray(0, n), scores: scores ? scores.subarray(0, n) : null };
}

/** Where the scores of two lists are summed: the shorter list's, the longer one's (by position), the sums. */
interface ScoreSums {
  from: Float64Array;
  and: Float64Array;
  into: Float64Array;
}

// The two walks take their arrays as arguments, read once: with the lists' fields read on every step and a test of
// which list was shorter inside the loop, intersecting a pair of common words at ×100 took a third longer.

/** The documents of `docs` that are in `set`, into `found` (scores summed into `sums.into`); how many. */
function inSet(docs: Int32Array, set: DocSet, found: Int32Array, sums: ScoreSums | null): number {
  let n = 0;
  if (sums === null) {
    for (let i = 0; i < docs.length; i++) if (positionIn(set, docs[i]!) >= 0) found[n++] = docs[i]!;
    return n;
  }
  const { from, and, into } = sums;
  for (let i = 0; i < docs.length; i++) {
    const at = positionIn(set, docs[i]!);
    if (at < 0) continue;
    found[n] = docs[i]!;
    into[n++] = from[i]! + and[at]!;
  }
  return n;
}

/** The same against a short sorted list, galloping through it. */
function byGalloping(docs: Int32Array, other: Int32Array, found: Int32Array, sums: ScoreSums | null): number {
  let n = 0;
  let j = 0;
  for (let i = 0; i < docs.length && j < other.length; i++) {
    const doc = docs[i]!;
    j = seek(other, doc, j);
    if (other[j] !== doc) continue;
    found[n] = doc;
    if (sums !== null) sums.into[n] = sums.from[i]! + sums.and[j]!;
    n++;
  }
  return n;
}

/**
 * The first position at or after `from` whose document is at least `doc`. Galloping, then halving: a rare word's
 * few matches step through a common word's long list in a few probes each rather than one by one.
 */
function seek(docs: Int32Array, doc: number, from: number): number {
  let low = from;
  let step = 1;
  let high = from;
  while (high < docs.length && docs[high]! < doc) {
    low = high + 1;
    high = from + step;
    step *= 2;
  }
  high = Math.min(high, docs.length);
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (docs[middle]! < doc) low = middle + 1;
    else high = middle;
  }
  return low;
}

export interface TermStatistics {
  /** How many commitments are indexed. */
  documents: number;
  /** For each term asked about, how many commitments contain it (0 when none do). */
  frequencies: Map<string, number>;
}

/**
 * How common each term is across all commitments. A term at least `countUpTo(documents)` common is reported as
 * that many (past some point the exact number does not matter, and a word PostgreSQL splits into several is
 * counted from its index, which stops there). `knownDocuments`, when the caller counted them at the same data
 * version, spares asking again.
 */
export async function termStatistics(db: DbOrTrx, terms: string[], countUpTo: (documents: number) => number, knownDocuments?: number): Promise<TermStatistics> {
  const documents = knownDocuments ?? (await countDocuments(db));
  const cap = Math.max(1, Math.floor(countUpTo(documents)));
  const frequencies = new Map<string, number>(terms.map((t) => [t, 0]));
  if (terms.length === 0) return { documents, frequencies };
  if (dialectOf(db) === 'postgres') {
    // A word that is one lexeme is looked up in the kept counts (see the search_term_counts migration); one that
    // the configuration splits into several is counted from the index as a phrase, as a search for it would match.
    const { rows } = await sql<{ term: string; frequency: number | string }>`
      SELECT t.term, CASE cardinality(w.lexemes)
        WHEN 0 THEN 0
        WHEN 1 THEN coalesce((SELECT c.documents FROM commitment_search_terms c WHERE c.term = w.lexemes[1]), 0)
        ELSE (SELECT count(*) FROM (SELECT 1 FROM commitment_search s
          WHERE s.document @@ to_tsquery('ogp_search', quote_literal(t.term)) LIMIT ${cap}) AS capped)
      END AS frequency
      FROM unnest(${terms}::text[]) AS t(term)
      CROSS JOIN LATERAL (SELECT tsvector_to_array(to_tsvector('ogp_search', t.term)) AS lexemes) AS w`.execute(db);
    for (const row of rows) frequencies.set(row.term, Math.min(cap, Number(row.frequency)));
  } else {
    // Each word's matches are counted from the index up to the cap. Its vocabulary table (commitment_fts_terms) counts
    // a word by reading all of its matches: at ×100 an everyday word is in 100,000-300,000 commitments, and asking
    // about ten such words took 39 ms there, against 2 ms counted this way. Each term is one quoted FTS5 string (a
    // quote inside doubled), so no term can be read as query syntax.
    const { rows } = await sql<{ term: string; frequency: number }>`
      SELECT t.value AS term,
        (SELECT count(*) FROM (SELECT 1 FROM commitment_fts WHERE commitment_fts MATCH '"' || replace(t.value, '"', '""') || '"' LIMIT ${cap})) AS frequency
      FROM json_each(${JSON.stringify(terms)}) AS t`.execute(db);
    for (const row of rows) frequencies.set(row.term, Math.min(cap, Number(row.frequency)));
  }
  return { documents, frequencies };
}

async function countDocuments(db: DbOrTrx): Promise<number> {
  // PostgreSQL keeps the number (a count there reads every document); SQLite's count reads its index's pages.
  const counted =
    dialectOf(db) === 'postgres'
      ? await sql<{ count: number | string }>`SELECT documents AS count FROM commitment_search_size WHERE id = 1`.execute(db)
      : await sql<{ count: number | string }>`SELECT count(*) AS count FROM commitment_search`.execute(db);
  return Number(counted.rows[0]?.count ?? 0);
}

export interface WeightedTerm {
  term: string;
  /** How much matching this term counts: its inverse document frequency. */
  weight: number;
}

// Similarity compares commitments by their own words only: title, short title, theme and long texts, never the
// identifier or the member's name (FTS5 columns; PostgreSQL labels A, B and D, C being the member's name).
const SIMILARITY_COLUMNS = '{title short_title theme body}';
const SIMILARITY_LABELS = 'ABD';

/**
 * How one word adds to a commitment's similarity score, from the word's weight (its rarity, from similar.ts) and the
 * commitment's rank for the word alone (similarityWordMatches). SQLite: bm25's part for the word, as bm25 of several
 * words is one such part per word added up in the words' order. PostgreSQL, whose ts_rank knows nothing of rarity:
 * the weight, plus the rank to order commitments matching the same words.
 */
export function similarityPart(db: DbOrTrx): (weight: number, rank: number) => number {
  return dialectOf(db) === 'postgres' ? (weight, rank) => weight + rank : (_weight, rank) => rank;
}

/**
 * Every commitment containing the word in its own words, in ascending document order, each with its rank for that
 * word alone as similarity ranks it: a commitment's similarity score is the sum, in the words' order, of
 * similarityPart over the words it contains, the very number similarityMatches gives. So one word's matches, kept,
 * serve every commitment whose distinctive words include it.
 */
export function similarityWordMatches(db: DbOrTrx, term: string): Promise<PackedMatches> {
  const query =
    dialectOf(db) === 'postgres'
      ? sql<PackedRow>`SELECT string_agg(doc::text, ',' ORDER BY doc) AS docs, string_agg(score::text, ',' ORDER BY doc) AS scores FROM (
          SELECT s.doc_id AS doc, ts_rank(${TS_WEIGHTS}::float4[], s.document, query, 1)::float8 AS score
          FROM commitment_search s CROSS JOIN to_tsquery('ogp_search', ${tsQuery([term], '|', false, SIMILARITY_LABELS)}) AS query
          WHERE s.document @@ query) AS matches`
      : sql<PackedRow>`SELECT group_concat(doc) AS docs, group_concat(score) AS scores FROM (
          SELECT rowid AS doc, -bm25(commitment_fts, ${sql.raw(FTS_WEIGHTS)}) AS score FROM commitment_fts
          WHERE commitment_fts MATCH ${`${SIMILARITY_COLUMNS} : (${ftsQuery([term], 'OR', false)})`} ORDER BY rowid LIMIT -1)`;
  return packedMatchesOf(db, query, true);
}

/**
 * Commitments containing any of the terms in their own words, with their similarity score (similarityPart added up
 * over the words each contains, in the terms' order), in no particular order. What the kept word matches add up to,
 * in one query: for reading inside a transaction, whose uncommitted words nothing kept knows.
 */
export function similarityMatches(db: DbOrTrx, terms: WeightedTerm[]): RawBuilder<Match> {
  if (terms.length === 0) throw new Error('similarityMatches needs at least one term');
  const words = terms.map((t) => t.term);
  if (dialectOf(db) === 'postgres') {
    const parts = terms.map((t) => {
      const query = sql`to_tsquery('ogp_search', ${tsQuery([t.term], '|', false, SIMILARITY_LABELS)})`;
      return sql`CASE WHEN s.document @@ ${query} THEN ${t.weight}::float8 + ts_rank(${TS_WEIGHTS}::float4[], s.document, ${query}, 1)::float8 ELSE 0 END`;
    });
    return sql<Match>`(SELECT s.commitment_id, ${sql.join(parts, sql` + `)} AS score
      FROM commitment_search s WHERE s.document @@ to_tsquery('ogp_search', ${tsQuery(words, '|', false, SIMILARITY_LABELS)}))`;
  }
  return sql<Match>`(SELECT s.commitment_id AS commitment_id, -bm25(commitment_fts, ${sql.raw(FTS_WEIGHTS)}) AS score
    FROM commitment_fts JOIN commitment_search s ON s.doc_id = commitment_fts.rowid
    WHERE commitment_fts MATCH ${`${SIMILARITY_COLUMNS} : (${ftsQuery(words, 'OR', false)})`})`;
}

/** A number that changes whenever anything the explorer shows changes (kept by triggers), for caching. */
export async function searchDataVersion(db: DbOrTrx): Promise<number> {
  const { rows } = await sql<{ version: number | string }>`SELECT version FROM commitment_search_version WHERE id = 1`.execute(db);
  return Number(rows[0]?.version ?? 0);
}

// Bulk loads: many commitments written in one transaction (the generator, the sheet import) are indexed with a
// few set-wise statements at the end instead of row by row. The search document is made from the same columns
// as in the 20261127180100_commitment_search migration's triggers; the bulk-load tests compare the two.

/** SQLite's row-by-row indexing triggers, dropped for the length of a bulk load and then made again as they were. */
const SQLITE_INDEXING_TRIGGERS = ['commitment_search_insert', 'commitment_search_update'];
/** On PostgreSQL, the indexing trigger stands aside while this setting is on (20261127204500_bulk_search_load). */
const POSTGRES_BULK_SETTING = 'ogp.search_bulk_load';
/** Commitments re-indexed per statement, well under either database's limit on bound parameters. */
const REINDEX_CHUNK = 500;

const documentBody = (c: string): string => ['full_text', 'problem', 'status_quo', 'objective', 'ambition'].map((column) => `${c}.${column}`).join(` || ' ' || `);

/** Told which existing commitments a bulk load changed, so they are indexed again; new ones need no telling. */
export type NoteChangedCommitments = (commitmentIds: Iterable<string>) => void;

/**
 * Runs `load`, which writes many commitments in the transaction `trx`, with the search index's row-by-row upkeep
 * switched off, then indexes at once every commitment that has no search document yet and every existing one that
 * `load` reports changing. Everything happens inside `trx`, so nobody ever sees a commitment without its
 * document, and a failure leaves both as they were. Deletions are still indexed row by row.
 */
export async function withBulkSearchLoad<T>(trx: Trx, load: (noteChanged: NoteChangedCommitments) => Promise<T>): Promise<T> {
  if (!trx.isTransaction) throw new Error('withBulkSearchLoad needs the transaction that writes the rows');
  const changed = new Set<string>();
  const noteChanged: NoteChangedCommitments = (ids) => {
    for (const id of ids) changed.add(id);
  };
  const paused = dialectOf(trx) === 'postgres' ? await pausePostgresIndexing(trx) : await pauseSqliteIndexing(trx);
  let result: T;
  try {
    result = await load(noteChanged);
  } catch (error) {
    // Should the caller go on and commit regardless, the triggers must be back; the original error matters more.
    await paused.resume().catch(() => {});
    throw error;
  }
  await paused.resume();
  await paused.index([...changed]);
  return result;
}

interface PausedIndexing {
  /** Row-by-row indexing back on. */
  resume(): Promise<void>;
  /** Indexes the commitments written since the pause: those without a document, and the changed ones named. */
  index(changed: readonly string[]): Promise<void>;
}

async function pausePostgresIndexing(trx: Trx): Promise<PausedIndexing> {
  await sql`SELECT set_config(${POSTGRES_BULK_SETTING}, 'on', true)`.execute(trx);
  const documents = (condition: RawBuilder<unknown>) => sql`
    INSERT INTO commitment_search (commitment_id, document)
    SELECT c.id, commitment_search_document(c.ogp_id, c.title, c.short_title, c.theme, m.name, ${sql.raw(documentBody('c'))})
    FROM commitments c JOIN members m ON m.id = c.member_id
    WHERE ${condition}
    ON CONFLICT (commitment_id) DO UPDATE SET document = EXCLUDED.document`;
  return {
    resume: async () => {
      await sql`SELECT set_config(${POSTGRES_BULK_SETTING}, 'off', true)`.execute(trx);
    },
    index: async (changed) => {
      await documents(sql`NOT EXISTS (SELECT 1 FROM commitment_search s WHERE s.commitment_id = c.id)`).execute(trx);
      if (changed.length > 0) await documents(sql`c.id = ANY(${[...changed]}::text[])`).execute(trx);
    },
  };
}

async function pauseSqliteIndexing(trx: Trx): Promise<PausedIndexing> {
  const { rows: triggers } = await sql<{ sql: string }>`
    SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name IN (${sql.join(SQLITE_INDEXING_TRIGGERS)})`.execute(trx);
  for (const name of SQLITE_INDEXING_TRIGGERS) await sql`DROP TRIGGER IF EXISTS ${sql.id(name)}`.execute(trx);
  const indexed = (condition: RawBuilder<unknown>) => sql`
    INSERT INTO commitment_fts (rowid, ogp_id, title, short_title, theme, member_name, body)
    SELECT s.doc_id, c.ogp_id, c.title, c.short_title, c.theme, m.name, ${sql.raw(documentBody('c'))}
    FROM commitment_search s JOIN commitments c ON c.id = s.commitment_id LEFT JOIN members m ON m.id = c.member_id
    WHERE ${condition}`;
  return {
    resume: async () => {
      for (const trigger of triggers) await sql.raw(trigger.sql).execute(trx);
    },
    index: async (changed) => {
      // Documents are numbered upwards, so those above the highest number now are the ones added here.
      const { rows } = await sql<{ last: number }>`SELECT coalesce(max(doc_id), 0) AS last FROM commitment_search`.execute(trx);
      const last = Number(rows[0]?.last ?? 0);
      // Numbered in the order they were written, as the triggers would have numbered them.
      await sql`INSERT INTO commitment_search (commitment_id)
        SELECT c.id FROM commitments c WHERE NOT EXISTS (SELECT 1 FROM commitment_search s WHERE s.commitment_id = c.id) ORDER BY c.rowid`.execute(trx);
      await indexed(sql`s.doc_id > ${last}`).execute(trx);
      for (let start = 0; start < changed.length; start += REINDEX_CHUNK) {
        const ids = changed.slice(start, start + REINDEX_CHUNK);
        await sql`DELETE FROM commitment_fts WHERE rowid IN (
          SELECT doc_id FROM commitment_search WHERE commitment_id IN (${sql.join(ids)}) AND doc_id <= ${last})`.execute(trx);
        await indexed(sql`s.commitment_id IN (${sql.join(ids)}) AND s.doc_id <= ${last}`).execute(trx);
      }
    },
  };
}
