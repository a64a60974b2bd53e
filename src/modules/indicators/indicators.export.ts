// The dashboard's data as downloads: CSV and JSON with one row (or entry) per indicator and period, and the
// whole plan as a StratML Part 2 Performance_Report carrying the live actuals. Downloads are data, so they
// use codes (source, status) and English descriptions whatever the reader's language.
import { stringify } from 'csv-stringify/sync';
import type { DbOrTrx } from '../../db/database.ts';
import { todayIso } from '../members/iso-dates.ts';
import type { StoredPlan } from '../strategy/plan-store.ts';
import type { MeasurementInstance, PerformanceIndicator, Result, StratmlDocument } from '../strategy/stratml/model.ts';
import { serializeStratml } from '../strategy/stratml/serialize.ts';
import { periodKey } from './indicators.periods.ts';
import { type IndicatorResult, type IndicatorsReport, indicatorsReport, type PeriodResult } from './indicators.service.ts';
import { STATUS_MARGIN } from './indicators.status.ts';

export const STATUS_RULE =
  `Compared only where the plan sets a numeric target for exactly the period: ahead when the actual is at least ${100 + STATUS_MARGIN * 100}% ` +
  `of the target, on_track from ${100 - STATUS_MARGIN * 100}% up to that, behind below; no_target without a target, not_compared for a ` +
  'qualitative target or indicator, no_data without an actual.';

const CSV_COLUMNS = [
  'goal',
  'objective',
  'indicator',
  'identifier',
  'measurement_dimension',
  'unit_of_measurement',
  'actual_unit',
  'source',
  'period_start',
  'period_end',
  'target',
  'target_descriptor',
  'actual',
  'status',
  'recorded_note',
  'recorded_source_url',
  'recorded_at',
] as const;

const descriptorText = (result: PeriodResult): string =>
  result.target ? [result.target.descriptorName, result.target.descriptorValue].filter((p) => p !== '').join(': ') : '';

export function indicatorsCsv(report: IndicatorsReport): string {
  const rows = report.indicators.flatMap((indicator) =>
    indicator.results.map((result) => [
      indicator.goal.sequenceIndicator,
      indicator.objective.sequenceIndicator,
      indicator.sequence,
      indicator.identifier,
      indicator.dimension,
      indicator.unit,
      indicator.actualUnit,
      indicator.source,
      result.period.start,
      result.period.end,
      result.target?.numberOfUnits ?? '',
      descriptorText(result),
      result.actual ?? '',
      result.status,
      result.recorded?.note ?? '',
      result.recorded?.source_url ?? '',
      result.recorded?.recorded_at ?? '',
    ]),
  );
  return stringify(rows, { header: true, columns: [...CSV_COLUMNS] });
}

const element = (e: { sequenceIndicator: string; name: string; identifier: string }) => ({ sequence: e.sequenceIndicator, name: e.name, identifier: e.identifier });

export function indicatorsJson(report: IndicatorsReport) {
  return {
    plan: report.plan ? { id: report.plan.id, name: report.plan.document.name } : null,
    periods: report.choice.periods,
    statusRule: STATUS_RULE,
    indicators: report.indicators.map((indicator) => ({
      identifier: indicator.identifier,
      sequence: indicator.sequence,
      goal: element(indicator.goal),
      objective: element(indicator.objective),
      measurementDimension: indicator.dimension,
      unitOfMeasurement: indicator.unit,
      actualUnit: indicator.actualUnit,
      qualitative: indicator.qualitative,
      source: indicator.source,
      reason: indicator.reason,
      counts: indicator.counts,
      results: indicator.results.map((result) => ({
        start: result.period.start,
        end: result.period.end,
        target: result.target,
        actual: result.actual,
        status: result.status,
        recorded: result.recorded
          ? { note: result.recorded.note, sourceUrl: result.recorded.source_url, recordedAt: result.recorded.recorded_at }
          : null,
      })),
    })),
  };
}

/** What a report's ActualResult says about where its number came from. */
function actualDescription(indicator: IndicatorResult, result: PeriodResult, today: string): string {
  if (indicator.source === 'computed') return `Computed by the OGP Platform on ${today}: ${indicator.counts ?? ''}`.trim();
  const parts = [`Recorded by the OGP Support Unit on ${(result.recorded?.recorded_at ?? '').slice(0, 10)}.`];
  if (result.recorded?.note) parts.push(result.recorded.note);
  if (result.recorded?.source_url) parts.push(`Source: ${result.recorded.source_url}`);
  return parts.join(' ');
}

/**
 * The indicator's measurement instances for the report: the plan's targets as they are, and as actuals
 * exactly the live ones for the reported periods (computed or recorded by hand; none for a pending
 * indicator). Actuals typed into the plan itself are left out: the report states what the platform
 * measured. Each actual joins the instance that holds its period's target, as StratML groups them.
 */
function reportInstances(indicator: PerformanceIndicator, live: IndicatorResult, today: string): MeasurementInstance[] {
  const instances = indicator.measurementInstances
    .map((instance) => ({ targetResults: instance.targetResults.map((r) => ({ ...r })), actualResults: [] as Result[] }))
    .filter((instance) => instance.targetResults.length > 0);
  for (const result of live.results) {
    if (result.actual === null) continue;
    const actual: Result = {
      startDate: result.period.start,
      endDate: result.period.end,
      numberOfUnits: result.actual,
      descriptor: null,
      description: actualDescription(live, result, today),
    };
    const home = instances.find((i) => i.targetResults.some((t) => periodKey({ start: t.startDate, end: t.endDate }) === periodKey(result.period)));
    if (home) home.actualResults.push(actual);
    else instances.push({ targetResults: [], actualResults: [actual] });
  }
  return instances;
}

/** The whole plan as a StratML Part 2 Performance_Report with the live actuals of the report's periods. */
export function performanceReportDocument(plan: StoredPlan, report: IndicatorsReport, today = todayIso()): StratmlDocument {
  const live = new Map(report.indicators.map((i) => [i.id, i]));
  const doc = plan.document;
  return {
    ...doc,
    part: 2,
    type: 'Performance_Report',
    administrativeInformation: doc.administrativeInformation ? { ...doc.administrativeInformation, publicationDate: today } : null,
    // The document and the stored goals are the same tree, in the same order; the stored one has the ids.
    goals: doc.goals.map((goal, g) => ({
      ...goal,
      objectives: goal.objectives.map((objective, o) => ({
        ...objective,
        performanceIndicators: objective.performanceIndicators.map((indicator, i) => {
          const stored = plan.goals[g]?.objectives[o]?.performanceIndicators[i];
          const measured = stored ? live.get(stored.id) : undefined;
          return measured ? { ...indicator, measurementInstances: reportInstances(indicator, measured, today) } : indicator;
        }),
      })),
    })),
  };
}

export function performanceReportXml(plan: StoredPlan, report: IndicatorsReport): string {
  return serializeStratml(performanceReportDocument(plan, report), { part: 2 });
}

/**
 * The platform plan's Performance_Report for its default periods, for `ogp stratml export default --report`;
 * null when `planId` is not the platform's own plan (the registry measures only that one).
 */
export async function defaultPlanPerformanceReport(db: DbOrTrx, planId: string): Promise<string | null> {
  const report = await indicatorsReport(db, {});
  if (!report.plan || report.plan.id !== planId) return null;
  return performanceReportXml(report.plan, report);
}
