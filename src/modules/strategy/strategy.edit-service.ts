// The Support Unit's edits to a stored plan. Each one checks every field at once, saves, and writes a public
// audit event on the plan in the same transaction, so the plan page's history shows every change.
import type { DbOrTrx } from '../../db/database.ts';
import type { StrategyResultKind } from '../../db/schema.ts';
import { recordAudit } from '../../platform/audit.ts';
import { changedFields } from '../../platform/changes.ts';
import { FieldErrorCollector, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { Actor } from '../../platform/roles.ts';
import {
  deleteResult,
  findGoal,
  findIndicator,
  findObjective,
  findPlanRow,
  findResult,
  type GoalFields,
  type IndicatorFields,
  insertResult,
  type PlanRow,
  type ResultFields,
  type ResultRow,
  touchPlan,
  updateGoal as updateGoalRow,
  updateIndicator as updateIndicatorRow,
  updateObjective as updateObjectiveRow,
  updatePlanFields,
  updateResult as updateResultRow,
} from './strategy.repository.ts';
import type { StrategyContext } from './strategy.service.ts';
import { INDICATOR_TYPES, VALUE_CHAIN_STAGES } from './stratml/model.ts';

export const NAME_MAX = 1000;
export const TEXT_MAX = 20000;
export const SEQUENCE_MAX = 50;
export const SHORT_MAX = 500;

// Counts characters as people see them, so accented text is not penalised for its UTF-16 length.
const length = (text: string): number => [...text].length;
// Browsers send line breaks as CRLF; one form keeps stored text the same wherever it came from.
const clean = (text: string | undefined): string => (text ?? '').replace(/\r\n?/g, '\n').trim();

/** A fresh StratML identifier: an xs:ID must start with a letter or an underscore, which a UUID may not. */
export const newStratmlIdentifier = (): string => `_${newId()}`;

function checkLength(errors: FieldErrorCollector, field: string, value: string, max: number): void {
  if (length(value) > max) errors.add(field, 'strategy.errors.tooLong', { max });
}

function recordPlanEvent(trx: DbOrTrx, actor: Actor, planId: string, action: string, summary: string, before: object | null, after: object | null) {
  return recordAudit(trx, { actorId: actor.id, action, entityType: 'strategy_plan', entityId: planId, summary, before, after, isPublic: true });
}

async function planOrNotFound(trx: DbOrTrx, planId: string): Promise<PlanRow> {
  const plan = await findPlanRow(trx, planId);
  if (!plan) throw notFound();
  return plan;
}

export interface PlanInput {
  name?: string;
  description?: string;
  vision?: string;
  mission?: string;
}

/** The plan's name, description, vision and mission. An emptied vision or mission is removed from the plan. */
export function updatePlan(ctx: StrategyContext, actor: Actor, planId: string, input: PlanInput): Promise<void> {
  const errors = new FieldErrorCollector();
  const next = { name: clean(input.name), description: clean(input.description), vision: clean(input.vision), mission: clean(input.mission) };
  if (next.name === '') errors.add('name', 'strategy.errors.nameRequired');
  checkLength(errors, 'name', next.name, NAME_MAX);
  for (const field of ['description', 'vision', 'mission'] as const) checkLength(errors, field, next[field], TEXT_MAX);
  errors.throwIfAny();
  return ctx.db.transaction().execute(async (trx) => {
    const plan = await planOrNotFound(trx, planId);
    const current = { name: plan.name, description: plan.description, vision: plan.vision_description, mission: plan.mission_description };
    const changes = changedFields(current, next);
    // Saving an unchanged form is not a change, so it leaves no trace in the history.
    if (!changes) return;
    // A statement keeps its identifier while it has text; an empty one goes, unless it was already empty.
    const statement = (has: number, text: string, identifier: string, was: string) =>
      text === '' && was !== '' ? { has: 0, identifier: '' } : { has: text === '' ? has : 1, identifier: text !== '' && identifier === '' ? newStratmlIdentifier() : identifier };
    const vision = statement(plan.has_vision, next.vision, plan.vision_identifier, plan.vision_description);
    const mission = statement(plan.has_mission, next.mission, plan.mission_identifier, plan.mission_description);
    await updatePlanFields(trx, planId, {
      name: next.name,
      description: next.description,
      has_vision: vision.has,
      vision_description: next.vision,
      vision_identifier: vision.identifier,
      has_mission: mission.has,
      mission_description: next.mission,
      mission_identifier: mission.identifier,
    });
    await recordPlanEvent(trx, actor, planId, 'strategy_plan.updated', `Strategic plan updated: ${Object.keys(changes.after).join(', ')}`, changes.before, changes.after);
  });
}

export interface ElementInput {
  sequenceIndicator?: string;
  name?: string;
  description?: string;
  otherInformation?: string;
}

function validateElement(input: ElementInput): GoalFields {
  const errors = new FieldErrorCollector();
  const fields: GoalFields = {
    sequence_indicator: clean(input.sequenceIndicator),
    name: clean(input.name),
    description: clean(input.description),
    other_information: clean(input.otherInformation),
  };
  checkLength(errors, 'sequenceIndicator', fields.sequence_indicator, SEQUENCE_MAX);
  if (fields.name === '') errors.add('name', 'strategy.errors.nameRequired');
  checkLength(errors, 'name', fields.name, NAME_MAX);
  checkLength(errors, 'description', fields.description, TEXT_MAX);
  checkLength(errors, 'otherInformation', fields.other_information, TEXT_MAX);
  errors.throwIfAny();
  return fields;
}

/** How an event names the goal, objective or indicator it is about: its number and name, as on the page. */
const labelOf = (sequence: string, name: string): string => [sequence, name].filter((part) => part !== '').join(' ');

export function updateGoal(ctx: StrategyContext, actor: Actor, planId: string, goalId: string, input: ElementInput): Promise<void> {
  const fields = validateElement(input);
  return ctx.db.transaction().execute(async (trx) => {
    const goal = await findGoal(trx, planId, goalId);
    if (!goal) throw notFound();
    const changes = changedFields<GoalFields>(goal, fields);
    if (!changes) return;
    await updateGoalRow(trx, goalId, fields);
    await touchPlan(trx, planId);
    // Both sides name the goal, so the history says which one changed even when its name is what changed.
    const which = { goal: labelOf(goal.sequence_indicator, goal.name) };
    await recordPlanEvent(trx, actor, planId, 'strategy_plan.goal_updated', `Goal updated: ${which.goal}`, { ...which, ...changes.before }, { ...which, ...changes.after });
  });
}

export function updateObjective(ctx: StrategyContext, actor: Actor, planId: string, objectiveId: string, input: ElementInput): Promise<void> {
  const fields = validateElement(input);
  return ctx.db.transaction().execute(async (trx) => {
    const objective = await findObjective(trx, planId, objectiveId);
    if (!objective) throw notFound();
    const changes = changedFields<GoalFields>(objective, fields);
    if (!changes) return;
    await updateObjectiveRow(trx, objectiveId, fields);
    await touchPlan(trx, planId);
    const which = { objective: labelOf(objective.sequence_indicator, objective.name) };
    await recordPlanEvent(
      trx,
      actor,
      planId,
      'strategy_plan.objective_updated',
      `Objective updated: ${which.objective}`,
      { ...which, ...changes.before },
      { ...which, ...changes.after },
    );
  });
}

export interface IndicatorInput {
  sequenceIndicator?: string;
  measurementDimension?: string;
  unitOfMeasurement?: string;
  indicatorType?: string;
  valueChainStage?: string;
}

const oneOf = <T extends string>(choices: readonly T[], value: string): value is T => (choices as readonly string[]).includes(value);

function validateIndicator(input: IndicatorInput): IndicatorFields {
  const errors = new FieldErrorCollector();
  const type = clean(input.indicatorType);
  const stage = clean(input.valueChainStage);
  const fields: IndicatorFields = {
    sequence_indicator: clean(input.sequenceIndicator),
    measurement_dimension: clean(input.measurementDimension),
    unit_of_measurement: clean(input.unitOfMeasurement),
    indicator_type: type === '' ? null : type,
    value_chain_stage: stage === '' ? null : stage,
  };
  checkLength(errors, 'sequenceIndicator', fields.sequence_indicator, SEQUENCE_MAX);
  if (fields.measurement_dimension === '') errors.add('measurementDimension', 'strategy.errors.dimensionRequired');
  checkLength(errors, 'measurementDimension', fields.measurement_dimension, SHORT_MAX);
  checkLength(errors, 'unitOfMeasurement', fields.unit_of_measurement, SHORT_MAX);
  if (type !== '' && !oneOf(INDICATOR_TYPES, type)) errors.add('indicatorType', 'strategy.errors.choiceInvalid');
  if (stage !== '' && !oneOf(VALUE_CHAIN_STAGES, stage)) errors.add('valueChainStage', 'strategy.errors.choiceInvalid');
  errors.throwIfAny();
  return fields;
}

const indicatorLabel = (indicator: Pick<IndicatorFields, 'sequence_indicator' | 'measurement_dimension'>): string =>
  labelOf(indicator.sequence_indicator, indicator.measurement_dimension);

export function updateIndicator(ctx: StrategyContext, actor: Actor, planId: string, indicatorId: string, input: IndicatorInput): Promise<void> {
  const fields = validateIndicator(input);
  return ctx.db.transaction().execute(async (trx) => {
    const indicator = await findIndicator(trx, planId, indicatorId);
    if (!indicator) throw notFound();
    const changes = changedFields<IndicatorFields>(indicator, fields);
    if (!changes) return;
    await updateIndicatorRow(trx, indicatorId, fields);
    await touchPlan(trx, planId);
    const which = { indicator: indicatorLabel(indicator) };
    await recordPlanEvent(
      trx,
      actor,
      planId,
      'strategy_plan.indicator_updated',
      `Performance indicator updated: ${which.indicator}`,
      { ...which, ...changes.before },
      { ...which, ...changes.after },
    );
  });
}

export interface ResultInput {
  startDate?: string;
  endDate?: string;
  numberOfUnits?: string;
  descriptorName?: string;
  descriptorValue?: string;
  description?: string;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Day 0 of the next month is the last day of this one.
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

// A plain decimal as people type it: no thousands separators, which read differently in English, Spanish and French.
const DECIMAL = /^[+-]?(\d+(\.\d+)?|\.\d+)$/;

/** A target or an actual for one period: both dates, and a number of units or a descriptor name and value (or both). */
export function validateResult(input: ResultInput): ResultFields {
  const errors = new FieldErrorCollector();
  const start = clean(input.startDate);
  const end = clean(input.endDate);
  const units = clean(input.numberOfUnits);
  const descriptorName = clean(input.descriptorName);
  const descriptorValue = clean(input.descriptorValue);
  const description = clean(input.description);
  if (start === '') errors.add('startDate', 'strategy.errors.startDateRequired');
  else if (!isRealDate(start)) errors.add('startDate', 'strategy.errors.dateInvalid');
  if (end === '') errors.add('endDate', 'strategy.errors.endDateRequired');
  else if (!isRealDate(end)) errors.add('endDate', 'strategy.errors.dateInvalid');
  else if (!errors.has('startDate') && end < start) errors.add('endDate', 'strategy.errors.endBeforeStart');
  const number = units === '' ? null : Number(units);
  if (units !== '' && (!DECIMAL.test(units) || !Number.isFinite(number))) errors.add('numberOfUnits', 'strategy.errors.numberInvalid');
  if (descriptorName !== '' && descriptorValue === '') errors.add('descriptorValue', 'strategy.errors.descriptorValueRequired');
  if (descriptorValue !== '' && descriptorName === '') errors.add('descriptorName', 'strategy.errors.descriptorNameRequired');
  checkLength(errors, 'descriptorName', descriptorName, SHORT_MAX);
  checkLength(errors, 'descriptorValue', descriptorValue, SHORT_MAX);
  if (units === '' && descriptorName === '' && descriptorValue === '') errors.add('numberOfUnits', 'strategy.errors.valueRequired');
  checkLength(errors, 'description', description, TEXT_MAX);
  errors.throwIfAny();
  const hasDescriptor = descriptorName !== '' || descriptorValue !== '';
  return {
    start_date: start,
    end_date: end,
    number_of_units: number,
    descriptor_name: hasDescriptor ? descriptorName : null,
    descriptor_value: hasDescriptor ? descriptorValue : null,
    description,
  };
}

/** A result's values as its audit event shows them; a blank part is left out rather than shown as "None". */
function resultValues(fields: Partial<ResultFields>): Record<string, string | number> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null && value !== '' && value !== undefined)) as Record<string, string | number>;
}

const resultAction = (kind: StrategyResultKind, verb: 'added' | 'updated' | 'removed'): string =>
  // Spelled out so every action is a literal the audit-label check can find.
  ({
    target: { added: 'strategy_plan.target_added', updated: 'strategy_plan.target_updated', removed: 'strategy_plan.target_removed' },
    actual: { added: 'strategy_plan.actual_added', updated: 'strategy_plan.actual_updated', removed: 'strategy_plan.actual_removed' },
  })[kind][verb];

export function addResult(ctx: StrategyContext, actor: Actor, planId: string, indicatorId: string, kind: StrategyResultKind, input: ResultInput): Promise<ResultRow> {
  const fields = validateResult(input);
  return ctx.db.transaction().execute(async (trx) => {
    const indicator = await findIndicator(trx, planId, indicatorId);
    if (!indicator) throw notFound();
    const row = await insertResult(trx, planId, indicatorId, kind, fields);
    await touchPlan(trx, planId);
    const which = { indicator: indicatorLabel(indicator) };
    await recordPlanEvent(
      trx,
      actor,
      planId,
      resultAction(kind, 'added'),
      `${kind === 'target' ? 'Target' : 'Actual'} added to ${which.indicator}: ${fields.start_date} to ${fields.end_date}`,
      null,
      { ...which, ...resultValues(fields) },
    );
    return row;
  });
}

async function resultAndIndicator(trx: DbOrTrx, planId: string, resultId: string) {
  const result = await findResult(trx, planId, resultId);
  if (!result) throw notFound();
  const indicator = await findIndicator(trx, planId, result.indicator_id);
  if (!indicator) throw notFound();
  return { result, indicator };
}

export function updateResult(ctx: StrategyContext, actor: Actor, planId: string, resultId: string, input: ResultInput): Promise<void> {
  const fields = validateResult(input);
  return ctx.db.transaction().execute(async (trx) => {
    const { result, indicator } = await resultAndIndicator(trx, planId, resultId);
    const changes = changedFields<ResultFields>(result, fields);
    if (!changes) return;
    await updateResultRow(trx, result, fields);
    await touchPlan(trx, planId);
    const which = { indicator: indicatorLabel(indicator) };
    await recordPlanEvent(
      trx,
      actor,
      planId,
      resultAction(result.kind, 'updated'),
      `${result.kind === 'target' ? 'Target' : 'Actual'} updated on ${which.indicator}: ${Object.keys(changes.after).join(', ')}`,
      { ...which, ...changes.before },
      { ...which, ...changes.after },
    );
  });
}

export function removeResult(ctx: StrategyContext, actor: Actor, planId: string, resultId: string): Promise<ResultRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const { result, indicator } = await resultAndIndicator(trx, planId, resultId);
    await deleteResult(trx, result);
    await touchPlan(trx, planId);
    const which = { indicator: indicatorLabel(indicator) };
    const { start_date, end_date, number_of_units, descriptor_name, descriptor_value, description } = result;
    await recordPlanEvent(
      trx,
      actor,
      planId,
      resultAction(result.kind, 'removed'),
      `${result.kind === 'target' ? 'Target' : 'Actual'} removed from ${which.indicator}: ${start_date} to ${end_date}`,
      { ...which, ...resultValues({ start_date, end_date, number_of_units, descriptor_name, descriptor_value, description }) },
      null,
    );
    return result;
  });
}
