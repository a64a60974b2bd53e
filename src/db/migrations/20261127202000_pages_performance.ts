import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Migrations see a database with no table types on purpose: they describe history, not today's schema.
type UntypedDb = Kysely<Record<string, never>>;

/**
 * What the member and indicators pages need to cost the same however large the database grows.
 *
 * A member's page names its government points of contact; without an index on the member that lookup read
 * every role grant, of every member.
 *
 * indicators_data_version counts changes to what the indicators dashboard reads besides its computed
 * counts: the strategic plans in StratML and the actuals recorded by hand. Every process can then keep
 * the dashboard in memory and still show a change made by any other process (or by plain SQL) on the
 * next view, at the cost of reading one row. Triggers keep it, so no writer has to know about it.
 */

/** Tables whose changes alter the dashboard, its downloads or the StratML performance report. */
const WATCHED_TABLES = [
  'indicator_actuals',
  'strategy_plans',
  'strategy_organizations',
  'strategy_values',
  'strategy_goals',
  'strategy_objectives',
  'strategy_stakeholders',
  'strategy_stakeholder_roles',
  'strategy_indicators',
  'strategy_relationships',
  'strategy_relationship_referents',
  'strategy_measurement_instances',
  'strategy_results',
] as const;

const isPostgres = (db: UntypedDb): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: UntypedDb): Promise<void> {
  await db.schema.createIndex('role_grants_member_idx').on('role_grants').columns(['member_id', 'role']).execute();
  await sql`CREATE TABLE indicators_data_version (id integer PRIMARY KEY, version bigint NOT NULL)`.execute(db);
  await sql`INSERT INTO indicators_data_version (id, version) VALUES (1, 0)`.execute(db);
  if (isPostgres(db)) await triggersPostgres(db);
  else await triggersSqlite(db);
}

async function triggersSqlite(db: UntypedDb): Promise<void> {
  for (const table of WATCHED_TABLES) {
    for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
      await sql
        .raw(
          `CREATE TRIGGER indicators_data_version_${table}_${event.toLowerCase()} AFTER ${event} ON ${table}
          BEGIN UPDATE indicators_data_version SET version = version + 1 WHERE id = 1; END`,
        )
        .execute(db);
    }
  }
}

/**
 * As for the explorer's version: once per transaction, at commit (a deferred trigger), so the row is
 * locked only while committing and readers see the new version exactly when they can see the new data.
 */
async function triggersPostgres(db: UntypedDb): Promise<void> {
  await sql
    .raw(
      `CREATE FUNCTION indicators_data_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF current_setting('ogp.indicators_data_bumped', true) IS DISTINCT FROM txid_current()::text THEN
          UPDATE indicators_data_version SET version = version + 1 WHERE id = 1;
          PERFORM set_config('ogp.indicators_data_bumped', txid_current()::text, true);
        END IF;
        RETURN NULL;
      END $$`,
    )
    .execute(db);
  for (const table of WATCHED_TABLES) {
    await sql
      .raw(
        `CREATE CONSTRAINT TRIGGER indicators_data_version_${table} AFTER INSERT OR UPDATE OR DELETE ON ${table}
        DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION indicators_data_version_bump()`,
      )
      .execute(db);
  }
}

export async function down(db: UntypedDb): Promise<void> {
  if (isPostgres(db)) {
    for (const table of WATCHED_TABLES) await sql.raw(`DROP TRIGGER indicators_data_version_${table} ON ${table}`).execute(db);
    await sql`DROP FUNCTION indicators_data_version_bump()`.execute(db);
  } else {
    for (const table of WATCHED_TABLES) {
      for (const event of ['insert', 'update', 'delete']) await sql.raw(`DROP TRIGGER indicators_data_version_${table}_${event}`).execute(db);
    }
  }
  await sql`DROP TABLE indicators_data_version`.execute(db);
  await db.schema.dropIndex('role_grants_member_idx').execute();
}
