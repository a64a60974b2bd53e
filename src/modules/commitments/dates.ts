// Dates as the reader's language writes them. Imported sheets hold dates in many shapes ("9/1/2018",
// "July 2014"); only an ISO calendar date is reformatted, anything else is shown as it was recorded.

import { dateTimeFormat, remembered } from '../../platform/intl-formats.ts';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})/;

/** The locale dates are written in: our English is British, as the rest of the platform's is ("1 September 2021"). */
export const dateLocale = (lang: string): string => (lang === 'en' ? 'en-GB' : lang);

/** One shared formatter per language and set of options (options are keyed by name, so pass them in a fixed shape). */
export function dateFormatter(lang: string, name: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return dateTimeFormat(dateLocale(lang), name, options);
}

const LONG_DATE: Intl.DateTimeFormatOptions = { dateStyle: 'long', timeZone: 'UTC' };

/** "30 June 2021" in English, "30 de junio de 2021" in Spanish; the text itself when it is not an ISO date. */
export function formatDate(value: string | null | undefined, lang: string): string {
  return value ? longDate(lang, value) : '';
}

const longDate = remembered((lang, value) => {
  const match = ISO_DATE.exec(value);
  if (!match) return value;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (Number.isNaN(date.getTime())) return value;
  return dateFormatter(lang, 'long', LONG_DATE).format(date);
});

/** The YYYY-MM-DD part of a value, for a <time datetime> attribute; '' when there is none. */
export const isoDay = (value: string | null | undefined): string => ISO_DATE.exec(value ?? '')?.[0] ?? '';
