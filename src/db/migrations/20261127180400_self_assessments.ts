import type { Kysely } from 'kysely';

// Migrations see a database with no table types on purpose: they describe history, not today's schema.
type UntypedDb = Kysely<Record<string, never>>;

/**
 * A government's own mid-term and end-of-term self-assessments of an action plan, each with a
 * public comment period, and the comments people leave during it. One of each kind per plan.
 */
export async function up(db: UntypedDb): Promise<void> {
  await db.schema
    .createTable('self_assessments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('action_plans.id').onDelete('cascade'))
    // 'mid_term' or 'end_of_term'.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('document_url', 'text')
    // ISO dates, both inclusive: comments are taken from the first day to the end of the last.
    .addColumn('comments_open_on', 'text', (c) => c.notNull())
    .addColumn('comments_close_on', 'text', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('self_assessments_plan_kind', ['plan_id', 'kind'])
    .execute();

  await db.schema
    .createTable('self_assessment_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('self_assessment_id', 'text', (c) => c.notNull().references('self_assessments.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('self_assessment_comments_assessment_idx')
    .on('self_assessment_comments')
    .columns(['self_assessment_id', 'created_at'])
    .execute();
}

export async function down(db: UntypedDb): Promise<void> {
  await db.schema.dropTable('self_assessment_comments').execute();
  await db.schema.dropTable('self_assessments').execute();
}
