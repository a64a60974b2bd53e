import * as Plot from '@observablehq/plot';
import { renderPlot } from '../../platform/charts.ts';
import type { Translate } from '../../platform/i18n.ts';
import type { TimelineRow } from './commitments.repository.ts';
import { dateFormatter, formatDate, isoDay } from './dates.ts';

// Progress over time: the percentage each update reported, on the day it was reported. Updates about
// the whole commitment and updates about each milestone are separate lines, labelled at their ends,
// since a milestone's percentage is not the commitment's. The table holds exactly the same points.

export interface ChartTableRow {
  date: string;
  dateLabel: string;
  subject: string;
  status: string;
  percent: number;
}

export interface ProgressChart {
  svg: string;
  rows: ChartTableRow[];
}

interface Point {
  date: Date;
  percent: number;
  series: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const MONTH_YEAR: Intl.DateTimeFormatOptions = { month: 'short', year: 'numeric', timeZone: 'UTC' };
// Dark enough to keep 3:1 against white, as lines and points must (WCAG 1.4.11); OGP blue first.
const PALETTE = ['#0b5394', '#b3261e', '#00703c', '#5c2d91', '#8a4b00', '#1d1d1b', '#005a6a', '#8f1d5c'];

function remembered<K, V>(compute: (key: K) => V): (key: K) => V {
  const known = new Map<K, V>();
  return (key) => {
    if (!known.has(key)) known.set(key, compute(key));
    return known.get(key) as V;
  };
}

// Drawing takes milliseconds, and the same updates in the same language always make the same chart: charts are
// remembered by everything they are drawn from, so a page worked out again after an unrelated change (any
// write moves the page's data version) need not draw its chart again, and no change can ever be missed.
const drawnCharts = new Map<string, ProgressChart>();
const DRAWN_CHARTS = 500;

/** The chart and its table, oldest first; null when nothing has been reported with a date. */
export function progressChart(t: Translate, lang: string, updates: readonly TimelineRow[], id = 'progress-chart'): ProgressChart | null {
  const dated = updates.filter((u) => isoDay(u.reported_on) !== '').reverse();
  if (dated.length === 0) return null;
  const key = JSON.stringify([lang, id, dated.map((u) => [u.reported_on, u.percent_complete, u.status, u.milestone_position, u.milestone_title])]);
  const known = drawnCharts.get(key);
  if (known) {
    drawnCharts.delete(key);
    drawnCharts.set(key, known);
    return known;
  }
  const chart = drawChart(t, lang, dated, id);
  drawnCharts.set(key, chart);
  if (drawnCharts.size > DRAWN_CHARTS) drawnCharts.delete(drawnCharts.keys().next().value as string);
  return chart;
}

function drawChart(t: Translate, lang: string, dated: readonly TimelineRow[], id: string): ProgressChart {
  // A few series and statuses recur on every row: each is translated once.
  const seriesOf = remembered((position: number | null): string =>
    position === null ? t('commitments.chart.wholeCommitment') : t('commitments.chart.milestone', { number: position }),
  );
  const statusOf = remembered((status: string): string => t(`commitments.statuses.${status}`, { defaultValue: status }));
  const points: Point[] = dated.map((u) => ({ date: new Date(`${isoDay(u.reported_on)}T00:00:00Z`), percent: u.percent_complete, series: seriesOf(u.milestone_position) }));
  const rows = dated.map((u) => ({
    date: isoDay(u.reported_on),
    dateLabel: formatDate(u.reported_on, lang),
    subject: u.milestone_title === null ? seriesOf(u.milestone_position) : `${seriesOf(u.milestone_position)}: ${u.milestone_title}`,
    status: statusOf(u.status),
    percent: u.percent_complete,
  }));

  const series = [...new Set(points.map((p) => p.series))];
  const lastOfEach = series.map((name) => points.filter((p) => p.series === name).at(-1) as Point);
  const first = points[0] as Point;
  const last = points.at(-1) as Point;
  // A single day still needs a span to draw on.
  const domain = first.date.getTime() === last.date.getTime() ? [new Date(first.date.getTime() - 30 * DAY_MS), new Date(last.date.getTime() + 30 * DAY_MS)] : [first.date, last.date];
  const monthYear = dateFormatter(lang, 'month-year', MONTH_YEAR);

  const svg = renderPlot(
    {
      width: 640,
      height: 320,
      marginLeft: 48,
      // Room for the labels at the lines' ends, wrapped to two short lines.
      marginRight: 110,
      marginBottom: 40,
      x: { type: 'utc', domain, label: t('commitments.chart.dateAxis'), ticks: 5, tickFormat: (d: Date) => monthYear.format(d) },
      y: { domain: [0, 100], label: t('commitments.chart.percentAxis'), grid: true },
      color: { domain: series, range: PALETTE },
      symbol: { domain: series },
      marks: [
        Plot.ruleY([0]),
        Plot.line(points, { x: 'date', y: 'percent', z: 'series', stroke: 'series', strokeWidth: 2 }),
        Plot.dot(points, { x: 'date', y: 'percent', stroke: 'series', fill: 'series', symbol: 'series', r: 4 }),
        Plot.text(lastOfEach, { x: 'date', y: 'percent', text: 'series', fill: 'series', dx: 8, textAnchor: 'start', lineWidth: 9 }),
      ],
    },
    {
      id,
      title: t('commitments.chart.title'),
      description: t('commitments.chart.description', {
        count: rows.length,
        first: rows[0]?.dateLabel ?? '',
        last: rows.at(-1)?.dateLabel ?? '',
        percent: last.percent,
      }),
    },
  );
  return { svg, rows };
}
