// The live indicators: the platform's own plan, each of its performance indicators with its targets from the
// plan and its actuals from the registry's source, and the status of each period.
import type { DbOrTrx } from '../../db/database.ts';
import { notFound } from '../../platform/errors.ts';
import type { StoredGoal, StoredIndicator, StoredObjective, StoredPlan, StoredResult } from '../strategy/plan-store.ts';
import { getDefaultPlan } from '../strategy/strategy.service.ts';
import { computedValues } from './indicators.computed-cache.ts';
import { indicatorsDataVersions } from './indicators.data-version.ts';
import { choosePeriods, defaultPeriods, type Period, type PeriodChoice, periodKey, type PeriodQuery } from './indicators.periods.ts';
import { type RegistryEntry, registryEntry, type SourceKind } from './indicators.registry.ts';
import { currentSnapshot, rememberedReport } from './indicators.report-cache.ts';
import { type ActualRow, listActualsForPeriods } from './indicators.repository.ts';
import { indicatorStatus, type IndicatorStatus } from './indicators.status.ts';

export interface TargetValue {
  numberOfUnits: number | null;
  descriptorName: string;
  descriptorValue: string;
  description: string;
}

export interface PeriodResult {
  period: Period;
  /** The plan's target for exactly this period, if it sets one. */
  target: TargetValue | null;
  /** Computed, or recorded by hand; null when there is none (and always for a pending indicator). */
  actual: number | null;
  /** The hand-recorded actual behind `actual`, for a manual indicator. */
  recorded: ActualRow | null;
  status: IndicatorStatus;
}

export interface IndicatorResult {
  /** The stored indicator's id in the plan. */
  id: string;
  /** Its StratML Identifier: what the registry and hand-recorded actuals are bound to. */
  identifier: string;
  sequence: string;
  dimension: string;
  unit: string;
  qualitative: boolean;
  source: SourceKind;
  /** Why the indicator has its source (English, one line). */
  reason: string;
  /** The i18n key of what the page says about its numbers. */
  about: string;
  /** For a computed indicator, exactly what its number counts (English); null otherwise. */
  counts: string | null;
  /** What the actuals are counted in: the computation's own unit for a computed indicator, else the plan's (English). */
  actualUnit: string;
  /** The i18n key of a computed indicator's unit; null when the plan's unit applies. */
  actualUnitKey: string | null;
  goal: StoredGoal;
  objective: StoredObjective;
  results: PeriodResult[];
}

export interface ObjectiveGroup {
  objective: StoredObjective;
  indicators: IndicatorResult[];
}

export interface GoalGroup {
  goal: StoredGoal;
  objectives: ObjectiveGroup[];
}

export interface IndicatorsReport {
  /** Null when no plan is the platform's own yet. */
  plan: StoredPlan | null;
  choice: PeriodChoice;
  goals: GoalGroup[];
  indicators: IndicatorResult[];
}

/** An indicator the registry does not know (a plan other than ours) has no data source. */
const UNREGISTERED: RegistryEntry = {
  source: 'pending',
  reason: 'The platform has no data source bound to this indicator\'s identifier.',
  about: 'indicators.about.unregistered',
};

/** The plan's target for exactly this period: the first with a number, else the first at all. */
function targetFor(indicator: StoredIndicator, period: Period): TargetValue | null {
  const matching: StoredResult[] = [];
  for (const instance of indicator.measurementInstances) {
    for (const target of instance.targetResults) if (target.startDate === period.start && target.endDate === period.end) matching.push(target);
  }
  const chosen = matching.find((t) => t.numberOfUnits !== null) ?? matching[0];
  if (!chosen) return null;
  return {
    numberOfUnits: chosen.numberOfUnits,
    descriptorName: chosen.descriptor?.name ?? '',
    descriptorValue: chosen.descriptor?.value ?? '',
    description: chosen.description,
  };
}

interface Located {
  goal: StoredGoal;
  objective: StoredObjective;
  indicator: StoredIndicator;
}

function planIndicators(plan: StoredPlan): Located[] {
  return plan.goals.flatMap((goal) => goal.objectives.flatMap((objective) => objective.performanceIndicators.map((indicator) => ({ goal, objective, indicator }))));
}

interface Registered extends Located {
  entry: RegistryEntry;
}

const registered = (plan: StoredPlan): Registered[] => planIndicators(plan).map((l) => ({ ...l, entry: registryEntry(l.indicator.identifier) ?? UNREGISTERED }));

/** The computed indicators' numbers for the periods, by stored indicator id: one (usually kept) count each. */
async function countComputed(db: DbOrTrx, located: Registered[], periods: Period[], version: number): Promise<Map<string, number[]>> {
  const computed = new Map<string, number[]>();
  for (const l of located) {
    if (l.entry.source === 'computed') computed.set(l.indicator.id, await computedValues(db, l.indicator.identifier, l.entry, periods, version));
  }
  return computed;
}

/** Every indicator of the plan for the periods, given the computed numbers; hand-recorded actuals in one query. */
async function measure(db: DbOrTrx, located: Registered[], periods: Period[], computed: Map<string, number[]>): Promise<IndicatorResult[]> {
  const manualIdentifiers = located.filter((l) => l.entry.source === 'manual').map((l) => l.indicator.identifier);
  const recorded = new Map((await listActualsForPeriods(db, manualIdentifiers, periods)).map((row) => [`${row.indicator_identifier}|${row.start_date}/${row.end_date}`, row]));
  return located.map(({ goal, objective, indicator, entry }) => {
    const qualitative = indicator.indicatorType === 'Qualitative';
    const results = periods.map((period, index): PeriodResult => {
      const target = targetFor(indicator, period);
      const row = entry.source === 'manual' ? (recorded.get(`${indicator.identifier}|${periodKey(period)}`) ?? null) : null;
      const actual = entry.source === 'computed' ? (computed.get(indicator.id)?.[index] ?? null) : row ? row.value : null;
      return { period, target, actual, recorded: row, status: indicatorStatus(target, actual, qualitative) };
    });
    return {
      id: indicator.id,
      identifier: indicator.identifier,
      sequence: indicator.sequenceIndicator,
      dimension: indicator.measurementDimension,
      unit: indicator.unitOfMeasurement,
      qualitative,
      source: entry.source,
      reason: entry.reason,
      about: entry.about,
      counts: entry.source === 'computed' ? entry.counts : null,
      actualUnit: entry.source === 'computed' ? entry.unit : indicator.unitOfMeasurement,
      actualUnitKey: entry.source === 'computed' ? entry.unitKey : null,
      goal,
      objective,
      results,
    };
  });
}

function groupByGoal(plan: StoredPlan, indicators: IndicatorResult[]): GoalGroup[] {
  return plan.goals
    .map((goal) => ({
      goal,
      objectives: goal.objectives
        .map((objective) => ({ objective, indicators: indicators.filter((i) => i.objective === objective) }))
        .filter((group) => group.indicators.length > 0),
    }))
    .filter((group) => group.objectives.length > 0);
}

const chooseFor = (plan: StoredPlan | null, query: PeriodQuery): PeriodChoice => {
  const admin = plan?.document.administrativeInformation;
  return choosePeriods(query, defaultPeriods(admin?.startDate ?? '', admin?.endDate ?? ''));
};

async function buildReport(db: DbOrTrx, plan: StoredPlan, choice: PeriodChoice, located: Registered[], computed: Map<string, number[]>): Promise<IndicatorsReport> {
  const indicators = await measure(db, located, choice.periods, computed);
  return { plan, choice, goals: groupByGoal(plan, indicators), indicators };
}

/**
 * The dashboard's data for the periods the query asks for (the plan's years by default); refuses a bad query.
 * Outside a transaction the report is shared with every request asking the same while nothing changed (see
 * indicators.report-cache.ts): callers only read it.
 */
export async function indicatorsReport(db: DbOrTrx, query: PeriodQuery): Promise<IndicatorsReport> {
  // Inside a transaction the caller wants what the transaction sees, so nothing kept is used.
  const versions = db.isTransaction ? null : await indicatorsDataVersions(db);
  const snapshot = versions ? currentSnapshot<IndicatorsReport>(db, versions.plan) : null;
  const plan = await (snapshot ? snapshot.plan : getDefaultPlan(db));
  const choice = chooseFor(plan, query);
  if (!plan) return { plan, choice, goals: [], indicators: [] };
  const located = registered(plan);
  const computed = await countComputed(db, located, choice.periods, versions?.computed ?? 0);
  const build = (): Promise<IndicatorsReport> => buildReport(db, plan, choice, located, computed);
  // The same periods with the same counts give the same report, so a recount that changed nothing keeps it.
  return snapshot ? rememberedReport(snapshot, JSON.stringify([choice, [...computed]]), build) : build();
}

/** One indicator of the platform's plan, by its StratML identifier, for the periods asked; 404 when the plan has none. */
export async function indicatorReport(db: DbOrTrx, identifier: string, query: PeriodQuery): Promise<{ report: IndicatorsReport; indicator: IndicatorResult }> {
  const report = await indicatorsReport(db, query);
  const indicator = report.indicators.find((i) => i.identifier === identifier);
  if (!indicator) throw notFound();
  return { report, indicator };
}
