import { type Kysely, sql } from 'kysely';

// Migrations see a database with no table types on purpose: they describe history, not today's schema.
type UntypedDb = Kysely<Record<string, never>>;

/**
 * Strategic plans in StratML (Part 1 and Part 2), normalised one table per element kind. Every child
 * row carries its plan's id, so a plan loads with one query per table and goes with its plan.
 * `position` keeps the file's order, so export writes elements back in the order they were read.
 * Text a file leaves out is '' (as in the document model); a missing optional choice is NULL.
 */
export async function up(db: UntypedDb): Promise<void> {
  await db.schema
    .createTable('strategy_plans')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('part', 'integer', (c) => c.notNull())
    // Strategic_Plan, Performance_Plan or Performance_Report; NULL for a Part 1 plan.
    .addColumn('plan_type', 'text')
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('other_information', 'text', (c) => c.notNull().defaultTo(''))
    // A plan may have no Vision element at all, which is not the same as an empty one.
    .addColumn('has_vision', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('vision_description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('vision_identifier', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('has_mission', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('mission_description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('mission_identifier', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('has_administrative_information', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('admin_identifier', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('admin_start_date', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('admin_end_date', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('admin_publication_date', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('admin_source', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('has_submitter', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('submitter_identifier', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('submitter_given_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('submitter_surname', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('submitter_phone_number', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('submitter_email_address', 'text', (c) => c.notNull().defaultTo(''))
    // Where the plan came from: the file name it was imported from.
    .addColumn('source', 'text', (c) => c.notNull().defaultTo(''))
    // What the import read and ignored (JSON), kept so the report can be read again later.
    .addColumn('import_report', 'text', (c) => c.notNull().defaultTo('{}'))
    // 1 for the platform's own plan; the partial unique index below allows only one.
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('strategy_plans_default_idx').on('strategy_plans').column('is_default').unique().where(sql<boolean>`is_default = 1`).execute();

  const planChild = (table: string) =>
    db.schema
      .createTable(table)
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('plan_id', 'text', (c) => c.notNull().references('strategy_plans.id').onDelete('cascade'))
      .addColumn('position', 'integer', (c) => c.notNull());

  await planChild('strategy_organizations')
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('acronym', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('identifier', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .execute();

  await planChild('strategy_values')
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .execute();

  await planChild('strategy_goals')
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('identifier', 'text', (c) => c.notNull().defaultTo(''))
    // Shown to people ("1"), never an identifier: plans reuse numbers across kinds.
    .addColumn('sequence_indicator', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('other_information', 'text', (c) => c.notNull().defaultTo(''))
    .execute();

  await planChild('strategy_objectives')
    .addColumn('goal_id', 'text', (c) => c.notNull().references('strategy_goals.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('identifier', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sequence_indicator', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('other_information', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('strategy_objectives_goal_idx').on('strategy_objectives').columns(['goal_id', 'position']).execute();

  // A stakeholder belongs to exactly one of an organisation, a goal or an objective.
  await planChild('strategy_stakeholders')
    .addColumn('organization_id', 'text', (c) => c.references('strategy_organizations.id').onDelete('cascade'))
    .addColumn('goal_id', 'text', (c) => c.references('strategy_goals.id').onDelete('cascade'))
    .addColumn('objective_id', 'text', (c) => c.references('strategy_objectives.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    // Person, Organization or Generic_Group; NULL when the file does not say.
    .addColumn('stakeholder_type', 'text')
    .addCheckConstraint(
      'strategy_stakeholders_one_parent',
      sql`(CASE WHEN organization_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN goal_id IS NULL THEN 0 ELSE 1 END) + (CASE WHEN objective_id IS NULL THEN 0 ELSE 1 END) = 1`,
    )
    .execute();
  await db.schema.createIndex('strategy_stakeholders_plan_idx').on('strategy_stakeholders').columns(['plan_id', 'position']).execute();

  await planChild('strategy_stakeholder_roles')
    .addColumn('stakeholder_id', 'text', (c) => c.notNull().references('strategy_stakeholders.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    // Performer and/or Beneficiary, space-separated in the file's order ('' for none).
    .addColumn('role_types', 'text', (c) => c.notNull().defaultTo(''))
    .execute();

  await planChild('strategy_indicators')
    .addColumn('objective_id', 'text', (c) => c.notNull().references('strategy_objectives.id').onDelete('cascade'))
    .addColumn('identifier', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('sequence_indicator', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('measurement_dimension', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('unit_of_measurement', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('value_chain_stage', 'text')
    .addColumn('indicator_type', 'text')
    .addColumn('other_information', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('strategy_indicators_objective_idx').on('strategy_indicators').columns(['objective_id', 'position']).execute();

  await planChild('strategy_relationships')
    .addColumn('indicator_id', 'text', (c) => c.notNull().references('strategy_indicators.id').onDelete('cascade'))
    .addColumn('identifier', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('relationship_type', 'text')
    .execute();

  await planChild('strategy_relationship_referents')
    .addColumn('relationship_id', 'text', (c) => c.notNull().references('strategy_relationships.id').onDelete('cascade'))
    .addColumn('referent_identifier', 'text', (c) => c.notNull())
    .execute();

  await planChild('strategy_measurement_instances')
    .addColumn('indicator_id', 'text', (c) => c.notNull().references('strategy_indicators.id').onDelete('cascade'))
    .execute();

  await planChild('strategy_results')
    .addColumn('instance_id', 'text', (c) => c.notNull().references('strategy_measurement_instances.id').onDelete('cascade'))
    // Copied from the instance so an indicator's results are one indexed query away.
    .addColumn('indicator_id', 'text', (c) => c.notNull().references('strategy_indicators.id').onDelete('cascade'))
    // 'target' or 'actual'.
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('end_date', 'text', (c) => c.notNull().defaultTo(''))
    // Double precision: a target such as 1234567.89 must come back exactly as written.
    .addColumn('number_of_units', 'double precision')
    // Both NULL when the result has no Descriptor; a Descriptor with empty parts is ''.
    .addColumn('descriptor_name', 'text')
    .addColumn('descriptor_value', 'text')
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addCheckConstraint('strategy_results_kind', sql`kind IN ('target', 'actual')`)
    .execute();
  await db.schema.createIndex('strategy_results_indicator_idx').on('strategy_results').columns(['indicator_id', 'kind', 'start_date']).execute();

  // Each table is loaded by plan, in order.
  for (const table of [
    'strategy_organizations',
    'strategy_values',
    'strategy_goals',
    'strategy_objectives',
    'strategy_stakeholder_roles',
    'strategy_indicators',
    'strategy_relationships',
    'strategy_relationship_referents',
    'strategy_measurement_instances',
    'strategy_results',
  ]) {
    await db.schema.createIndex(`${table}_plan_idx`).on(table).columns(['plan_id', 'position']).execute();
  }
}

export async function down(db: UntypedDb): Promise<void> {
  for (const table of [
    'strategy_results',
    'strategy_measurement_instances',
    'strategy_relationship_referents',
    'strategy_relationships',
    'strategy_indicators',
    'strategy_stakeholder_roles',
    'strategy_stakeholders',
    'strategy_objectives',
    'strategy_goals',
    'strategy_values',
    'strategy_organizations',
    'strategy_plans',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
