import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import type {
  StrategyGoalsTable,
  StrategyIndicatorsTable,
  StrategyObjectivesTable,
  StrategyPlansTable,
  StrategyResultKind,
  StrategyResultsTable,
} from '../../db/schema.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import { type Page, type PageRequest, pageOffset } from '../../platform/pagination.ts';

export { loadPlan, savePlan } from './plan-store.ts';

export type PlanRow = StrategyPlansTable;
export type GoalRow = StrategyGoalsTable;
export type ObjectiveRow = StrategyObjectivesTable;
export type IndicatorRow = StrategyIndicatorsTable;
export type ResultRow = StrategyResultsTable;

export interface PlanSummary {
  id: string;
  name: string;
  part: number;
  plan_type: string | null;
  source: string;
  is_default: number;
  created_at: string;
  goals: number;
  objectives: number;
  indicators: number;
}

/** One page of plans: the platform's own first, then by name. */
export async function listPlans(db: DbOrTrx, request: PageRequest): Promise<Page<PlanSummary>> {
  const rows = await db
    .selectFrom('strategy_plans')
    .select(['id', 'name', 'part', 'plan_type', 'source', 'is_default', 'created_at'])
    .select((eb) => [
      eb.selectFrom('strategy_goals').select(eb.fn.countAll<number>().as('n')).whereRef('strategy_goals.plan_id', '=', 'strategy_plans.id').as('goals'),
      eb.selectFrom('strategy_objectives').select(eb.fn.countAll<number>().as('n')).whereRef('strategy_objectives.plan_id', '=', 'strategy_plans.id').as('objectives'),
      eb.selectFrom('strategy_indicators').select(eb.fn.countAll<number>().as('n')).whereRef('strategy_indicators.plan_id', '=', 'strategy_plans.id').as('indicators'),
    ])
    .orderBy('is_default', 'desc')
    .orderBy(sql`lower(${sql.ref('name')})`)
    .orderBy('created_at')
    .orderBy('id')
    .limit(request.perPage)
    .offset(pageOffset(request))
    .execute();
  const total = await db
    .selectFrom('strategy_plans')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const items = rows.map((r) => ({ ...r, goals: Number(r.goals ?? 0), objectives: Number(r.objectives ?? 0), indicators: Number(r.indicators ?? 0) }));
  return { items, total: Number(total.n), page: request.page, perPage: request.perPage };
}

export async function findDefaultPlanId(db: DbOrTrx): Promise<string | null> {
  const row = await db.selectFrom('strategy_plans').select('id').where('is_default', '=', 1).executeTakeFirst();
  return row?.id ?? null;
}

export function findPlanRow(db: DbOrTrx, planId: string): Promise<PlanRow | undefined> {
  return db.selectFrom('strategy_plans').selectAll().where('id', '=', planId).executeTakeFirst();
}

/** Makes this plan the platform's own and every other plan not; the unique index allows one at a time. */
export async function markDefaultPlan(trx: DbOrTrx, planId: string): Promise<void> {
  await trx.updateTable('strategy_plans').set({ is_default: 0 }).where('is_default', '=', 1).where('id', '!=', planId).execute();
  await trx.updateTable('strategy_plans').set({ is_default: 1 }).where('id', '=', planId).execute();
}

/**
 * Makes this plan the default only if none is: it clears nothing, so when another process's default
 * is committed (or about to be), the unique index refuses this one instead of replacing it.
 */
export async function claimDefaultPlan(trx: DbOrTrx, planId: string): Promise<void> {
  await trx.updateTable('strategy_plans').set({ is_default: 1 }).where('id', '=', planId).execute();
}

export type PlanTextFields = Pick<
  PlanRow,
  'name' | 'description' | 'has_vision' | 'vision_description' | 'vision_identifier' | 'has_mission' | 'mission_description' | 'mission_identifier'
>;

export async function updatePlanFields(trx: DbOrTrx, planId: string, fields: Partial<PlanTextFields>): Promise<void> {
  await trx.updateTable('strategy_plans').set({ ...fields, updated_at: nowIso() }).where('id', '=', planId).execute();
}

/** Notes that something inside the plan changed. */
export async function touchPlan(trx: DbOrTrx, planId: string): Promise<void> {
  await trx.updateTable('strategy_plans').set({ updated_at: nowIso() }).where('id', '=', planId).execute();
}

export function findGoal(db: DbOrTrx, planId: string, goalId: string): Promise<GoalRow | undefined> {
  return db.selectFrom('strategy_goals').selectAll().where('plan_id', '=', planId).where('id', '=', goalId).executeTakeFirst();
}

export type GoalFields = Pick<GoalRow, 'sequence_indicator' | 'name' | 'description' | 'other_information'>;

export async function updateGoal(trx: DbOrTrx, goalId: string, fields: GoalFields): Promise<void> {
  await trx.updateTable('strategy_goals').set(fields).where('id', '=', goalId).execute();
}

export function findObjective(db: DbOrTrx, planId: string, objectiveId: string): Promise<ObjectiveRow | undefined> {
  return db.selectFrom('strategy_objectives').selectAll().where('plan_id', '=', planId).where('id', '=', objectiveId).executeTakeFirst();
}

export async function updateObjective(trx: DbOrTrx, objectiveId: string, fields: GoalFields): Promise<void> {
  await trx.updateTable('strategy_objectives').set(fields).where('id', '=', objectiveId).execute();
}

export function findIndicator(db: DbOrTrx, planId: string, indicatorId: string): Promise<IndicatorRow | undefined> {
  return db.selectFrom('strategy_indicators').selectAll().where('plan_id', '=', planId).where('id', '=', indicatorId).executeTakeFirst();
}

export type IndicatorFields = Pick<IndicatorRow, 'sequence_indicator' | 'measurement_dimension' | 'unit_of_measurement' | 'indicator_type' | 'value_chain_stage'>;

export async function updateIndicator(trx: DbOrTrx, indicatorId: string, fields: IndicatorFields): Promise<void> {
  await trx.updateTable('strategy_indicators').set(fields).where('id', '=', indicatorId).execute();
}

export function findResult(db: DbOrTrx, planId: string, resultId: string): Promise<ResultRow | undefined> {
  return db.selectFrom('strategy_results').selectAll().where('plan_id', '=', planId).where('id', '=', resultId).executeTakeFirst();
}

export type ResultFields = Pick<ResultRow, 'start_date' | 'end_date' | 'number_of_units' | 'descriptor_name' | 'descriptor_value' | 'description'>;

/** The next position in a plan's table, so a row added by hand comes after every row read from the file. */
async function nextPosition(trx: DbOrTrx, table: 'strategy_measurement_instances' | 'strategy_results', planId: string): Promise<number> {
  const row = await trx
    .selectFrom(table)
    .select((eb) => eb.fn.max<number | null>('position').as('last'))
    .where('plan_id', '=', planId)
    .executeTakeFirst();
  return row?.last === null || row?.last === undefined ? 0 : Number(row.last) + 1;
}

/**
 * The measurement instance for a period: the one already holding a result for the same dates (so a period's
 * target and actual stay together, as StratML groups them), else a new one at the end.
 */
async function instanceForPeriod(trx: DbOrTrx, planId: string, indicatorId: string, period: Pick<ResultRow, 'start_date' | 'end_date'>): Promise<string> {
  const samePeriod = await trx
    .selectFrom('strategy_results')
    .innerJoin('strategy_measurement_instances', 'strategy_measurement_instances.id', 'strategy_results.instance_id')
    .select('strategy_results.instance_id')
    .where('strategy_results.indicator_id', '=', indicatorId)
    .where('strategy_results.start_date', '=', period.start_date)
    .where('strategy_results.end_date', '=', period.end_date)
    .orderBy('strategy_measurement_instances.position')
    .executeTakeFirst();
  if (samePeriod) return samePeriod.instance_id;
  const id = newId();
  const position = await nextPosition(trx, 'strategy_measurement_instances', planId);
  await trx.insertInto('strategy_measurement_instances').values({ id, plan_id: planId, position, indicator_id: indicatorId }).execute();
  return id;
}

/** A measurement instance with no results left says nothing, so it goes. */
async function dropInstanceIfEmpty(trx: DbOrTrx, instanceId: string): Promise<void> {
  const left = await trx.selectFrom('strategy_results').select('id').where('instance_id', '=', instanceId).limit(1).executeTakeFirst();
  if (!left) await trx.deleteFrom('strategy_measurement_instances').where('id', '=', instanceId).execute();
}

/** Adds a target or an actual to an indicator, in the instance for its period. */
export async function insertResult(trx: DbOrTrx, planId: string, indicatorId: string, kind: StrategyResultKind, fields: ResultFields): Promise<ResultRow> {
  const instanceId = await instanceForPeriod(trx, planId, indicatorId, fields);
  const row: ResultRow = {
    id: newId(),
    plan_id: planId,
    position: await nextPosition(trx, 'strategy_results', planId),
    instance_id: instanceId,
    indicator_id: indicatorId,
    kind,
    ...fields,
  };
  await trx.insertInto('strategy_results').values(row).execute();
  return row;
}

/** Saves a result's new values; a result moved to another period moves to that period's instance. */
export async function updateResult(trx: DbOrTrx, result: ResultRow, fields: ResultFields): Promise<void> {
  const samePeriod = result.start_date === fields.start_date && result.end_date === fields.end_date;
  const instanceId = samePeriod ? result.instance_id : await instanceForPeriod(trx, result.plan_id, result.indicator_id, fields);
  // A result moved to another period comes after the results already there.
  const position = instanceId === result.instance_id ? result.position : await nextPosition(trx, 'strategy_results', result.plan_id);
  await trx.updateTable('strategy_results').set({ ...fields, instance_id: instanceId, position }).where('id', '=', result.id).execute();
  if (instanceId !== result.instance_id) await dropInstanceIfEmpty(trx, result.instance_id);
}

/** Removes a result, and its measurement instance when nothing else is left in it. */
export async function deleteResult(trx: DbOrTrx, result: Pick<ResultRow, 'id' | 'instance_id'>): Promise<void> {
  await trx.deleteFrom('strategy_results').where('id', '=', result.id).execute();
  await dropInstanceIfEmpty(trx, result.instance_id);
}
