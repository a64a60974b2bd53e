import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Migrations see a database with no table types on purpose: they describe history, not today's schema.
type UntypedDb = Kysely<Record<string, never>>;

/**
 * Full-text search over commitments, kept in step by triggers so that every writer (the web forms, the
 * sheet import, the generator, plain SQL) is indexed without knowing about it:
 * - SQLite: an FTS5 table (contentless: the text stays in commitments) whose rowids are the stable
 *   INTEGER PRIMARY KEYs of commitment_search, since VACUUM may renumber commitments' own rowids.
 * - PostgreSQL: commitment_search holds a weighted tsvector per commitment under a GIN index.
 * Both index the same text (ogp_id, title, short title, theme, the member's name and the body) with the same
 * language-neutral rules, lower case and accents folded, and no stemming or stop words: the data is in many languages.
 * On both, commitment_search.doc_id is a small stable integer per commitment: what a search answers with, and
 * what the explorer's in-memory facet index is keyed by.
 *
 * commitment_search_version counts changes to everything the explorer shows, so the explorer can keep its
 * index and answers in memory and still never serve a stale one.
 */

/** Tables whose changes alter what the explorer shows. */
const EXPLORED_TABLES = ['commitments', 'commitment_tags', 'irm_assessments', 'commitment_stars', 'members', 'action_plans'] as const;

/** The columns of commitments the search document is built from; other updates leave it alone. */
const INDEXED_COLUMNS = ['id', 'ogp_id', 'title', 'short_title', 'theme', 'member_id', 'full_text', 'problem', 'status_quo', 'objective', 'ambition'];

// The long texts of a commitment, which the sheet keeps in full_text and the US tracker spreads over the others.
const body = (row: string): string => ['full_text', 'problem', 'status_quo', 'objective', 'ambition'].map((c) => `${row}.${c}`).join(` || ' ' || `);

const isPostgres = (db: UntypedDb): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: UntypedDb): Promise<void> {
  if (isPostgres(db)) await upPostgres(db);
  else await upSqlite(db);
  await sql`CREATE TABLE commitment_search_version (id integer PRIMARY KEY, version bigint NOT NULL)`.execute(db);
  await sql`INSERT INTO commitment_search_version (id, version) VALUES (1, 0)`.execute(db);
  if (isPostgres(db)) await versionTriggersPostgres(db);
  else await versionTriggersSqlite(db);
}

async function upSqlite(db: UntypedDb): Promise<void> {
  await sql`CREATE TABLE commitment_search (doc_id INTEGER PRIMARY KEY, commitment_id TEXT NOT NULL UNIQUE)`.execute(db);
  // remove_diacritics 2 folds every accent; prefix indexes make two- and three-letter prefix searches cheap.
  await sql
    .raw(
      `CREATE VIRTUAL TABLE commitment_fts USING fts5(ogp_id, title, short_title, theme, member_name, body,
        content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2', prefix='2 3')`,
    )
    .execute(db);
  // How many commitments use each term: what makes a term distinctive when finding similar commitments.
  await sql`CREATE VIRTUAL TABLE commitment_fts_terms USING fts5vocab(commitment_fts, 'row')`.execute(db);

  const indexRow = (row: string, memberName: string) => `
    INSERT INTO commitment_fts (rowid, ogp_id, title, short_title, theme, member_name, body)
    SELECT s.doc_id, ${row}.ogp_id, ${row}.title, ${row}.short_title, ${row}.theme, ${memberName}, ${body(row)}
    FROM commitment_search s WHERE s.commitment_id = ${row}.id;`;
  const memberOf = (row: string) => `(SELECT name FROM members WHERE id = ${row}.member_id)`;

  await sql
    .raw(
      `CREATE TRIGGER commitment_search_insert AFTER INSERT ON commitments BEGIN
        INSERT INTO commitment_search (commitment_id) VALUES (new.id);
        ${indexRow('new', memberOf('new'))}
      END`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER commitment_search_update AFTER UPDATE OF ${INDEXED_COLUMNS.join(', ')} ON commitments BEGIN
        UPDATE commitment_search SET commitment_id = new.id WHERE commitment_id = old.id;
        DELETE FROM commitment_fts WHERE rowid = (SELECT doc_id FROM commitment_search WHERE commitment_id = new.id);
        ${indexRow('new', memberOf('new'))}
      END`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER commitment_search_delete AFTER DELETE ON commitments BEGIN
        DELETE FROM commitment_fts WHERE rowid = (SELECT doc_id FROM commitment_search WHERE commitment_id = old.id);
        DELETE FROM commitment_search WHERE commitment_id = old.id;
      END`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER commitment_search_member_renamed AFTER UPDATE OF name ON members WHEN new.name IS NOT old.name BEGIN
        DELETE FROM commitment_fts WHERE rowid IN (
          SELECT s.doc_id FROM commitment_search s JOIN commitments c ON c.id = s.commitment_id WHERE c.member_id = new.id);
        INSERT INTO commitment_fts (rowid, ogp_id, title, short_title, theme, member_name, body)
        SELECT s.doc_id, c.ogp_id, c.title, c.short_title, c.theme, new.name, ${body('c')}
        FROM commitments c JOIN commitment_search s ON s.commitment_id = c.id WHERE c.member_id = new.id;
      END`,
    )
    .execute(db);

  // Commitments that existed before this migration.
  await sql`INSERT INTO commitment_search (commitment_id) SELECT id FROM commitments ORDER BY id`.execute(db);
  await sql
    .raw(
      `INSERT INTO commitment_fts (rowid, ogp_id, title, short_title, theme, member_name, body)
      SELECT s.doc_id, c.ogp_id, c.title, c.short_title, c.theme, m.name, ${body('c')}
      FROM commitments c JOIN commitment_search s ON s.commitment_id = c.id JOIN members m ON m.id = c.member_id`,
    )
    .execute(db);
}

/**
 * Punctuation becomes a space before PostgreSQL's parser sees the text, so "e-Acts", "example.org" and
 * "3.5" split into words exactly as SQLite's unicode61 tokenizer splits them.
 */
const PUNCTUATION = `!"#$%&'()*+,-./:;<=>?@[\\]^_\`{|}~¡¦§«¶·»¿‐‑‒–—―‘’‚‛“”„‟•…‹›⁄`;

async function upPostgres(db: UntypedDb): Promise<void> {
  // unaccent is a trusted extension (PostgreSQL 13+): a database owner may create it.
  await sql`CREATE EXTENSION IF NOT EXISTS unaccent`.execute(db);
  await sql`CREATE TEXT SEARCH CONFIGURATION ogp_search (COPY = simple)`.execute(db);
  await sql`ALTER TEXT SEARCH CONFIGURATION ogp_search
    ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part, numword, numhword, hword_numpart
    WITH unaccent, simple`.execute(db);
  await sql`CREATE FUNCTION ogp_search_words(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT translate(coalesce($1, ''), ${sql.lit(PUNCTUATION)}, ${sql.lit(' '.repeat([...PUNCTUATION].length))}) $$`.execute(db);
  // Weights: A the identifier and title, B the short title and theme, C the member's name, D the long texts.
  // Similar commitments leave C out, so sharing a member's name never makes two commitments alike.
  await sql`CREATE FUNCTION commitment_search_document(ogp_id text, title text, short_title text, theme text, member_name text, body text)
    RETURNS tsvector LANGUAGE sql STABLE PARALLEL SAFE AS $$
      SELECT setweight(to_tsvector('ogp_search', ogp_search_words(ogp_id || ' ' || title)), 'A')
        || setweight(to_tsvector('ogp_search', ogp_search_words(short_title || ' ' || theme)), 'B')
        || setweight(to_tsvector('ogp_search', ogp_search_words(member_name)), 'C')
        || setweight(to_tsvector('ogp_search', ogp_search_words(body)), 'D')
    $$`.execute(db);
  await sql`CREATE TABLE commitment_search (
    commitment_id text PRIMARY KEY REFERENCES commitments (id) ON DELETE CASCADE ON UPDATE CASCADE,
    doc_id integer GENERATED ALWAYS AS IDENTITY UNIQUE,
    document tsvector NOT NULL)`.execute(db);
  await sql`CREATE INDEX commitment_search_document_idx ON commitment_search USING gin (document)`.execute(db);

  await sql
    .raw(
      `CREATE FUNCTION commitment_search_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO commitment_search (commitment_id, document)
        SELECT NEW.id, commitment_search_document(NEW.ogp_id, NEW.title, NEW.short_title, NEW.theme, m.name, ${body('NEW')})
        FROM members m WHERE m.id = NEW.member_id
        ON CONFLICT (commitment_id) DO UPDATE SET document = EXCLUDED.document;
        RETURN NULL;
      END $$`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER commitment_search_refresh AFTER INSERT OR UPDATE OF ${INDEXED_COLUMNS.join(', ')} ON commitments
      FOR EACH ROW EXECUTE FUNCTION commitment_search_refresh()`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE FUNCTION commitment_search_member_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE commitment_search s
        SET document = commitment_search_document(c.ogp_id, c.title, c.short_title, c.theme, NEW.name, ${body('c')})
        FROM commitments c WHERE c.id = s.commitment_id AND c.member_id = NEW.id;
        RETURN NULL;
      END $$`,
    )
    .execute(db);
  await sql`CREATE TRIGGER commitment_search_member_renamed AFTER UPDATE OF name ON members
    FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION commitment_search_member_renamed()`.execute(db);

  await sql
    .raw(
      `INSERT INTO commitment_search (commitment_id, document)
      SELECT c.id, commitment_search_document(c.ogp_id, c.title, c.short_title, c.theme, m.name, ${body('c')})
      FROM commitments c JOIN members m ON m.id = c.member_id`,
    )
    .execute(db);
}

async function versionTriggersSqlite(db: UntypedDb): Promise<void> {
  for (const table of EXPLORED_TABLES) {
    for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
      await sql
        .raw(
          `CREATE TRIGGER commitment_search_version_${table}_${event.toLowerCase()} AFTER ${event} ON ${table}
          BEGIN UPDATE commitment_search_version SET version = version + 1 WHERE id = 1; END`,
        )
        .execute(db);
    }
  }
}

/**
 * On PostgreSQL the version moves once per transaction, at commit (a deferred trigger): the row is locked
 * only while committing, so two writers can never deadlock over it, and readers see the new version
 * exactly when they can see the new data.
 */
async function versionTriggersPostgres(db: UntypedDb): Promise<void> {
  await sql
    .raw(
      `CREATE FUNCTION commitment_search_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('ogp.commitment_search_bumped', true) IS DISTINCT FROM txid_current()::text THEN
          UPDATE commitment_search_version SET version = version + 1 WHERE id = 1;
          PERFORM set_config('ogp.commitment_search_bumped', txid_current()::text, true);
        END IF;
        RETURN NULL;
      END $$`,
    )
    .execute(db);
  for (const table of EXPLORED_TABLES) {
    await sql
      .raw(
        `CREATE CONSTRAINT TRIGGER commitment_search_version_${table} AFTER INSERT OR UPDATE OR DELETE ON ${table}
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION commitment_search_version_bump()`,
      )
      .execute(db);
  }
}

export async function down(db: UntypedDb): Promise<void> {
  if (isPostgres(db)) {
    for (const table of EXPLORED_TABLES) await sql.raw(`DROP TRIGGER commitment_search_version_${table} ON ${table}`).execute(db);
    await sql`DROP TRIGGER commitment_search_member_renamed ON members`.execute(db);
    await sql`DROP TRIGGER commitment_search_refresh ON commitments`.execute(db);
    await sql`DROP TABLE commitment_search_version`.execute(db);
    await sql`DROP TABLE commitment_search`.execute(db);
    await sql`DROP FUNCTION commitment_search_version_bump()`.execute(db);
    await sql`DROP FUNCTION commitment_search_member_renamed()`.execute(db);
    await sql`DROP FUNCTION commitment_search_refresh()`.execute(db);
    await sql`DROP FUNCTION commitment_search_document(text, text, text, text, text, text)`.execute(db);
    await sql`DROP FUNCTION ogp_search_words(text)`.execute(db);
    await sql`DROP TEXT SEARCH CONFIGURATION ogp_search`.execute(db);
    // The unaccent extension stays: other objects may have come to depend on it.
    return;
  }
  for (const table of EXPLORED_TABLES) {
    for (const event of ['insert', 'update', 'delete']) await sql.raw(`DROP TRIGGER commitment_search_version_${table}_${event}`).execute(db);
  }
  for (const trigger of ['commitment_search_insert', 'commitment_search_update', 'commitment_search_delete', 'commitment_search_member_renamed']) {
    await sql.raw(`DROP TRIGGER ${trigger}`).execute(db);
  }
  await sql`DROP TABLE commitment_search_version`.execute(db);
  await sql`DROP TABLE commitment_fts_terms`.execute(db);
  await sql`DROP TABLE commitment_fts`.execute(db);
  await sql`DROP TABLE commitment_search`.execute(db);
}
