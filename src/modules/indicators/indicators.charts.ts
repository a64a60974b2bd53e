import * as Plot from '@observablehq/plot';
import { renderPlot } from '../../platform/charts.ts';
import type { Translate } from '../../platform/i18n.ts';
import { isCalendarYear, type Period } from './indicators.periods.ts';
import type { IndicatorResult } from './indicators.service.ts';
import { numberFormat } from '../../platform/intl-formats.ts';

// One small chart per indicator: its actuals as bars and its targets as dark marks across them, one band per
// period. The table beside it holds exactly the same numbers, so the chart is drawn only when there is a
// number to draw. Drawing is the costly part of the dashboard, so a chart already drawn for the same numbers
// and language is reused.

// OGP blue for actuals; near-black for targets. Both keep 3:1 against white, as graphics must (WCAG 1.4.11).
const ACTUAL_COLOUR = '#0b5394';
const TARGET_COLOUR = '#1d1d1b';
const CACHE_MAX = 500;
const cache = new Map<string, string>();

interface Point {
  label: string;
  value: number;
  text: string;
}

/** A period as a chart's axis names it: the year alone for a calendar year, else both dates. */
export function axisLabel(period: Period): string {
  return isCalendarYear(period) ? period.start.slice(0, 4) : `${period.start} – ${period.end}`;
}

function remember(key: string, svg: string): string {
  if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value as string);
  cache.set(key, svg);
  return svg;
}

/** The chart's SVG, or null when the indicator has no number (target or actual) in any period. */
export function indicatorChart(t: Translate, lang: string, indicator: IndicatorResult, id: string): string | null {
  const format = numberFormat(lang, 2);
  const labels = indicator.results.map((r) => axisLabel(r.period));
  const actuals: Point[] = [];
  const targets: Point[] = [];
  indicator.results.forEach((result, index) => {
    const label = labels[index] as string;
    if (result.actual !== null) actuals.push({ label, value: result.actual, text: format.format(result.actual) });
    const target = result.target?.numberOfUnits ?? null;
    if (target !== null) targets.push({ label, value: target, text: format.format(target) });
  });
  if (actuals.length === 0 && targets.length === 0) return null;

  const title = t('indicators.chart.title', { sequence: indicator.sequence });
  const description = t('indicators.chart.description', { count: labels.length, first: labels[0], last: labels.at(-1), actuals: actuals.length, targets: targets.length });
  const unit = indicator.actualUnitKey ? t(indicator.actualUnitKey) : indicator.unit;
  const key = JSON.stringify([lang, id, title, description, unit, labels, actuals, targets]);
  const drawn = cache.get(key);
  if (drawn !== undefined) return drawn;

  const values = [...actuals, ...targets].map((p) => p.value);
  const low = Math.min(0, ...values);
  const high = Math.max(...values);
  // Headroom for the value written above the tallest bar; an all-zero chart still needs a scale.
  const top = high <= 0 ? 1 : high * 1.15;
  // Counts of a few things get whole-number ticks, not 0.2, 0.4…
  const wholeTicks = values.every(Number.isInteger) && low === 0 && high <= 5 ? Array.from({ length: Math.max(1, Math.ceil(high)) + 1 }, (_, i) => i) : undefined;
  const rotate = labels.some((label) => label.length > 4) || labels.length > 12;
  const svg = renderPlot(
    {
      width: 480,
      height: rotate ? 300 : 240,
      marginLeft: 56,
      marginBottom: rotate ? 100 : 36,
      x: { domain: labels, label: null, padding: 0.3, tickRotate: rotate ? -35 : 0 },
      y: { domain: wholeTicks ? [0, (wholeTicks.at(-1) as number) * 1.15] : [low, top], nice: !wholeTicks, ticks: wholeTicks, grid: true, label: unit || null, tickFormat: (v: number) => format.format(v) },
      marks: [
        Plot.barY(actuals, { x: 'label', y: 'value', fill: ACTUAL_COLOUR }),
        Plot.tickY(targets, { x: 'label', y: 'value', stroke: TARGET_COLOUR, strokeWidth: 3 }),
        Plot.text(actuals, { x: 'label', y: 'value', text: 'text', dy: -8, fill: TARGET_COLOUR }),
        Plot.ruleY([0]),
      ],
    },
    { id, title, description },
  );
  return remember(key, svg);
}
