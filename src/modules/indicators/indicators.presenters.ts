// What the indicators pages show, worked out in code so the templates only lay it out.
import type { Translate } from '../../platform/i18n.ts';
import { formatDate } from '../commitments/dates.ts';
import { indicatorChart } from './indicators.charts.ts';
import { isCalendarYear, type Period, type PeriodChoice } from './indicators.periods.ts';
import type { SourceKind } from './indicators.registry.ts';
import type { IndicatorResult, IndicatorsReport, PeriodResult, TargetValue } from './indicators.service.ts';
import type { IndicatorStatus } from './indicators.status.ts';
import { numberFormat } from '../../platform/intl-formats.ts';

export const INDICATORS_PATH = '/indicators';
export const indicatorPath = (identifier: string): string => `${INDICATORS_PATH}/${encodeURIComponent(identifier)}`;
export const recordActualPath = (identifier: string, period?: Period): string =>
  `${indicatorPath(identifier)}/actuals/new${period ? `?${new URLSearchParams({ start: period.start, end: period.end }).toString()}` : ''}`;

/** The query that asks for the same periods again ('' for the defaults), for links and downloads. */
export function periodQueryString(choice: PeriodChoice): string {
  return choice.custom ? `?${new URLSearchParams({ from: choice.from, to: choice.to, by: choice.by }).toString()}` : '';
}

/** A period as people read it: the year alone for a calendar year, else both dates in the reader's language. */
export function periodLabel(period: Period, lang: string): string {
  return isCalendarYear(period) ? period.start.slice(0, 4) : `${formatDate(period.start, lang)} – ${formatDate(period.end, lang)}`;
}

const SOURCE_TAGS: Record<SourceKind, string> = { computed: 'govuk-tag--green', manual: 'govuk-tag--blue', pending: 'govuk-tag--grey' };
const STATUS_TAGS: Record<IndicatorStatus, string> = {
  ahead: 'govuk-tag--turquoise',
  on_track: 'govuk-tag--green',
  behind: 'govuk-tag--red',
  no_target: 'govuk-tag--grey',
  not_compared: 'govuk-tag--grey',
  no_data: 'govuk-tag--grey',
};

export interface RowView {
  result: PeriodResult;
  label: string;
  target: string;
  targetDescription: string;
  actual: string;
  hasActual: boolean;
  statusLabel: string;
  statusClass: string;
  recordHref: string | null;
}

export interface IndicatorView {
  result: IndicatorResult;
  /** "1.3.1 Number of countries …" */
  label: string;
  sourceLabel: string;
  sourceClass: string;
  about: string;
  chart: string | null;
  rows: RowView[];
  href: string;
  canRecord: boolean;
}

export function targetText(target: TargetValue | null, format: Intl.NumberFormat): string {
  if (!target) return '';
  const descriptor = [target.descriptorName, target.descriptorValue].filter((p) => p !== '').join(': ');
  return [target.numberOfUnits === null ? '' : format.format(target.numberOfUnits), descriptor].filter((p) => p !== '').join(' – ');
}

export interface ViewOptions {
  /** The person may record actuals by hand (for a manual indicator). */
  mayRecord: boolean;
  chartId: string;
  query: string;
}

export function indicatorView(t: Translate, lang: string, result: IndicatorResult, options: ViewOptions): IndicatorView {
  const format = numberFormat(lang, 2);
  const canRecord = options.mayRecord && result.source === 'manual';
  const missing = result.source === 'pending' ? t('indicators.actual.noSource') : t('indicators.actual.notRecorded');
  const rows = result.results.map((r) => ({
    result: r,
    label: periodLabel(r.period, lang),
    target: targetText(r.target, format),
    targetDescription: r.target?.description ?? '',
    actual: r.actual === null ? missing : format.format(r.actual),
    hasActual: r.actual !== null,
    statusLabel: t(`indicators.statuses.${r.status}`),
    statusClass: STATUS_TAGS[r.status],
    recordHref: canRecord ? recordActualPath(result.identifier, r.period) : null,
  }));
  return {
    result,
    label: [result.sequence, result.dimension].filter((p) => p !== '').join(' '),
    sourceLabel: t(`indicators.sources.${result.source}`),
    sourceClass: SOURCE_TAGS[result.source],
    about: t(result.about),
    chart: indicatorChart(t, lang, result, options.chartId),
    rows,
    href: `${indicatorPath(result.identifier)}${options.query}`,
    canRecord,
  };
}

export interface DashboardView {
  goals: Array<{
    goal: IndicatorResult['goal'];
    objectives: Array<{ objective: IndicatorResult['objective']; indicators: IndicatorView[] }>;
  }>;
  counts: Record<SourceKind, number>;
  total: number;
}

export function dashboardView(t: Translate, lang: string, report: IndicatorsReport, mayRecord: boolean): DashboardView {
  const query = periodQueryString(report.choice);
  const counts: Record<SourceKind, number> = { computed: 0, manual: 0, pending: 0 };
  for (const indicator of report.indicators) counts[indicator.source] += 1;
  let chartNumber = 0;
  const goals = report.goals.map((group) => ({
    goal: group.goal,
    objectives: group.objectives.map((o) => ({
      objective: o.objective,
      indicators: o.indicators.map((indicator) => {
        chartNumber += 1;
        return indicatorView(t, lang, indicator, { mayRecord, chartId: `indicator-chart-${chartNumber}`, query });
      }),
    })),
  }));
  return { goals, counts, total: report.indicators.length };
}
