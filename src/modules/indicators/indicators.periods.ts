// The periods indicators are measured over. By default, the calendar years the platform's plan runs for
// (2015–2018 for the OGP strategy); on request, any date range, as one period or split into calendar years.
import { FieldErrorCollector } from '../../platform/errors.ts';
import { isIsoDate } from '../members/iso-dates.ts';

/** Both dates inclusive, YYYY-MM-DD. */
export interface Period {
  start: string;
  end: string;
}

export type PeriodSplit = 'range' | 'year';

export interface PeriodQuery {
  from?: string;
  to?: string;
  by?: string;
}

export interface PeriodChoice {
  periods: Period[];
  /** True when the periods came from the query rather than the plan. */
  custom: boolean;
  from: string;
  to: string;
  by: PeriodSplit;
}

/** The strategy's own years, used when the plan states no usable dates of its own. */
export const FALLBACK_FIRST_YEAR = 2015;
export const FALLBACK_LAST_YEAR = 2018;
/** More calendar years than this on one page would be a chart nobody can read. */
export const MAX_YEARS = 30;

export const periodKey = (period: Period): string => `${period.start}/${period.end}`;

/** The calendar years from one year to another, both included. */
export function calendarYears(firstYear: number, lastYear: number): Period[] {
  const years: Period[] = [];
  for (let year = firstYear; year <= lastYear; year += 1) years.push({ start: `${year}-01-01`, end: `${year}-12-31` });
  return years;
}

/** True when the period is exactly one calendar year, which pages call by its year alone. */
export function isCalendarYear(period: Period): boolean {
  const year = period.start.slice(0, 4);
  return period.start === `${year}-01-01` && period.end === `${year}-12-31`;
}

/** A range cut at the year boundaries: 2015-07-01 to 2017-03-31 gives three periods. */
export function splitByYear(from: string, to: string): Period[] {
  const first = Number(from.slice(0, 4));
  const last = Number(to.slice(0, 4));
  return calendarYears(first, last).map((year) => ({ start: year.start < from ? from : year.start, end: year.end > to ? to : year.end }));
}

/** The plan's calendar years, from its start and end dates; the strategy's 2015–2018 when it has none that make sense. */
export function defaultPeriods(planStart: string, planEnd: string): Period[] {
  if (isIsoDate(planStart) && isIsoDate(planEnd) && planStart <= planEnd) {
    const first = Number(planStart.slice(0, 4));
    const last = Number(planEnd.slice(0, 4));
    if (last - first < MAX_YEARS) return calendarYears(first, last);
  }
  return calendarYears(FALLBACK_FIRST_YEAR, FALLBACK_LAST_YEAR);
}

/**
 * The periods a request asks for. No dates: the defaults. Dates: both must be real days, the first on or
 * before the second; `by=year` splits the range into calendar years (at most MAX_YEARS of them).
 * Problems are named on the fields `from`, `to` and `by`, and nothing is guessed.
 */
export function choosePeriods(query: PeriodQuery, defaults: Period[]): PeriodChoice {
  const from = (query.from ?? '').trim();
  const to = (query.to ?? '').trim();
  const byText = (query.by ?? '').trim();
  const errors = new FieldErrorCollector();
  if (byText !== '' && byText !== 'range' && byText !== 'year') errors.add('by', 'indicators.errors.byInvalid');
  const by: PeriodSplit = byText === 'year' ? 'year' : 'range';
  if (from === '' && to === '') {
    errors.throwIfAny();
    const first = defaults[0];
    const last = defaults.at(-1);
    return { periods: defaults, custom: false, from: first?.start ?? '', to: last?.end ?? '', by: 'year' };
  }
  if (from === '') errors.add('from', 'indicators.errors.fromRequired');
  else if (!isIsoDate(from)) errors.add('from', 'indicators.errors.dateInvalid');
  if (to === '') errors.add('to', 'indicators.errors.toRequired');
  else if (!isIsoDate(to)) errors.add('to', 'indicators.errors.dateInvalid');
  if (!errors.has('from') && !errors.has('to')) {
    if (to < from) errors.add('to', 'indicators.errors.toBeforeFrom');
    else if (by === 'year' && Number(to.slice(0, 4)) - Number(from.slice(0, 4)) >= MAX_YEARS) errors.add('to', 'indicators.errors.tooManyYears', { max: MAX_YEARS });
  }
  errors.throwIfAny();
  return { periods: by === 'year' ? splitByYear(from, to) : [{ start: from, end: to }], custom: true, from, to, by };
}
