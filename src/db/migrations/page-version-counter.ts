import { type Kysely, PostgresAdapter, sql } from 'kysely';

// A page's data version: a one-row counter that triggers move with every change to the tables the page shows, so the
// page's data can be kept in memory and never be served stale, from any process. Triggers keep it, so every writer
// (forms, imports, the generator, plain SQL) moves it without knowing about it. Shared by the migrations that make one
// from 20261129 on; what each creates must never change once released (a migration describes history). The first,
// 20261127200000_commitment_page_version, keeps its own copy of this code as released: databases made with it (the
// bench's kept ones among them) are only reused while every migration file they ran is unchanged.

// Migrations see a database with no table types on purpose: they describe history, not today's schema.
type UntypedDb = Kysely<Record<string, never>>;

export interface Watched {
  table: string;
  /** SQLite trigger events; PostgreSQL gets the same events joined with OR. */
  events: string[];
  /** A row condition, on NEW, for tables most of whose rows the page does not show. */
  when?: string;
}

export interface PageVersionCounter {
  /** The counter's table, and the prefix of its triggers' names (and of its PostgreSQL function's). */
  name: string;
  /** The PostgreSQL setting that says the counter already moved in this transaction. */
  movedSetting: string;
  watched: Watched[];
}

const isPostgres = (db: UntypedDb): boolean => db.getExecutor().adapter instanceof PostgresAdapter;
const sqliteTriggerName = (name: string, table: string, event: string): string => `${name}_${table}_${event.split(' ')[0]!.toLowerCase()}`;

export async function createPageVersionCounter(db: UntypedDb, { name, movedSetting, watched }: PageVersionCounter): Promise<void> {
  await sql.raw(`CREATE TABLE ${name} (id integer PRIMARY KEY, version bigint NOT NULL)`).execute(db);
  await sql.raw(`INSERT INTO ${name} (id, version) VALUES (1, 0)`).execute(db);
  if (!isPostgres(db)) {
    for (const { table, events, when } of watched) {
      for (const event of events) {
        await sql
          .raw(
            `CREATE TRIGGER ${sqliteTriggerName(name, table, event)} AFTER ${event} ON ${table}${when ? ` WHEN ${when}` : ''}
          BEGIN UPDATE ${name} SET version = version + 1 WHERE id = 1; END`,
          )
          .execute(db);
      }
    }
    return;
  }
  // On PostgreSQL the counter moves once per transaction, at commit (a deferred trigger), so writers hold its row
  // lock only while committing and readers see the new version exactly when they can see the new data.
  await sql
    .raw(
      `CREATE FUNCTION ${name}_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('${movedSetting}', true) IS DISTINCT FROM txid_current()::text THEN
          UPDATE ${name} SET version = version + 1 WHERE id = 1;
          PERFORM set_config('${movedSetting}', txid_current()::text, true);
        END IF;
        RETURN NULL;
      END $$`,
    )
    .execute(db);
  for (const { table, events, when } of watched) {
    await sql
      .raw(
        `CREATE CONSTRAINT TRIGGER ${name}_${table} AFTER ${events.join(' OR ')} ON ${table}
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW${when ? ` WHEN (${when})` : ''} EXECUTE FUNCTION ${name}_bump()`,
      )
      .execute(db);
  }
}

export async function dropPageVersionCounter(db: UntypedDb, { name, watched }: PageVersionCounter): Promise<void> {
  if (isPostgres(db)) {
    for (const { table } of watched) await sql.raw(`DROP TRIGGER ${name}_${table} ON ${table}`).execute(db);
    await sql.raw(`DROP FUNCTION ${name}_bump()`).execute(db);
  } else {
    for (const { table, events } of watched) {
      for (const event of events) await sql.raw(`DROP TRIGGER ${sqliteTriggerName(name, table, event)}`).execute(db);
    }
  }
  await sql.raw(`DROP TABLE ${name}`).execute(db);
}
