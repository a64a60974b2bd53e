import * as Plot from '@observablehq/plot';
import { renderPlot } from '../../platform/charts.ts';
import type { Translate } from '../../platform/i18n.ts';
import type { TimelineRow } from './commitments.repository.ts';
import { dateLocale, formatDate, isoDay } from './dates.ts';

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
// Dark enough to keep 3:1 against white, as lines and points must (WCAG 1.4.11); OGP blue first.
const PALETTE = ['#0b5394', '#b3261e', '#00703c', '#5c2d91', '#8a4b00', '#1d1d1b', '#005a6a', '#8f1d5c'];

/** The chart and its table, oldest first; null when nothing has been reported with a date. */
export function progressChart(t: Translate, lang: string, updates: readonly TimelineRow[], id = 'progress-chart'): ProgressChart | null {
  const dated = updates.filter((u) => isoDay(u.reported_on) !== '').reverse();
  if (dated.length === 0) return null;
  const seriesOf = (u: TimelineRow): string =>
    u.milestone_position === null ? t('commitments.chart.wholeCommitment') : t('commitments.chart.milestone', { number: u.milestone_position });
  const points: Point[] = dated.map((u) => ({ date: new Date(`${isoDay(u.reported_on)}T00:00:00Z`), percent: u.percent_complete, series: seriesOf(u) }));
  const rows = dated.map((u) => ({
    date: isoDay(u.reported_on),
    dateLabel: formatDate(u.reported_on, lang),
    subject: u.milestone_title === null ? seriesOf(u) : `${seriesOf(u)}: ${u.milestone_title}`,
    status: t(`commitments.statuses.${u.status}`, { defaultValue: u.status }),
    percent: u.percent_complete,
  }));

  const series = [...new Set(points.map((p) => p.series))];
  const lastOfEach = series.map((name) => points.filter((p) => p.series === name).at(-1) as Point);
  const first = points[0] as Point;
  const last = points.at(-1) as Point;
  // A single day still needs a span to draw on.
  const domain = first.date.getTime() === last.date.getTime() ? [new Date(first.date.getTime() - 30 * DAY_MS), new Date(last.date.getTime() + 30 * DAY_MS)] : [first.date, last.date];
  const monthYear = new Intl.DateTimeFormat(dateLocale(lang), { month: 'short', year: 'numeric', timeZone: 'UTC' });

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
