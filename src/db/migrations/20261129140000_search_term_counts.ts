import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Migrations see a database with no table types on purpose: they describe history, not today's schema.
type UntypedDb = Kysely<Record<string, never>>;

/**
 * How many commitments contain each word, kept up to date on PostgreSQL (SQLite's fts5vocab table,
 * commitment_fts_terms, already answers this from the full-text index itself):
 *
 * - Similar commitments weigh a commitment's words by how rare they are. Counting them from the GIN index read
 *   each word's whole list of matches and then its rows: at ×10, 24 words took 0.2 to 1.1 s on a commitment page's
 *   first view after any change to any commitment's text.
 * - commitment_search_terms holds each word (lexeme) with the number of search documents containing it, and
 *   commitment_search_size the number of documents. Statement triggers on commitment_search add what a statement
 *   inserted, take away what it deleted, and apply the difference of what it updated, all in the writer's
 *   transaction, so the counts are always those of the committed documents. A bulk index (one statement) is
 *   counted in one pass.
 * - Changes are applied in word order, so two writers touching the same words take their locks in the same order.
 * - A word whose count falls to 0 keeps its row: it reads as 0, and deleting it would be a second statement per change.
 */

const isPostgres = (db: UntypedDb): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

/** Adds `deltas` (a query of lexeme, change) to the counts, in word order, leaving out changes of 0. */
const applyDeltas = (deltas: string) => `
  INSERT INTO commitment_search_terms AS counted (term, documents)
  SELECT lexeme, sum(change) FROM (${deltas}) AS deltas GROUP BY lexeme HAVING sum(change) <> 0 ORDER BY lexeme
  ON CONFLICT (term) DO UPDATE SET documents = counted.documents + EXCLUDED.documents;`;

const lexemesOf = (table: string, change: number) => `SELECT lexeme, ${change} AS change FROM ${table}, unnest(tsvector_to_array(${table}.document)) AS lexeme`;

const TRIGGERS = [
  {
    name: 'commitment_search_terms_added',
    event: 'INSERT',
    transition: 'NEW TABLE AS added',
    body: `${applyDeltas(lexemesOf('added', 1))}
      UPDATE commitment_search_size SET documents = documents + (SELECT count(*) FROM added);`,
  },
  {
    name: 'commitment_search_terms_removed',
    event: 'DELETE',
    transition: 'OLD TABLE AS removed',
    body: `${applyDeltas(lexemesOf('removed', -1))}
      UPDATE commitment_search_size SET documents = documents - (SELECT count(*) FROM removed);`,
  },
  {
    name: 'commitment_search_terms_changed',
    event: 'UPDATE',
    transition: 'OLD TABLE AS before_change NEW TABLE AS after_change',
    body: applyDeltas(`${lexemesOf('after_change', 1)} UNION ALL ${lexemesOf('before_change', -1)}`),
  },
];

export async function up(db: UntypedDb): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`CREATE TABLE commitment_search_terms (term text PRIMARY KEY, documents integer NOT NULL)`.execute(db);
  await sql`CREATE TABLE commitment_search_size (id integer PRIMARY KEY CHECK (id = 1), documents integer NOT NULL)`.execute(db);
  await sql`INSERT INTO commitment_search_size (id, documents) SELECT 1, count(*) FROM commitment_search`.execute(db);
  await sql
    .raw(
      `INSERT INTO commitment_search_terms (term, documents)
      SELECT lexeme, count(*) FROM commitment_search, unnest(tsvector_to_array(document)) AS lexeme GROUP BY lexeme`,
    )
    .execute(db);
  for (const trigger of TRIGGERS) {
    await sql.raw(`CREATE FUNCTION ${trigger.name}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN ${trigger.body} RETURN NULL; END $$`).execute(db);
    await sql
      .raw(
        `CREATE TRIGGER ${trigger.name} AFTER ${trigger.event} ON commitment_search
        REFERENCING ${trigger.transition} FOR EACH STATEMENT EXECUTE FUNCTION ${trigger.name}()`,
      )
      .execute(db);
  }
}

export async function down(db: UntypedDb): Promise<void> {
  if (!isPostgres(db)) return;
  for (const trigger of TRIGGERS) {
    await sql.raw(`DROP TRIGGER ${trigger.name} ON commitment_search`).execute(db);
    await sql.raw(`DROP FUNCTION ${trigger.name}()`).execute(db);
  }
  await sql`DROP TABLE commitment_search_size`.execute(db);
  await sql`DROP TABLE commitment_search_terms`.execute(db);
}
