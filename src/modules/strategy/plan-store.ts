/**
 * A StratML document in the database and back: `savePlan` spreads it over the strategy_* tables,
 * `loadPlan` puts it together again. What loadPlan returns:
 *
 *   StoredPlan {
 *     id, isDefault, source, createdBy, createdAt, updatedAt, importReport,
 *     document,   // the StratmlDocument exactly as saved (no database ids): what export writes
 *     goals,      // the same goals with database ids all the way down:
 *                 //   StoredGoal { id, …Goal, objectives: StoredObjective[] }
 *                 //   StoredObjective { id, goalId, …Objective, performanceIndicators: StoredIndicator[] }
 *                 //   StoredIndicator { id, objectiveId, …PerformanceIndicator, measurementInstances: StoredInstance[] }
 *                 //   StoredInstance { id, targetResults: StoredResult[], actualResults: StoredResult[] }
 *                 //   StoredResult { id, kind, …Result }
 *   }
 *
 * Pages and the indicators dashboard address goals, objectives, indicators and results by these
 * ids; StratML identifiers stay as the file (after normaliseIdentifiers) gave them.
 */
import type { DbOrTrx } from '../../db/database.ts';
import type {
  StrategyGoalsTable,
  StrategyIndicatorsTable,
  StrategyMeasurementInstancesTable,
  StrategyObjectivesTable,
  StrategyOrganizationsTable,
  StrategyPlansTable,
  StrategyRelationshipReferentsTable,
  StrategyRelationshipsTable,
  StrategyResultKind,
  StrategyResultsTable,
  StrategyStakeholderRolesTable,
  StrategyStakeholdersTable,
  StrategyValuesTable,
} from '../../db/schema.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import {
  type Goal,
  type IndicatorType,
  type Objective,
  type PerformanceIndicator,
  type PlanType,
  type RelationshipType,
  type Result,
  type RoleType,
  type Stakeholder,
  type StakeholderType,
  type StratmlDocument,
  type StratmlPart,
  type ValueChainStage,
} from './stratml/model.ts';

/** What an import read and left out, kept with the plan. */
export interface ImportReport {
  /** How many of each element kind the file held, by StratML element name. */
  counts: Record<string, number>;
  /** What the reader could not use, in its own words. */
  ignored: string[];
  /** Identifiers that were missing, invalid or repeated and were given new values. */
  changedIdentifiers: string[];
}

export interface StoredResult extends Result {
  id: string;
  kind: StrategyResultKind;
}

export interface StoredInstance {
  id: string;
  targetResults: StoredResult[];
  actualResults: StoredResult[];
}

export interface StoredIndicator extends Omit<PerformanceIndicator, 'measurementInstances'> {
  id: string;
  objectiveId: string;
  measurementInstances: StoredInstance[];
}

export interface StoredObjective extends Omit<Objective, 'performanceIndicators'> {
  id: string;
  goalId: string;
  performanceIndicators: StoredIndicator[];
}

export interface StoredGoal extends Omit<Goal, 'objectives'> {
  id: string;
  objectives: StoredObjective[];
}

export interface StoredPlan {
  id: string;
  isDefault: boolean;
  source: string;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
  importReport: ImportReport;
  document: StratmlDocument;
  goals: StoredGoal[];
}

export interface SavePlanMeta {
  /** The file name the plan came from. */
  source: string;
  createdBy: string | null;
  importReport: ImportReport;
}

// Multi-row inserts in slices: few round trips for a 5,000-result plan, far below either database's parameter limit.
const INSERT_BATCH = 400;

async function insertAll<T extends keyof InsertableTables>(trx: DbOrTrx, table: T, rows: Array<InsertableTables[T]>): Promise<void> {
  for (let start = 0; start < rows.length; start += INSERT_BATCH) {
    // Kysely's insert typing cannot follow a table name chosen by a type parameter; the rows are typed by the caller.
    await trx
      .insertInto(table)
      .values(rows.slice(start, start + INSERT_BATCH) as never)
      .execute();
  }
}

interface InsertableTables {
  strategy_organizations: StrategyOrganizationsTable;
  strategy_values: StrategyValuesTable;
  strategy_goals: StrategyGoalsTable;
  strategy_objectives: StrategyObjectivesTable;
  strategy_stakeholders: StrategyStakeholdersTable;
  strategy_stakeholder_roles: StrategyStakeholderRolesTable;
  strategy_indicators: StrategyIndicatorsTable;
  strategy_relationships: StrategyRelationshipsTable;
  strategy_relationship_referents: StrategyRelationshipReferentsTable;
  strategy_measurement_instances: StrategyMeasurementInstancesTable;
  strategy_results: StrategyResultsTable;
}

type Rows = { [T in keyof InsertableTables]: Array<InsertableTables[T]> };

/** The plan's own row from the document's top-level elements. */
export function planRowFields(doc: StratmlDocument): Omit<StrategyPlansTable, 'id' | 'source' | 'import_report' | 'is_default' | 'created_by' | 'created_at' | 'updated_at'> {
  return {
    part: doc.part,
    plan_type: doc.part === 2 ? doc.type : null,
    name: doc.name,
    description: doc.description,
    other_information: doc.otherInformation,
    has_vision: doc.vision ? 1 : 0,
    vision_description: doc.vision?.description ?? '',
    vision_identifier: doc.vision?.identifier ?? '',
    has_mission: doc.mission ? 1 : 0,
    mission_description: doc.mission?.description ?? '',
    mission_identifier: doc.mission?.identifier ?? '',
    has_administrative_information: doc.administrativeInformation ? 1 : 0,
    admin_identifier: doc.administrativeInformation?.identifier ?? '',
    admin_start_date: doc.administrativeInformation?.startDate ?? '',
    admin_end_date: doc.administrativeInformation?.endDate ?? '',
    admin_publication_date: doc.administrativeInformation?.publicationDate ?? '',
    admin_source: doc.administrativeInformation?.source ?? '',
    has_submitter: doc.submitter ? 1 : 0,
    submitter_identifier: doc.submitter?.identifier ?? '',
    submitter_given_name: doc.submitter?.givenName ?? '',
    submitter_surname: doc.submitter?.surname ?? '',
    submitter_phone_number: doc.submitter?.phoneNumber ?? '',
    submitter_email_address: doc.submitter?.emailAddress ?? '',
  };
}

/** Every row below the plan, in document order; positions count up per table. */
function childRows(planId: string, doc: StratmlDocument): Rows {
  const rows: Rows = {
    strategy_organizations: [],
    strategy_values: [],
    strategy_goals: [],
    strategy_objectives: [],
    strategy_stakeholders: [],
    strategy_stakeholder_roles: [],
    strategy_indicators: [],
    strategy_relationships: [],
    strategy_relationship_referents: [],
    strategy_measurement_instances: [],
    strategy_results: [],
  };
  const child = <T extends keyof Rows>(table: T) => ({ id: newId(), plan_id: planId, position: rows[table].length });

  const addStakeholders = (stakeholders: Stakeholder[], parent: Pick<StrategyStakeholdersTable, 'organization_id' | 'goal_id' | 'objective_id'>): void => {
    for (const stakeholder of stakeholders) {
      const row = { ...child('strategy_stakeholders'), ...parent, name: stakeholder.name, description: stakeholder.description, stakeholder_type: stakeholder.type };
      rows.strategy_stakeholders.push(row);
      for (const role of stakeholder.roles) {
        rows.strategy_stakeholder_roles.push({
          ...child('strategy_stakeholder_roles'),
          stakeholder_id: row.id,
          name: role.name,
          description: role.description,
          role_types: role.roleTypes.join(' '),
        });
      }
    }
  };
  const noParent = { organization_id: null, goal_id: null, objective_id: null };

  for (const organization of doc.organizations) {
    const row = { ...child('strategy_organizations'), name: organization.name, acronym: organization.acronym, identifier: organization.identifier, description: organization.description };
    rows.strategy_organizations.push(row);
    addStakeholders(organization.stakeholders, { ...noParent, organization_id: row.id });
  }
  for (const value of doc.values) rows.strategy_values.push({ ...child('strategy_values'), name: value.name, description: value.description });

  for (const goal of doc.goals) {
    const goalRow = {
      ...child('strategy_goals'),
      name: goal.name,
      description: goal.description,
      identifier: goal.identifier,
      sequence_indicator: goal.sequenceIndicator,
      other_information: goal.otherInformation,
    };
    rows.strategy_goals.push(goalRow);
    addStakeholders(goal.stakeholders, { ...noParent, goal_id: goalRow.id });
    for (const objective of goal.objectives) {
      const objectiveRow = {
        ...child('strategy_objectives'),
        goal_id: goalRow.id,
        name: objective.name,
        description: objective.description,
        identifier: objective.identifier,
        sequence_indicator: objective.sequenceIndicator,
        other_information: objective.otherInformation,
      };
      rows.strategy_objectives.push(objectiveRow);
      addStakeholders(objective.stakeholders, { ...noParent, objective_id: objectiveRow.id });
      for (const indicator of objective.performanceIndicators) addIndicatorRows(rows, child, objectiveRow.id, indicator);
    }
  }
  return rows;
}

function addIndicatorRows(
  rows: Rows,
  child: <T extends keyof Rows>(table: T) => { id: string; plan_id: string; position: number },
  objectiveId: string,
  indicator: PerformanceIndicator,
): void {
  const indicatorRow = {
    ...child('strategy_indicators'),
    objective_id: objectiveId,
    identifier: indicator.identifier,
    sequence_indicator: indicator.sequenceIndicator,
    measurement_dimension: indicator.measurementDimension,
    unit_of_measurement: indicator.unitOfMeasurement,
    value_chain_stage: indicator.valueChainStage,
    indicator_type: indicator.indicatorType,
    other_information: indicator.otherInformation,
  };
  rows.strategy_indicators.push(indicatorRow);
  for (const relationship of indicator.relationships) {
    const relationshipRow = {
      ...child('strategy_relationships'),
      indicator_id: indicatorRow.id,
      identifier: relationship.identifier,
      name: relationship.name,
      description: relationship.description,
      relationship_type: relationship.relationshipType,
    };
    rows.strategy_relationships.push(relationshipRow);
    for (const referent of relationship.referentIdentifiers) {
      rows.strategy_relationship_referents.push({ ...child('strategy_relationship_referents'), relationship_id: relationshipRow.id, referent_identifier: referent });
    }
  }
  for (const instance of indicator.measurementInstances) {
    const instanceRow = { ...child('strategy_measurement_instances'), indicator_id: indicatorRow.id };
    rows.strategy_measurement_instances.push(instanceRow);
    const addResult = (kind: StrategyResultKind, result: Result): void => {
      rows.strategy_results.push({ ...child('strategy_results'), ...resultColumns(result), instance_id: instanceRow.id, indicator_id: indicatorRow.id, kind });
    };
    for (const result of instance.targetResults) addResult('target', result);
    for (const result of instance.actualResults) addResult('actual', result);
  }
}

/** A result's own columns. */
export function resultColumns(result: Result): Pick<StrategyResultsTable, 'start_date' | 'end_date' | 'number_of_units' | 'descriptor_name' | 'descriptor_value' | 'description'> {
  return {
    start_date: result.startDate,
    end_date: result.endDate,
    number_of_units: result.numberOfUnits,
    descriptor_name: result.descriptor ? result.descriptor.name : null,
    descriptor_value: result.descriptor ? result.descriptor.value : null,
    description: result.description,
  };
}

/** Stores a whole document as a new plan (never the default: the caller decides that) and returns its id. */
export async function savePlan(trx: DbOrTrx, doc: StratmlDocument, meta: SavePlanMeta): Promise<string> {
  const id = newId();
  const now = nowIso();
  await trx
    .insertInto('strategy_plans')
    .values({
      id,
      ...planRowFields(doc),
      source: meta.source,
      import_report: JSON.stringify(meta.importReport),
      is_default: 0,
      created_by: meta.createdBy,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const rows = childRows(id, doc);
  // In foreign-key order: each table's parents are in before it.
  for (const table of Object.keys(rows) as Array<keyof Rows>) await insertAll(trx, table, rows[table]);
  return id;
}

function groupBy<R>(rows: R[], key: (row: R) => string | null): Map<string, R[]> {
  const groups = new Map<string, R[]>();
  for (const row of rows) {
    const k = key(row);
    if (k === null) continue;
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

function parseReport(json: string): ImportReport {
  try {
    const value = JSON.parse(json) as Partial<ImportReport>;
    return { counts: value.counts ?? {}, ignored: value.ignored ?? [], changedIdentifiers: value.changedIdentifiers ?? [] };
  } catch {
    return { counts: {}, ignored: [], changedIdentifiers: [] };
  }
}

const roleTypesOf = (text: string): RoleType[] => (text === '' ? [] : (text.split(' ') as RoleType[]));

export function toStoredResult(row: StrategyResultsTable): StoredResult {
  return {
    id: row.id,
    kind: row.kind,
    startDate: row.start_date,
    endDate: row.end_date,
    numberOfUnits: row.number_of_units,
    descriptor: row.descriptor_name === null || row.descriptor_value === null ? null : { name: row.descriptor_name, value: row.descriptor_value },
    description: row.description,
  };
}

/** Reads the rows of one table below a plan, in document order. */
function rowsOf<T extends keyof InsertableTables>(db: DbOrTrx, table: T, planId: string): Promise<Array<InsertableTables[T]>> {
  // Every table here has plan_id and position; Kysely cannot check that through the type parameter.
  return db
    .selectFrom(table as 'strategy_values')
    .selectAll()
    .where('plan_id', '=', planId)
    .orderBy('position')
    .execute() as Promise<Array<InsertableTables[T]>>;
}

/** The whole plan, or undefined when there is no plan with this id. */
export async function loadPlan(db: DbOrTrx, planId: string): Promise<StoredPlan | undefined> {
  const plan = await db.selectFrom('strategy_plans').selectAll().where('id', '=', planId).executeTakeFirst();
  if (!plan) return undefined;
  const [organizations, values, goals, objectives, stakeholders, roles, indicators, relationships, referents, instances, results] = await Promise.all([
    rowsOf(db, 'strategy_organizations', planId),
    rowsOf(db, 'strategy_values', planId),
    rowsOf(db, 'strategy_goals', planId),
    rowsOf(db, 'strategy_objectives', planId),
    rowsOf(db, 'strategy_stakeholders', planId),
    rowsOf(db, 'strategy_stakeholder_roles', planId),
    rowsOf(db, 'strategy_indicators', planId),
    rowsOf(db, 'strategy_relationships', planId),
    rowsOf(db, 'strategy_relationship_referents', planId),
    rowsOf(db, 'strategy_measurement_instances', planId),
    rowsOf(db, 'strategy_results', planId),
  ]);

  const rolesByStakeholder = groupBy(roles, (r) => r.stakeholder_id);
  const stakeholdersOf = (list: StrategyStakeholdersTable[] | undefined): Stakeholder[] =>
    (list ?? []).map((s) => ({
      name: s.name,
      description: s.description,
      type: s.stakeholder_type as StakeholderType | null,
      roles: (rolesByStakeholder.get(s.id) ?? []).map((r) => ({ name: r.name, description: r.description, roleTypes: roleTypesOf(r.role_types) })),
    }));
  const byOrganization = groupBy(stakeholders, (s) => s.organization_id);
  const byGoal = groupBy(stakeholders, (s) => s.goal_id);
  const byObjective = groupBy(stakeholders, (s) => s.objective_id);
  const referentsOf = groupBy(referents, (r) => r.relationship_id);
  const relationshipsOf = groupBy(relationships, (r) => r.indicator_id);
  const resultsOf = groupBy(results, (r) => r.instance_id);
  const instancesOf = groupBy(instances, (i) => i.indicator_id);
  const indicatorsOf = groupBy(indicators, (i) => i.objective_id);
  const objectivesOf = groupBy(objectives, (o) => o.goal_id);

  const storedIndicator = (row: StrategyIndicatorsTable): StoredIndicator => ({
    id: row.id,
    objectiveId: row.objective_id,
    sequenceIndicator: row.sequence_indicator,
    measurementDimension: row.measurement_dimension,
    unitOfMeasurement: row.unit_of_measurement,
    identifier: row.identifier,
    valueChainStage: row.value_chain_stage as ValueChainStage | null,
    indicatorType: row.indicator_type as IndicatorType | null,
    relationships: (relationshipsOf.get(row.id) ?? []).map((r) => ({
      identifier: r.identifier,
      referentIdentifiers: (referentsOf.get(r.id) ?? []).map((x) => x.referent_identifier),
      name: r.name,
      description: r.description,
      relationshipType: r.relationship_type as RelationshipType | null,
    })),
    measurementInstances: (instancesOf.get(row.id) ?? []).map((instance) => {
      const own = (resultsOf.get(instance.id) ?? []).map(toStoredResult);
      return { id: instance.id, targetResults: own.filter((r) => r.kind === 'target'), actualResults: own.filter((r) => r.kind === 'actual') };
    }),
    otherInformation: row.other_information,
  });

  const storedGoals: StoredGoal[] = goals.map((goal) => ({
    id: goal.id,
    name: goal.name,
    description: goal.description,
    identifier: goal.identifier,
    sequenceIndicator: goal.sequence_indicator,
    stakeholders: stakeholdersOf(byGoal.get(goal.id)),
    otherInformation: goal.other_information,
    objectives: (objectivesOf.get(goal.id) ?? []).map((objective) => ({
      id: objective.id,
      goalId: goal.id,
      name: objective.name,
      description: objective.description,
      identifier: objective.identifier,
      sequenceIndicator: objective.sequence_indicator,
      stakeholders: stakeholdersOf(byObjective.get(objective.id)),
      otherInformation: objective.other_information,
      performanceIndicators: (indicatorsOf.get(objective.id) ?? []).map(storedIndicator),
    })),
  }));

  const document: StratmlDocument = {
    part: plan.part as StratmlPart,
    type: plan.part === 2 ? (plan.plan_type as PlanType | null) : null,
    name: plan.name,
    description: plan.description,
    otherInformation: plan.other_information,
    organizations: organizations.map((o) => ({
      name: o.name,
      acronym: o.acronym,
      identifier: o.identifier,
      description: o.description,
      stakeholders: stakeholdersOf(byOrganization.get(o.id)),
    })),
    vision: plan.has_vision ? { description: plan.vision_description, identifier: plan.vision_identifier } : null,
    mission: plan.has_mission ? { description: plan.mission_description, identifier: plan.mission_identifier } : null,
    values: values.map((v) => ({ name: v.name, description: v.description })),
    goals: storedGoals.map(plainGoal),
    administrativeInformation: plan.has_administrative_information
      ? {
          identifier: plan.admin_identifier,
          startDate: plan.admin_start_date,
          endDate: plan.admin_end_date,
          publicationDate: plan.admin_publication_date,
          source: plan.admin_source,
        }
      : null,
    submitter: plan.has_submitter
      ? {
          identifier: plan.submitter_identifier,
          givenName: plan.submitter_given_name,
          surname: plan.submitter_surname,
          phoneNumber: plan.submitter_phone_number,
          emailAddress: plan.submitter_email_address,
        }
      : null,
  };

  return {
    id: plan.id,
    isDefault: plan.is_default === 1,
    source: plan.source,
    createdBy: plan.created_by,
    createdAt: plan.created_at,
    updatedAt: plan.updated_at,
    importReport: parseReport(plan.import_report),
    document,
    goals: storedGoals,
  };
}

const plainResult = ({ startDate, endDate, numberOfUnits, descriptor, description }: StoredResult): Result => ({
  startDate,
  endDate,
  numberOfUnits,
  descriptor: descriptor ? { ...descriptor } : null,
  description,
});

/** A stored goal as the document model has it, without database ids. */
function plainGoal(goal: StoredGoal): Goal {
  return {
    name: goal.name,
    description: goal.description,
    identifier: goal.identifier,
    sequenceIndicator: goal.sequenceIndicator,
    stakeholders: goal.stakeholders,
    otherInformation: goal.otherInformation,
    objectives: goal.objectives.map((objective) => ({
      name: objective.name,
      description: objective.description,
      identifier: objective.identifier,
      sequenceIndicator: objective.sequenceIndicator,
      stakeholders: objective.stakeholders,
      otherInformation: objective.otherInformation,
      performanceIndicators: objective.performanceIndicators.map((indicator) => ({
        sequenceIndicator: indicator.sequenceIndicator,
        measurementDimension: indicator.measurementDimension,
        unitOfMeasurement: indicator.unitOfMeasurement,
        identifier: indicator.identifier,
        valueChainStage: indicator.valueChainStage,
        indicatorType: indicator.indicatorType,
        relationships: indicator.relationships,
        measurementInstances: indicator.measurementInstances.map((instance) => ({
          targetResults: instance.targetResults.map(plainResult),
          actualResults: instance.actualResults.map(plainResult),
        })),
        otherInformation: indicator.otherInformation,
      })),
    })),
  };
}
