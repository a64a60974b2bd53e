import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as Plot from '@observablehq/plot';
import { renderPlotImage } from '../../platform/charts.ts';
import type { Translate } from '../../platform/i18n.ts';
import type { TimelineRow } from './commitments.repository.ts';
import { dateFormatter, formatDate, isoDay } from './dates.ts';

// Progress over time: the percentage each update reported, on the day it was reported. Updates about
// the whole commitment and updates about each milestone are separate lines, labelled at their ends,
// since a milestone's percentage is not the commitment's. The table holds exactly the same points.
// The chart is an image of its own (GET /commitments/:ogpId/progress.svg): the page only names it, so
// showing the page never draws, and browsers keep each drawing under the version in its address.

export interface ChartTableRow {
  date: string;
  dateLabel: string;
  subject: string;
  status: string;
  percent: number;
}

/** What the page shows of the chart: its table, and what the image it links to says and is drawn from. */
export interface ProgressChart {
  rows: ChartTableRow[];
  title: string;
  description: string;
  /** Names everything the image is drawn from, so an address carrying it can be kept by browsers for good. */
  version: string;
}

/** The image itself, a strong validator made from its bytes, and the version its address carries. */
export interface ProgressChartImage {
  svg: string;
  etag: string;
  version: string;
}

export const CHART_WIDTH = 640;
export const CHART_HEIGHT = 320;

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

const CHART_ID = 'progress-chart';
/**
 * Part of every version, so that browsers holding an image for good fetch a new one when the drawing changes: a
 * digest of what draws it (this file, the platform's chart rendering, the chart library's version) and of the
 * words it shows (the commitments' translations). Worked out once, when the process starts.
 */
const DRAWING_REVISION = ((): string => {
  const sources = [
    fileURLToPath(import.meta.url),
    fileURLToPath(new URL('../../platform/charts.ts', import.meta.url)),
    // The package's own package.json (its version): its exports name only the code, in src/.
    path.join(path.dirname(createRequire(import.meta.url).resolve('@observablehq/plot')), '..', 'package.json'),
    ...['en', 'es', 'fr'].map((lang) => fileURLToPath(new URL(`./locales/${lang}.json`, import.meta.url))),
  ];
  const hash = createHash('sha256');
  for (const source of sources) hash.update(readFileSync(source));
  return hash.digest('base64url').slice(0, 12);
})();

interface ChartInput {
  /** The updates with a date, oldest first. */
  dated: TimelineRow[];
  /** Everything the chart is drawn from. */
  key: string;
}

function chartInput(lang: string, updates: readonly TimelineRow[]): ChartInput | null {
  const dated = updates.filter((u) => isoDay(u.reported_on) !== '').reverse();
  if (dated.length === 0) return null;
  const key = JSON.stringify([DRAWING_REVISION, lang, dated.map((u) => [u.reported_on, u.percent_complete, u.status, u.milestone_position, u.milestone_title])]);
  return { dated, key };
}

const digest = (text: string): string => createHash('sha256').update(text).digest('base64url').slice(0, 22);

/** The chart's table and what its image says, oldest first; null when nothing has been reported with a date. Draws nothing. */
export function progressChart(t: Translate, lang: string, updates: readonly TimelineRow[]): ProgressChart | null {
  const input = chartInput(lang, updates);
  return input ? { ...chartText(t, lang, input.dated), version: digest(input.key) } : null;
}

// Drawing takes milliseconds, and the same updates in the same language always make the same chart: charts are
// remembered by everything they are drawn from, so an image asked for again after an unrelated change (any
// write moves the page's data version) need not be drawn again, and no change can ever be missed.
const drawnCharts = new Map<string, ProgressChartImage>();
const DRAWN_CHARTS = 500;

/** The chart as a standalone SVG image; null when nothing has been reported with a date. */
export function progressChartImage(t: Translate, lang: string, updates: readonly TimelineRow[]): ProgressChartImage | null {
  const input = chartInput(lang, updates);
  if (!input) return null;
  const known = drawnCharts.get(input.key);
  if (known) {
    drawnCharts.delete(input.key);
    drawnCharts.set(input.key, known);
    return known;
  }
  const svg = drawChart(t, lang, input.dated);
  const image = { svg, etag: `"${digest(svg)}"`, version: digest(input.key) };
  drawnCharts.set(input.key, image);
  if (drawnCharts.size > DRAWN_CHARTS) drawnCharts.delete(drawnCharts.keys().next().value as string);
  return image;
}

// A few series and statuses recur on every row: each is translated once.
function seriesNamer(t: Translate): (position: number | null) => string {
  return remembered((position: number | null): string =>
    position === null ? t('commitments.chart.wholeCommitment') : t('commitments.chart.milestone', { number: position }),
  );
}

function chartText(t: Translate, lang: string, dated: readonly TimelineRow[]): Omit<ProgressChart, 'version'> {
  const seriesOf = seriesNamer(t);
  const statusOf = remembered((status: string): string => t(`commitments.statuses.${status}`, { defaultValue: status }));
  const rows = dated.map((u) => ({
    date: isoDay(u.reported_on),
    dateLabel: formatDate(u.reported_on, lang),
    subject: u.milestone_title === null ? seriesOf(u.milestone_position) : `${seriesOf(u.milestone_position)}: ${u.milestone_title}`,
    status: statusOf(u.status),
    percent: u.percent_complete,
  }));
  return {
    rows,
    title: t('commitments.chart.title'),
    description: t('commitments.chart.description', {
      count: rows.length,
      first: rows[0]?.dateLabel ?? '',
      last: rows.at(-1)?.dateLabel ?? '',
      percent: rows.at(-1)?.percent ?? 0,
    }),
  };
}

function drawChart(t: Translate, lang: string, dated: readonly TimelineRow[]): string {
  const seriesOf = seriesNamer(t);
  const points: Point[] = dated.map((u) => ({ date: new Date(`${isoDay(u.reported_on)}T00:00:00Z`), percent: u.percent_complete, series: seriesOf(u.milestone_position) }));
  const { title, description } = chartText(t, lang, dated);

  const series = [...new Set(points.map((p) => p.series))];
  const lastOfEach = series.map((name) => points.filter((p) => p.series === name).at(-1) as Point);
  const first = points[0] as Point;
  const last = points.at(-1) as Point;
  // A single day still needs a span to draw on.
  const domain = first.date.getTime() === last.date.getTime() ? [new Date(first.date.getTime() - 30 * DAY_MS), new Date(last.date.getTime() + 30 * DAY_MS)] : [first.date, last.date];
  const monthYear = dateFormatter(lang, 'month-year', MONTH_YEAR);

  return renderPlotImage(
    {
      width: CHART_WIDTH,
      height: CHART_HEIGHT,
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
    { id: CHART_ID, title, description },
  );
}
