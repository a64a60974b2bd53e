// Dates as OGP's sheet writes them: "9/1/2018", "9/1/18", "July 2014", "2014", "Quarter 1 2014",
// "IV quarter of 2020", "Spring 2015", spreadsheet day numbers ("43525"), or words ("Ongoing").
// A start date stands for the first day of the period it names and an end date for the last, so
// "2014" starts on 1 January and ends on 31 December. Words without digits are not dates and store
// no date (the text stays in the row as read); text with digits that is no real date is refused.

export type DateEdge = 'start' | 'end';

export type SheetDate = { date: string | null } | { invalid: string };

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH_ABBREVIATIONS = MONTHS.map((m) => m.slice(0, 3));
const ROMAN_QUARTERS: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };
const SEASONS: Record<string, [number, number]> = { spring: [3, 5], summer: [6, 8], autumn: [9, 11], fall: [9, 11], winter: [12, 14] };
// Spreadsheets count days from 30 December 1899; these numbers are 1955–2119, far from any year.
const SERIAL_MIN = 20000;
const SERIAL_MAX = 80000;
const YEAR_MIN = 1990;
const YEAR_MAX = 2100;

const pad = (n: number): string => String(n).padStart(2, '0');

/** YYYY-MM-DD for a real calendar day; null when there is no such day (30 February). */
function isoDay(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** The first or last day of a run of months; months past 12 run into the next year (winter). */
function monthSpan(year: number, firstMonth: number, lastMonth: number, edge: DateEdge): string {
  const month = edge === 'start' ? firstMonth : lastMonth;
  const date = edge === 'start' ? new Date(Date.UTC(year, month - 1, 1)) : new Date(Date.UTC(year, month, 0));
  return date.toISOString().slice(0, 10);
}

const validYear = (year: number): boolean => Number.isInteger(year) && year >= YEAR_MIN && year <= YEAR_MAX;

function monthNumber(word: string): number {
  const lower = word.toLowerCase().replace(/\.$/, '');
  const full = MONTHS.indexOf(lower);
  if (full >= 0) return full + 1;
  const short = MONTH_ABBREVIATIONS.indexOf(lower.slice(0, 3));
  return lower.length >= 3 && short >= 0 && MONTHS[short]!.startsWith(lower) ? short + 1 : 0;
}

const SPREADSHEET_EPOCH = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

function fromSlashes(text: string, edge: DateEdge): SheetDate | null {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(text);
  if (!match) return null;
  const year = match[3]!.length === 2 ? 2000 + Number(match[3]) : Number(match[3]);
  let [month, day] = [Number(match[1]), Number(match[2])];
  // The sheet is month first; "31/12/2016" can only be day first, so it is read that way.
  if (month > 12 && day <= 12) [month, day] = [day, month];
  const date = isoDay(year, month, day);
  if (date && validYear(year)) return { date };
  // "7/15/1905" is a spreadsheet showing a year typed into a date cell: day 2023 of its calendar is
  // 15 July 1905. The year meant is that day number.
  const typedYear = date ? Math.round((Date.parse(date) - SPREADSHEET_EPOCH) / DAY_MS) : 0;
  return validYear(typedYear) ? { date: monthSpan(typedYear, 1, 12, edge) } : { invalid: text };
}

function fromIso(text: string): SheetDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const date = validYear(Number(match[1])) ? isoDay(Number(match[1]), Number(match[2]), Number(match[3])) : null;
  return date ? { date } : { invalid: text };
}

function fromPeriod(text: string, edge: DateEdge): SheetDate | null {
  const lower = text.toLowerCase();
  let match = /^(\d{4})$/.exec(lower);
  if (match) return validYear(Number(match[1])) ? { date: monthSpan(Number(match[1]), 1, 12, edge) } : { invalid: text };
  match = /^([a-z]+\.?),? (\d{4})$/.exec(lower);
  if (match) {
    const year = Number(match[2]);
    const season = SEASONS[match[1]!];
    if (season && validYear(year)) return { date: monthSpan(year, season[0], season[1], edge) };
    const month = monthNumber(match[1]!);
    return month > 0 && validYear(year) ? { date: monthSpan(year, month, month, edge) } : { invalid: text };
  }
  match = /^(?:quarter ([1-4])|q([1-4])) (\d{4})$/.exec(lower) ?? /^(i|ii|iii|iv) quarter(?: of)? (\d{4})$/.exec(lower);
  if (match) {
    const quarter = match.length === 4 ? Number(match[1] ?? match[2]) : (ROMAN_QUARTERS[match[1]!] ?? 0);
    const year = Number(match[match.length - 1]);
    return quarter > 0 && validYear(year) ? { date: monthSpan(year, quarter * 3 - 2, quarter * 3, edge) } : { invalid: text };
  }
  return null;
}

function fromSerial(text: string): SheetDate | null {
  if (!/^\d{5}$/.test(text)) return null;
  const serial = Number(text);
  if (serial < SERIAL_MIN || serial > SERIAL_MAX) return { invalid: text };
  return { date: new Date(SPREADSHEET_EPOCH + serial * DAY_MS).toISOString().slice(0, 10) };
}

/** A sheet cell as a calendar date (YYYY-MM-DD), no date, or refused as a date that cannot be. */
export function parseSheetDate(cell: string, edge: DateEdge): SheetDate {
  const text = cell.trim().replace(/\s+/g, ' ');
  if (text === '' || !/\d/.test(text)) return { date: null };
  return fromSlashes(text, edge) ?? fromIso(text) ?? fromSerial(text) ?? fromPeriod(text, edge) ?? { invalid: text };
}

/** A stored date the way the sheet writes most of its dates: month/day/year. */
export function formatSheetDate(iso: string | null): string {
  if (!iso) return 'NA';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return match ? `${Number(match[2])}/${Number(match[3])}/${match[1]}` : iso;
}
