import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Migrations see a database with no table types on purpose: they describe history, not today's schema.
type UntypedDb = Kysely<Record<string, never>>;

/**
 * What the member and indicators pages need to cost the same however large the database grows.
 *
 * A member's page names its government points of contact; without an index on the member that lookup read
 * every role grant, of every member.
 *
 * indicators_data_version counts changes to what the indicators dashboard reads, in two rows: 'plan' for the
 * strategic plans in StratML and the actuals recorded by hand, 'computed' for the data the computed indicators
 * count (commitments, the institutions named in them, organisations' types, action plans' dates). Every process
 * can then keep the dashboard in memory and still see a change made by any other process (or by plain SQL), at
 * the cost of reading two small rows. Triggers keep them, so no writer has to know about them.
 */

interface Watched {
  table: string;
  /** Only updates of these columns matter; null for any update. */
  updateOf: string[] | null;
}

const PLAN_TABLES: Watched[] = [
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
].map((table) => ({ table, updateOf: null }));

// Progress updates rewrite commitments' status and percentage hundreds of times a second; only a commitment
// moving to another plan changes what is counted, so other updates leave the version alone.
const COMPUTED_TABLES: Watched[] = [
  { table: 'commitments', updateOf: ['plan_id'] },
  { table: 'commitment_institutions', updateOf: null },
  { table: 'organisations', updateOf: ['org_type'] },
  { table: 'action_plans', updateOf: ['start_date', 'end_date'] },
];

const WATCHED: Record<'plan' | 'computed', Watched[]> = { plan: PLAN_TABLES, computed: COMPUTED_TABLES };

const isPostgres = (db: UntypedDb): boolean => db.getExecutor().adapter instanceof PostgresAdapter;

const updateEvent = (w: Watched): string => (w.updateOf ? `UPDATE OF ${w.updateOf.join(', ')}` : 'UPDATE');

export async function up(db: UntypedDb): Promise<void> {
  await db.schema.createIndex('role_grants_member_idx').on('role_grants').columns(['member_id', 'role']).execute();
  await sql`CREATE TABLE indicators_data_version (source text PRIMARY KEY, version bigint NOT NULL)`.execute(db);
  await sql`INSERT INTO indicators_data_version (source, version) VALUES ('plan', 0), ('computed', 0)`.execute(db);
  if (isPostgres(db)) await triggersPostgres(db);
  else await triggersSqlite(db);
}

async function triggersSqlite(db: UntypedDb): Promise<void> {
  for (const [source, watched] of Object.entries(WATCHED)) {
    for (const w of watched) {
      for (const [name, event] of [['insert', 'INSERT'], ['update', updateEvent(w)], ['delete', 'DELETE']]) {
        await sql
          .raw(
            `CREATE TRIGGER indicators_${source}_version_${w.table}_${name} AFTER ${event} ON ${w.table}
            BEGIN UPDATE indicators_data_version SET version = version + 1 WHERE source = '${source}'; END`,
          )
          .execute(db);
      }
    }
  }
}

/**
 * As for the explorer's version: once per transaction and source, at commit (a deferred trigger), so the row
 * is locked only while committing and readers see the new version exactly when they can see the new data.
 */
async function triggersPostgres(db: UntypedDb): Promise<void> {
  await sql
    .raw(
      `CREATE FUNCTION indicators_data_version_bump() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        bumped text := 'ogp.indicators_bumped_' || TG_ARGV[0];
      BEGIN
        IF current_setting(bumped, true) IS DISTINCT FROM txid_current()::text THEN
          UPDATE indicators_data_version SET version = version + 1 WHERE source = TG_ARGV[0];
          PERFORM set_config(bumped, txid_current()::text, true);
        END IF;
        RETURN NULL;
      END $$`,
    )
    .execute(db);
  for (const [source, watched] of Object.entries(WATCHED)) {
    for (const w of watched) {
      await sql
        .raw(
          `CREATE CONSTRAINT TRIGGER indicators_${source}_version_${w.table} AFTER INSERT OR DELETE OR ${updateEvent(w)} ON ${w.table}
          DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION indicators_data_version_bump('${source}')`,
        )
        .execute(db);
    }
  }
}

export async function down(db: UntypedDb): Promise<void> {
  for (const [source, watched] of Object.entries(WATCHED)) {
    for (const w of watched) {
      if (isPostgres(db)) await sql.raw(`DROP TRIGGER indicators_${source}_version_${w.table} ON ${w.table}`).execute(db);
      else for (const name of ['insert', 'update', 'delete']) await sql.raw(`DROP TRIGGER indicators_${source}_version_${w.table}_${name}`).execute(db);
    }
  }
  if (isPostgres(db)) await sql`DROP FUNCTION indicators_data_version_bump()`.execute(db);
  await sql`DROP TABLE indicators_data_version`.execute(db);
  await db.schema.dropIndex('role_grants_member_idx').execute();
}
