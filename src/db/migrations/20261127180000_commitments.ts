import { type Kysely, sql } from 'kysely';

// Migrations see a database with no table types on purpose: they describe history, not today's schema.
type UntypedDb = Kysely<Record<string, never>>;

/**
 * IRM fields as the OGP data sheet records them. Each has a value column (a slug such as 'moderate')
 * and a `_missing` twin ('no_data' | 'not_reviewed' | 'not_applicable'): ND, NR and NA are never values.
 */
export const IRM_FIELDS = [
  'specificity',
  'verifiable',
  'relevance_access_to_information',
  'relevance_civic_participation',
  'relevance_public_accountability',
  'relevance_technology_innovation',
  'potential_impact',
  'completion_progress',
  'potential_for_results',
  'completion_end_of_term',
  'change_in_completion',
  'early_results',
  'did_it_open_government',
  'diog_access_to_information',
  'diog_civic_participation',
  'diog_public_accountability',
  'carried_forward',
] as const;

export async function up(db: UntypedDb): Promise<void> {
  await db.schema.alterTable('members').addColumn('ogp_code', 'text').execute();
  await db.schema.alterTable('members').addColumn('region', 'text').execute();
  await db.schema.alterTable('members').addColumn('cohort', 'text').execute();
  await db.schema.alterTable('members').addColumn('status', 'text', (c) => c.notNull().defaultTo('active')).execute();
  await db.schema.alterTable('members').addColumn('joined_on', 'text').execute();
  await db.schema.createIndex('members_ogp_code_idx').on('members').column('ogp_code').unique().execute();
  await db.schema.createIndex('members_region_idx').on('members').column('region').execute();

  // A table of its own: SQLite cannot drop a column that carries a foreign key, and down() must work.
  await db.schema
    .createTable('member_lead_agencies')
    .addColumn('member_id', 'text', (c) => c.primaryKey().references('members.id').onDelete('cascade'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .execute();

  await db.schema
    .createTable('member_status_history')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('effective_on', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('recorded_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('member_status_history_member_idx').on('member_status_history').columns(['member_id', 'effective_on']).execute();

  await db.schema
    .createTable('action_plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('ogp_id', 'text', (c) => c.notNull().unique())
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('start_date', 'text')
    .addColumn('end_date', 'text')
    .addColumn('due_date', 'text')
    .addColumn('submitted_on', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('action_plans_member_number', ['member_id', 'number'])
    .execute();

  await db.schema
    .createTable('commitments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ogp_id', 'text', (c) => c.notNull().unique())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('action_plans.id').onDelete('cascade'))
    // Copied from the plan so the explorer can facet and filter without a join.
    .addColumn('member_id', 'text', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('short_title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('full_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('problem', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status_quo', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('objective', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('ambition', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('theme', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('start_date', 'text')
    .addColumn('end_date', 'text')
    .addColumn('carried_forward_from_id', 'text', (c) => c.references('commitments.id').onDelete('set null'))
    // The government's own statement of relevance (0/1, null when not stated); the IRM's view is in irm_assessments.
    .addColumn('stated_access_to_information', 'integer')
    .addColumn('stated_civic_participation', 'integer')
    .addColumn('stated_public_accountability', 'integer')
    .addColumn('stated_technology_innovation', 'integer')
    .addColumn('implementation_status', 'text', (c) => c.notNull().defaultTo('not_started'))
    .addColumn('progress_percent', 'integer')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('source_url', 'text')
    // Every column of the imported sheet row exactly as read, so import → export loses nothing.
    .addColumn('sheet_row_json', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('commitments_plan_idx').on('commitments').columns(['plan_id', 'number']).execute();
  await db.schema.createIndex('commitments_member_idx').on('commitments').column('member_id').execute();
  await db.schema.createIndex('commitments_status_idx').on('commitments').column('implementation_status').execute();

  await db.schema
    .createTable('commitment_tags')
    .addColumn('commitment_id', 'text', (c) => c.notNull().references('commitments.id').onDelete('cascade'))
    .addColumn('vocabulary', 'text', (c) => c.notNull())
    .addColumn('tag', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('commitment_tags_pk', ['commitment_id', 'vocabulary', 'tag'])
    .execute();
  await db.schema.createIndex('commitment_tags_tag_idx').on('commitment_tags').columns(['vocabulary', 'tag', 'commitment_id']).execute();

  await db.schema
    .createTable('commitment_institutions')
    .addColumn('commitment_id', 'text', (c) => c.notNull().references('commitments.id').onDelete('cascade'))
    .addColumn('organisation_id', 'text', (c) => c.notNull().references('organisations.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('commitment_institutions_pk', ['commitment_id', 'organisation_id', 'role'])
    .execute();
  await db.schema.createIndex('commitment_institutions_org_idx').on('commitment_institutions').column('organisation_id').execute();

  let irm = db.schema
    .createTable('irm_assessments')
    .addColumn('commitment_id', 'text', (c) => c.primaryKey().references('commitments.id').onDelete('cascade'))
    .addColumn('progress_report_year', 'integer')
    .addColumn('end_of_term_report_year', 'integer');
  for (const field of IRM_FIELDS) irm = irm.addColumn(field, 'text').addColumn(`${field}_missing`, 'text');
  await irm.addColumn('updated_at', 'text', (c) => c.notNull()).execute();
  await db.schema.createIndex('irm_assessments_impact_idx').on('irm_assessments').column('potential_impact').execute();
  await db.schema.createIndex('irm_assessments_completion_idx').on('irm_assessments').column('completion_end_of_term').execute();

  // A star is a computation, so it is stored per formula version and per report, never as a bare flag.
  await db.schema
    .createTable('commitment_stars')
    .addColumn('commitment_id', 'text', (c) => c.notNull().references('commitments.id').onDelete('cascade'))
    .addColumn('formula', 'text', (c) => c.notNull())
    .addColumn('report', 'text', (c) => c.notNull())
    .addColumn('starred', 'integer')
    .addColumn('missing', 'text')
    .addPrimaryKeyConstraint('commitment_stars_pk', ['commitment_id', 'formula', 'report'])
    .execute();

  await db.schema
    .createTable('milestones')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('commitment_id', 'text', (c) => c.notNull().references('commitments.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('ogp_id', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('start_date', 'text')
    .addColumn('due_date', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('not_started'))
    .addColumn('percent_complete', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('weight', 'real', (c) => c.notNull().defaultTo(1))
    // JSON array of URLs.
    .addColumn('evidence_links', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('milestones_commitment_idx').on('milestones').columns(['commitment_id', 'position']).execute();

  await db.schema
    .createTable('progress_updates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('commitment_id', 'text', (c) => c.notNull().references('commitments.id').onDelete('cascade'))
    .addColumn('milestone_id', 'text', (c) => c.references('milestones.id').onDelete('cascade'))
    .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('percent_complete', 'integer', (c) => c.notNull())
    .addColumn('narrative', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('evidence_links', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('reported_on', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('progress_updates_commitment_idx').on('progress_updates').columns(['commitment_id', 'reported_on']).execute();
  await db.schema.createIndex('progress_updates_reported_idx').on('progress_updates').column('reported_on').execute();
}

export async function down(db: UntypedDb): Promise<void> {
  for (const table of [
    'progress_updates',
    'milestones',
    'commitment_stars',
    'irm_assessments',
    'commitment_institutions',
    'commitment_tags',
    'commitments',
    'action_plans',
    'member_status_history',
    'member_lead_agencies',
  ]) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.dropIndex('members_region_idx').execute();
  await db.schema.dropIndex('members_ogp_code_idx').execute();
  for (const column of ['joined_on', 'status', 'cohort', 'region', 'ogp_code']) {
    await sql`ALTER TABLE members DROP COLUMN ${sql.ref(column)}`.execute(db);
  }
}
