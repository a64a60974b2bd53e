import type { IrmField } from '../../db/irm-fields.ts';
import type { CommitmentStarsTable, IrmAssessmentsTable } from '../../db/schema.ts';
import { institutionKey, splitInstitutions } from './institutions.ts';
import { type IrmScale, IRM_SCALES, MISSING_TO_SHEET, parseMissing, parseRating, type Rating, ratingCode, ratingLabel, sameRating } from './irm-scales.ts';
import { COLUMN, isPolicyAreaColumn, SHEET_COLUMNS } from './sheet-columns.ts';
import { formatSheetDate, parseSheetDate } from './sheet-dates.ts';
import { readStarCell } from './sheet-row.ts';
import { computeStar, type Ratings, SHEET_STARS } from './stars.ts';

// A commitment back as a row of the sheet. A cell the platform holds a typed value for is written
// from that value, unless the value is still what the imported cell reads as: then the cell goes back
// exactly as it came (so "July 2014" stays "July 2014", and an edited title wins). Cells the platform
// does not interpret come from the row kept at import. Commitments created on the platform have no
// kept row, so every cell they have a value for is written from their data.

export interface ExportCommitment {
  ogp_id: string;
  number: string;
  title: string;
  short_title: string;
  full_text: string;
  theme: string;
  start_date: string | null;
  end_date: string | null;
  source_url: string | null;
  sheet_row_json: string | null;
  member_name: string;
  member_type: string;
  ogp_code: string | null;
  region: string | null;
  plan_ogp_id: string;
  plan_number: number;
  plan_start_date: string | null;
  plan_end_date: string | null;
}

export interface ExportChildren {
  policyAreas: ReadonlySet<string>;
  lead: readonly string[];
  supporting: readonly string[];
  irm: IrmAssessmentsTable | undefined;
  stars: readonly CommitmentStarsTable[];
}

const KIND_TYPE: Readonly<Record<string, string>> = { National: 'national', Local: 'local', 'Legacy Local': 'local', Other: 'national' };

function parseRow(json: string | null): Record<string, string> {
  if (!json) return {};
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** The kept cell when it still reads as the current value, else the current value written out. */
function keep<T>(raw: string | undefined, read: (cell: string) => T, current: T, write: (value: T) => string, same: (a: T, b: T) => boolean = Object.is): string {
  if (raw !== undefined && same(read(raw), current)) return raw;
  return write(current);
}

const trimmed = (cell: string): string => cell.trim();
const upper = (cell: string): string => cell.trim().toUpperCase();
const textOrEmpty = (cell: string): string => (parseMissing(cell) ? '' : cell.trim());
const yearOf = (date: string | null): number | null => (date ? Number(date.slice(0, 4)) : null);

function readYear(cell: string): number | null {
  const text = cell.trim();
  return /^\d{4}$/.test(text) ? Number(text) : null;
}

const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
const namesKeys = (names: readonly string[]): string[] => names.map(institutionKey);

// A commitment the IRM has not assessed has no data for any field, as the sheet writes it (ND).
const NOT_ASSESSED: Rating = { value: null, missing: 'no_data' };

function currentRating(irm: IrmAssessmentsTable | undefined, field: IrmField): Rating {
  if (!irm) return NOT_ASSESSED;
  return { value: irm[field], missing: irm[`${field}_missing`] };
}

const readRating = (scale: IrmScale, cell: string): Rating => {
  const rating = parseRating(scale, cell);
  return 'unknown' in rating ? { value: rating.unknown, missing: null } : rating;
};

function ratingCells(raw: Record<string, string>, irm: IrmAssessmentsTable | undefined, cells: Map<string, string>): void {
  for (const scale of IRM_SCALES) {
    const current = currentRating(irm, scale.field);
    const rawText = raw[scale.column];
    cells.set(scale.column, keep(rawText, (c) => readRating(scale, c), current, (r) => ratingLabel(scale, r), sameRating));
    if (!scale.codeColumn) continue;
    const rawCode = raw[scale.codeColumn];
    // The code column follows its label: kept as read while the rating is as imported.
    const unchanged = rawText !== undefined && sameRating(readRating(scale, rawText), current);
    cells.set(scale.codeColumn, unchanged && rawCode !== undefined ? rawCode : ratingCode(scale, current));
  }
}

function starCell(starred: number | null, missing: string | null): string {
  if (starred !== null) return String(starred);
  return missing ? (MISSING_TO_SHEET[missing as keyof typeof MISSING_TO_SHEET] ?? 'ND') : 'ND';
}

function starCells(raw: Record<string, string>, children: ExportChildren, cells: Map<string, string>): void {
  const rawRatings = Object.fromEntries(IRM_SCALES.map((s) => [s.field, readRating(s, raw[s.column] ?? '')])) as Ratings;
  for (const star of SHEET_STARS) {
    const stored = children.stars.find((s) => s.formula === star.formula && s.report === star.report);
    const current = { starred: stored?.starred ?? null, missing: stored?.missing ?? null };
    const rawCell = raw[star.column];
    // The sheet's own star stays while the ratings still give what they gave at import.
    const fromRaw = computeStar(rawRatings, star.formula, star.report);
    const unchanged = rawCell !== undefined && readStarCell(rawCell) !== undefined && fromRaw.starred === current.starred && fromRaw.missing === current.missing;
    cells.set(star.column, unchanged ? rawCell : starCell(current.starred, current.missing));
  }
}

/** The cells of one commitment, in sheet column order. */
export function exportRow(c: ExportCommitment, children: ExportChildren): string[] {
  const raw = parseRow(c.sheet_row_json);
  const cells = new Map<string, string>();
  const set = (column: string, value: string) => cells.set(column, value);
  set(COLUMN.id, keep(raw[COLUMN.id], upper, c.ogp_id, String));
  set(COLUMN.memberName, keep(raw[COLUMN.memberName], (s) => s.trim().replace(/\s+/g, ' '), c.member_name, String));
  set(COLUMN.planNumber, keep(raw[COLUMN.planNumber], (s) => Number(s.trim()), c.plan_number, String));
  set(COLUMN.number, keep(raw[COLUMN.number], trimmed, c.number, String));
  // A member the registry holds no code or region for keeps the sheet's (Kosovo's XKX is no ISO code).
  set(COLUMN.code, c.ogp_code ? keep(raw[COLUMN.code], upper, c.ogp_code, String) : (raw[COLUMN.code] ?? ''));
  set(COLUMN.region, c.region ? keep(raw[COLUMN.region], trimmed, c.region, String) : (raw[COLUMN.region] ?? ''));
  set(COLUMN.kind, keep(raw[COLUMN.kind], (s) => KIND_TYPE[s.trim()] ?? '', c.member_type, (t) => (t === 'local' ? 'Local' : 'National')));
  const startYear = yearOf(c.plan_start_date);
  const endYear = yearOf(c.plan_end_date);
  set(COLUMN.submittedYear, startYear === null ? (raw[COLUMN.submittedYear] ?? '') : keep(raw[COLUMN.submittedYear], readYear, startYear, String));
  set(COLUMN.endYear, endYear === null ? (raw[COLUMN.endYear] ?? '') : keep(raw[COLUMN.endYear], readYear, endYear, String));
  set(COLUMN.duration, raw[COLUMN.duration] ?? (startYear !== null && endYear !== null ? String(Math.max(1, endYear - startYear)) : ''));
  set(COLUMN.dummy, raw[COLUMN.dummy] ?? '1');
  set(COLUMN.theme, keep(raw[COLUMN.theme], textOrEmpty, c.theme, (t) => t || 'NA'));
  set(COLUMN.title, keep(raw[COLUMN.title], trimmed, c.title, String));
  set(COLUMN.shortTitle, keep(raw[COLUMN.shortTitle], textOrEmpty, c.short_title, String));
  set(COLUMN.fullText, keep(raw[COLUMN.fullText], textOrEmpty, c.full_text, String));
  set(COLUMN.startDate, keep(raw[COLUMN.startDate], (s) => dateOf(s, 'start'), c.start_date, formatSheetDate));
  set(COLUMN.endDate, keep(raw[COLUMN.endDate], (s) => dateOf(s, 'end'), c.end_date, formatSheetDate));
  const institutions = (names: readonly string[]) => (names.length > 0 ? names.join('; ') : 'NA');
  set(COLUMN.lead, keep(raw[COLUMN.lead], (s) => namesKeys(splitInstitutions(s)), namesKeys(children.lead), () => institutions(children.lead), sameList));
  set(COLUMN.supporting, keep(raw[COLUMN.supporting], (s) => namesKeys(splitInstitutions(s)), namesKeys(children.supporting), () => institutions(children.supporting), sameList));
  ratingCells(raw, children.irm, cells);
  const reportYear = (column: string, year: number | null | undefined) =>
    set(column, keep(raw[column], (s) => (parseMissing(s) || s.trim() === '' ? null : readYear(s)), year ?? null, (y) => (y === null ? 'ND' : String(y))));
  reportYear(COLUMN.progressReportYear, children.irm?.progress_report_year);
  reportYear(COLUMN.endOfTermReportYear, children.irm?.end_of_term_report_year);
  starCells(raw, children, cells);
  set(COLUMN.url, keep(raw[COLUMN.url], (s) => (/^https?:\/\//i.test(s.trim()) ? s.trim() : null), c.source_url, (u) => u ?? ''));
  set(COLUMN.planId, keep(raw[COLUMN.planId], upper, c.plan_ogp_id, String));
  return SHEET_COLUMNS.map((column) => {
    if (isPolicyAreaColumn(column)) return keep(raw[column], (s) => s.trim() === '1', children.policyAreas.has(column), (on) => (on ? '1' : '0'));
    return cells.get(column) ?? raw[column] ?? '';
  });
}

function dateOf(cell: string, edge: 'start' | 'end'): string | null {
  const parsed = parseSheetDate(cell, edge);
  return 'date' in parsed ? parsed.date : null;
}
