import type { Kysely } from 'kysely';

// Migrations see a database with no table types on purpose: they describe history, not today's schema.
type UntypedDb = Kysely<Record<string, never>>;

/**
 * Actuals of performance indicators whose data lives outside the platform (social media followers,
 * website visitors, references by heads of state), recorded by hand by the Support Unit. An actual
 * belongs to the indicator's StratML identifier rather than to a stored plan, so it survives the plan
 * being imported again; there is at most one per indicator and period.
 */
export async function up(db: UntypedDb): Promise<void> {
  await db.schema
    .createTable('indicator_actuals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('indicator_identifier', 'text', (c) => c.notNull())
    // ISO dates, both inclusive.
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    // Double precision on both databases: PostgreSQL's "real" would round a follower count of 16,777,217.
    .addColumn('value', 'double precision', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('source_url', 'text')
    .addColumn('recorded_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('indicator_actuals_period', ['indicator_identifier', 'start_date', 'end_date'])
    .execute();
}

export async function down(db: UntypedDb): Promise<void> {
  await db.schema.dropTable('indicator_actuals').execute();
}
