import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Migrations see a database with no table types on purpose: they describe history, not today's schema.
type UntypedDb = Kysely<Record<string, never>>;

/**
 * commitment_page_version counts changes to anything a commitment's page shows, so the page's data can be
 * kept in memory and still never be served stale, from any process. Triggers keep it, so every writer
 * (forms, imports, the generator, plain SQL) moves it without knowing about it. The explorer's own counter
 * (commitment_search_version) does not cover milestones, progress, institutions, people's names or history.
 */

interface Watched {
  table: string;
  /** SQLite trigger events; PostgreSQL gets the same events joined with OR. */
  events: string[];
  /** A row condition, on NEW, for tables most of whose rows no commitment page shows. */
  when?: string;
}

// Inserts of members, plans, organisations and users show on no existing page until something links to them.
const WATCHED: Watched[] = [
  { table: 'commitments', events: ['INSERT', 'UPDATE', 'DELETE'] },
  { table: 'commitment_tags', events: ['INSERT', 'UPDATE', 'DELETE'] },
  { table: 'commitment_institutions', events: ['INSERT', 'UPDATE', 'DELETE'] },
  { table: 'irm_assessments', events: ['INSERT', 'UPDATE', 'DELETE'] },
  { table: 'commitment_stars', events: ['INSERT', 'UPDATE', 'DELETE'] },
  { table: 'milestones', events: ['INSERT', 'UPDATE', 'DELETE'] },
  { table: 'progress_updates', events: ['INSERT', 'UPDATE', 'DELETE'] },
  { table: 'members', events: ['UPDATE OF name, slug', 'DELETE'] },
  { table: 'action_plans', events: ['UPDATE OF ogp_id, number, title', 'DELETE'] },
  { table: 'organisations', events: ['UPDATE OF name, slug', 'DELETE'] },
  { table: 'users', events: ['UPDATE OF display_name', 'DELETE'] },
  // The audit log is append-only; only a commitment's public events are its page's change history.
  { table: 'audit_events', events: ['INSERT'], when: `NEW.entity_type = 'commitment' AND NEW.is_public = 1` },
];

const isPostgres = (db: UntypedDb): boolean => db.getExecutor().adapter instanceof PostgresAdapter;
const sqliteTriggerName = (table: string, event: string): string => `commitment_page_version_${table}_${event.split(' ')[0]!.toLowerCase()}`;

export async function up(db: UntypedDb): Promise<void> {
  await sql`CREATE TABLE commitment_page_version (id integer PRIMARY KEY, version bigint NOT NULL)`.execute(db);
  await sql`INSERT INTO commitment_page_version (id, version) VALUES (1, 0)`.execute(db);
  if (isPostgres(db)) await upPostgres(db);
  else await upSqlite(db);
}

async function upSqlite(db: UntypedDb): Promise<void> {
  for (const { table, events, when } of WATCHED) {
    for (const event of events) {
      await sql
        .raw(
          `CREATE TRIGGER ${sqliteTriggerName(table, event)} AFTER ${event} ON ${table}${when ? ` WHEN ${when}` : ''}
          BEGIN UPDATE commitment_page_version SET version = version + 1 WHERE id = 1; END`,
        )
        .execute(db);
    }
  }
}

/**
 * As commitment_search_version does: the counter moves once per transaction, at commit (a deferred
 * trigger), so writers hold its row lock only while committing and readers see the new version exactly
 * when they can see the new data.
 */
async function upPostgres(db: UntypedDb): Promise<void> {
  await sql
    .raw(
      `CREATE FUNCTION commitment_page_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('ogp.commitment_page_bumped', true) IS DISTINCT FROM txid_current()::text THEN
          UPDATE commitment_page_version SET version = version + 1 WHERE id = 1;
          PERFORM set_config('ogp.commitment_page_bumped', txid_current()::text, true);
        END IF;
        RETURN NULL;
      END $$`,
    )
    .execute(db);
  for (const { table, events, when } of WATCHED) {
    await sql
      .raw(
        `CREATE CONSTRAINT TRIGGER commitment_page_version_${table} AFTER ${events.join(' OR ')} ON ${table}
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW${when ? ` WHEN (${when})` : ''} EXECUTE FUNCTION commitment_page_version_bump()`,
      )
      .execute(db);
  }
}

export async function down(db: UntypedDb): Promise<void> {
  if (isPostgres(db)) {
    for (const { table } of WATCHED) await sql.raw(`DROP TRIGGER commitment_page_version_${table} ON ${table}`).execute(db);
    await sql`DROP FUNCTION commitment_page_version_bump()`.execute(db);
  } else {
    for (const { table, events } of WATCHED) {
      for (const event of events) await sql.raw(`DROP TRIGGER ${sqliteTriggerName(table, event)}`).execute(db);
    }
  }
  await sql`DROP TABLE commitment_page_version`.execute(db);
}
