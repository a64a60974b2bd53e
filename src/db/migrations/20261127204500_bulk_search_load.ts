import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Migrations see a database with no table types on purpose: they describe history, not today's schema.
type UntypedDb = Kysely<Record<string, never>>;

/**
 * PostgreSQL's search documents, made cheaper to build (SQLite needs nothing here):
 *
 * - ogp_search_words turned punctuation into spaces with translate(), which looks every character of the text
 *   up in the list of punctuation one by one: 1.5 ms for a commitment's texts, most of what inserting one cost.
 *   A regular expression with the same characters gives the same text in a twentieth of the time.
 * - The indexing trigger stands aside while the transaction-local setting ogp.search_bulk_load is on, so a bulk
 *   load (the generator, the sheet import) can index everything it wrote with one statement at the end
 *   (withBulkSearchLoad in src/db/fulltext.ts). Nobody else sees the setting, and every other writer is
 *   indexed row by row as before.
 */

const PUNCTUATION = `!"#$%&'()*+,-./:;<=>?@[\\]^_\`{|}~¡¦§«¶·»¿‐‑‒–—―‘’‚‛“”„‟•…‹›⁄`;
/** The same characters as one bracket expression; those special inside brackets are escaped. */
const PUNCTUATION_CLASS = `[${[...PUNCTUATION].map((c) => ('\\[]^-'.includes(c) ? `\\${c}` : c)).join('')}]`;

const INDEXED_COLUMNS = ['id', 'ogp_id', 'title', 'short_title', 'theme', 'member_id', 'full_text', 'problem', 'status_quo', 'objective', 'ambition'];

const isPostgres = (db: UntypedDb): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

async function replaceTrigger(db: UntypedDb, when: string): Promise<void> {
  await sql`DROP TRIGGER commitment_search_refresh ON commitments`.execute(db);
  await sql
    .raw(
      `CREATE TRIGGER commitment_search_refresh AFTER INSERT OR UPDATE OF ${INDEXED_COLUMNS.join(', ')} ON commitments
      FOR EACH ROW ${when} EXECUTE FUNCTION commitment_search_refresh()`,
    )
    .execute(db);
}

export async function up(db: UntypedDb): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`CREATE OR REPLACE FUNCTION ogp_search_words(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT regexp_replace(coalesce($1, ''), ${sql.lit(PUNCTUATION_CLASS)}, ' ', 'g') $$`.execute(db);
  await replaceTrigger(db, `WHEN (current_setting('ogp.search_bulk_load', true) IS DISTINCT FROM 'on')`);
}

export async function down(db: UntypedDb): Promise<void> {
  if (!isPostgres(db)) return;
  await replaceTrigger(db, '');
  await sql`CREATE OR REPLACE FUNCTION ogp_search_words(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT translate(coalesce($1, ''), ${sql.lit(PUNCTUATION)}, ${sql.lit(' '.repeat([...PUNCTUATION].length))}) $$`.execute(db);
}
