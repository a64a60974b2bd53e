import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Migrations see a database with no table types on purpose: they describe history, not today's schema.
type UntypedDb = Kysely<Record<string, never>>;

/**
 * explorer_changes says which commitments, members and plans changed in what the explorer's in-memory facet
 * index holds, and under which commitment_search_version, so each process brings its index up to date by
 * reading only those rows instead of rebuilding it from every table after any write; and whether what
 * full-text search finds changed ('text'), so the words' matches kept in memory outlive other writes. One row per record,
 * overwritten with the latest version, so the table never grows beyond the number of records. Triggers keep
 * it, so every writer (forms, imports, the generator, plain SQL) is seen without knowing about it.
 */

interface Watched {
  table: string;
  /** 'text' marks a change to what full-text search finds: the words' matches kept in memory are then stale too. */
  entity: 'commitment' | 'member' | 'plan' | 'text';
  /** The column naming the record. */
  key: string;
  /** Updates matter only when one of these changes; every update of a table without a list does. */
  columns?: string[];
}

// Only what the facet index reads, and what the search document is made of (as 20261127180100_commitment_search
// indexes it): a progress update's percentage or a record's updated_at changes neither.
const WATCHED: Watched[] = [
  { table: 'commitments', entity: 'commitment', key: 'id', columns: ['id', 'ogp_id', 'title', 'member_id', 'plan_id', 'implementation_status'] },
  {
    table: 'commitments',
    entity: 'text',
    key: 'id',
    columns: ['id', 'ogp_id', 'title', 'short_title', 'theme', 'member_id', 'full_text', 'problem', 'status_quo', 'objective', 'ambition'],
  },
  { table: 'commitment_tags', entity: 'commitment', key: 'commitment_id' },
  { table: 'irm_assessments', entity: 'commitment', key: 'commitment_id' },
  { table: 'commitment_stars', entity: 'commitment', key: 'commitment_id' },
  { table: 'members', entity: 'member', key: 'id', columns: ['id', 'name', 'slug', 'ogp_code', 'region', 'member_type'] },
  { table: 'members', entity: 'text', key: 'id', columns: ['name'] },
  { table: 'action_plans', entity: 'plan', key: 'id', columns: ['id', 'start_date', 'end_date'] },
];

const isPostgres = (db: UntypedDb): boolean => db.getExecutor().adapter instanceof PostgresAdapter;
const triggerName = ({ table, entity }: Watched, event: string): string => `explorer_${entity}_${table}_${event}`;
const changedColumns = (columns: string[], distinct: string): string => columns.map((c) => `OLD.${c} ${distinct} NEW.${c}`).join(' OR ');

export async function up(db: UntypedDb): Promise<void> {
  await sql`CREATE TABLE explorer_changes (
    entity text NOT NULL,
    entity_id text NOT NULL,
    version bigint NOT NULL,
    PRIMARY KEY (entity, entity_id))`.execute(db);
  await sql`CREATE INDEX explorer_changes_version ON explorer_changes (version)`.execute(db);
  if (isPostgres(db)) await upPostgres(db);
  else await upSqlite(db);
}

/**
 * SQLite runs one writer at a time and moves commitment_search_version once per changed row, in a trigger that
 * may fire before or after this one. Recording one more than the version read here puts each change after the
 * version its transaction started from and at most one past the one it ended at: a reader holding version V
 * reads the changes recorded after V, which covers every transaction committed after V (and perhaps re-reads
 * the last one before, which is harmless).
 */
async function upSqlite(db: UntypedDb): Promise<void> {
  const record = (entity: string, id: string) => `INSERT INTO explorer_changes (entity, entity_id, version)
      VALUES ('${entity}', ${id}, (SELECT version + 1 FROM commitment_search_version WHERE id = 1))
      ON CONFLICT (entity, entity_id) DO UPDATE SET version = excluded.version;`;
  for (const watched of WATCHED) {
    const { table, entity, key, columns } = watched;
    await sql.raw(`CREATE TRIGGER ${triggerName(watched, 'insert')} AFTER INSERT ON ${table} BEGIN ${record(entity, `NEW.${key}`)} END`).execute(db);
    await sql.raw(`CREATE TRIGGER ${triggerName(watched, 'delete')} AFTER DELETE ON ${table} BEGIN ${record(entity, `OLD.${key}`)} END`).execute(db);
    const update = columns ? `AFTER UPDATE OF ${columns.join(', ')} ON ${table} WHEN ${changedColumns(columns, 'IS NOT')}` : `AFTER UPDATE ON ${table}`;
    await sql.raw(`CREATE TRIGGER ${triggerName(watched, 'update')} ${update} BEGIN ${record(entity, `OLD.${key}`)} ${record(entity, `NEW.${key}`)} END`).execute(db);
  }
}

/**
 * PostgreSQL moves commitment_search_version once per transaction, at commit, holding its row lock until the
 * commit ends, so versions follow commit order. The changes are recorded at commit too (deferred triggers),
 * under exactly the version their transaction moved to, so a reader holding V reads those recorded after V: the function moves it itself when it fires first, with the
 * same once-per-transaction flag as commitment_search_version_bump, so the order the two fire in never matters.
 */
async function upPostgres(db: UntypedDb): Promise<void> {
  await sql
    .raw(
      `CREATE FUNCTION explorer_changes_record() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        current_version bigint;
        ids text[];
      BEGIN
        IF current_setting('ogp.commitment_search_bumped', true) IS DISTINCT FROM txid_current()::text THEN
          UPDATE commitment_search_version SET version = version + 1 WHERE id = 1;
          PERFORM set_config('ogp.commitment_search_bumped', txid_current()::text, true);
        END IF;
        SELECT version INTO current_version FROM commitment_search_version WHERE id = 1;
        -- Each statement is planned only when it runs, so NEW.commitment_id is never looked for on a table without it.
        IF TG_ARGV[1] = 'id' THEN
          ids := CASE TG_OP WHEN 'INSERT' THEN ARRAY[NEW.id] WHEN 'DELETE' THEN ARRAY[OLD.id] ELSE ARRAY[OLD.id, NEW.id] END;
        ELSE
          ids := CASE TG_OP WHEN 'INSERT' THEN ARRAY[NEW.commitment_id] WHEN 'DELETE' THEN ARRAY[OLD.commitment_id] ELSE ARRAY[OLD.commitment_id, NEW.commitment_id] END;
        END IF;
        INSERT INTO explorer_changes (entity, entity_id, version)
        SELECT DISTINCT TG_ARGV[0], id, current_version FROM unnest(ids) AS id
        ON CONFLICT (entity, entity_id) DO UPDATE SET version = EXCLUDED.version;
        RETURN NULL;
      END $$`,
    )
    .execute(db);
  for (const watched of WATCHED) {
    const { table, entity, key, columns } = watched;
    const args = `'${entity}', '${key}'`;
    await sql
      .raw(
        `CREATE CONSTRAINT TRIGGER ${triggerName(watched, 'write')} AFTER INSERT OR DELETE ON ${table}
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION explorer_changes_record(${args})`,
      )
      .execute(db);
    const update = columns ? `UPDATE OF ${columns.join(', ')} ON ${table} DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (${changedColumns(columns, 'IS DISTINCT FROM')})` : `UPDATE ON ${table} DEFERRABLE INITIALLY DEFERRED FOR EACH ROW`;
    await sql.raw(`CREATE CONSTRAINT TRIGGER ${triggerName(watched, 'update')} AFTER ${update} EXECUTE FUNCTION explorer_changes_record(${args})`).execute(db);
  }
}

export async function down(db: UntypedDb): Promise<void> {
  if (isPostgres(db)) {
    for (const watched of WATCHED) {
      for (const event of ['write', 'update']) await sql.raw(`DROP TRIGGER ${triggerName(watched, event)} ON ${watched.table}`).execute(db);
    }
    await sql`DROP FUNCTION explorer_changes_record()`.execute(db);
  } else {
    for (const watched of WATCHED) {
      for (const event of ['insert', 'delete', 'update']) await sql.raw(`DROP TRIGGER ${triggerName(watched, event)}`).execute(db);
    }
  }
  await sql`DROP TABLE explorer_changes`.execute(db);
}
