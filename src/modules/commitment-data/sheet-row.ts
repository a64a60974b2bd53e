import type { IrmField, MissingCode } from '../../db/irm-fields.ts';
import type { FieldMessage } from '../../platform/errors.ts';
import { type Region, REGIONS } from '../commitments/commitment-status.ts';
import { checkMemberCode } from '../members/member-codes.ts';
import type { MemberType } from '../members/member-types.ts';
import { isPlanId, memberCodeOfPlanId } from '../plans/plan-ids.ts';
import { splitInstitutions } from './institutions.ts';
import { IRM_SCALES, parseMissing, parseRating, type Rating } from './irm-scales.ts';
import { COLUMN, POLICY_AREA_COLUMNS, REQUIRED_COLUMNS } from './sheet-columns.ts';
import { parseSheetDate } from './sheet-dates.ts';
import { type Ratings, SHEET_STARS, type StarFormula, type StarReport } from './stars.ts';

// One row of the sheet, checked and read into what the platform stores. Reading is pure: the same
// cells always give the same commitment, which is what lets an export tell an edited value from the
// value the sheet gave.

/** The sheet's "National Or Local" values and the kind of member each is; Kosovo's "Other" is kept as national. */
const KINDS: Readonly<Record<string, MemberType>> = { National: 'national', Local: 'local', 'Legacy Local': 'local', Other: 'national' };
const YEAR_MIN = 2011;
const YEAR_MAX = 2100;
const OGP_ID = /^[A-Z]{2,4}\d{2,6}$/;

export interface SheetMember {
  code: string;
  name: string;
  region: Region;
  kind: string;
  memberType: MemberType;
  /** The code is OGP's own and not one the members registry accepts (Kosovo's XKX): kept in the row only. */
  codeIsRegistered: boolean;
}

export interface SheetPlan {
  ogpId: string;
  number: number;
  submittedYear: number;
  endYear: number;
}

export interface SheetStar {
  column: string;
  formula: StarFormula;
  report: StarReport;
  starred: 0 | 1 | null;
  missing: MissingCode | null;
}

export interface SheetCommitment {
  ogpId: string;
  member: SheetMember;
  plan: SheetPlan;
  number: string;
  title: string;
  shortTitle: string;
  fullText: string;
  /** '' when the sheet gives none (NA). */
  theme: string;
  startDate: string | null;
  endDate: string | null;
  lead: string[];
  supporting: string[];
  policyAreas: string[];
  ratings: Ratings;
  progressReportYear: number | null;
  endOfTermReportYear: number | null;
  sheetStars: SheetStar[];
  sourceUrl: string | null;
  /** Every cell, by column, exactly as read. */
  cells: Record<string, string>;
}

export type RowResult = { ok: true; commitment: SheetCommitment } | { ok: false; problem: FieldMessage };

const problem = (key: string, params: Record<string, string | number> = {}): { ok: false; problem: FieldMessage } => ({
  ok: false,
  problem: { key: `commitmentData.problems.${key}`, params },
});

/** NA, ND, NR and blanks mean "none" in free-text columns. */
const textOrEmpty = (cell: string): string => (parseMissing(cell) ? '' : cell.trim());

function readYear(cell: string): number | null {
  const text = cell.trim();
  if (!/^\d{4}$/.test(text)) return null;
  const year = Number(text);
  return year >= YEAR_MIN && year <= YEAR_MAX ? year : null;
}

/** A report's year: a year, or nothing (ND, NR, NA, blank); undefined when it is neither. */
function readReportYear(cell: string): number | null | undefined {
  if (cell.trim() === '' || parseMissing(cell)) return null;
  return readYear(cell) ?? undefined;
}

/** A 0/1 flag: true, false, or null for ND/NR/NA/blank; undefined when it is none of those. */
function readFlag(cell: string): boolean | null | undefined {
  const text = cell.trim();
  if (text === '1') return true;
  if (text === '0') return false;
  return text === '' || parseMissing(text) ? null : undefined;
}

/** A star cell as the sheet gives it. */
export function readStarCell(cell: string): { starred: 0 | 1 | null; missing: MissingCode | null } | undefined {
  const flag = readFlag(cell);
  if (flag === undefined) return undefined;
  if (flag === null) return { starred: null, missing: parseMissing(cell) ?? null };
  return { starred: flag ? 1 : 0, missing: null };
}

function readMember(cells: Record<string, string>): SheetMember | FieldMessage {
  const kind = cells[COLUMN.kind]!.trim();
  const memberType = KINDS[kind];
  if (!memberType) return { key: 'commitmentData.problems.kindInvalid', params: { value: kind } };
  const region = cells[COLUMN.region]!.trim();
  if (!(REGIONS as readonly string[]).includes(region)) return { key: 'commitmentData.problems.regionInvalid', params: { value: region } };
  const code = cells[COLUMN.code]!.trim().toUpperCase();
  const registered = checkMemberCode(code, memberType).ok;
  // "Other" rows belong to no OGP member type, so their code only has to look like one.
  if (!registered && !(kind === 'Other' && /^[A-Z]{3,8}$/.test(code))) return { key: 'commitmentData.problems.codeInvalid', params: { code, kind } };
  return { code, name: cells[COLUMN.memberName]!.trim().replace(/\s+/g, ' '), region: region as Region, kind, memberType, codeIsRegistered: registered };
}

function readPlan(cells: Record<string, string>, memberCode: string): SheetPlan | FieldMessage {
  const ogpId = cells[COLUMN.planId]!.trim().toUpperCase();
  if (!isPlanId(ogpId)) return { key: 'commitmentData.problems.planIdInvalid', params: { value: ogpId } };
  if (memberCodeOfPlanId(ogpId) !== memberCode) return { key: 'commitmentData.problems.planIdOtherCode', params: { planId: ogpId, code: memberCode } };
  const numberText = cells[COLUMN.planNumber]!.trim();
  const number = /^\d{1,2}$/.test(numberText) ? Number(numberText) : 0;
  if (number < 1) return { key: 'commitmentData.problems.planNumberInvalid', params: { value: numberText } };
  const submittedYear = readYear(cells[COLUMN.submittedYear]!);
  if (submittedYear === null) return { key: 'commitmentData.problems.yearInvalid', params: { column: COLUMN.submittedYear, value: cells[COLUMN.submittedYear]! } };
  const endYear = readYear(cells[COLUMN.endYear]!);
  if (endYear === null) return { key: 'commitmentData.problems.yearInvalid', params: { column: COLUMN.endYear, value: cells[COLUMN.endYear]! } };
  if (endYear < submittedYear) return { key: 'commitmentData.problems.yearsOutOfOrder', params: { start: submittedYear, end: endYear } };
  return { ogpId, number, submittedYear, endYear };
}

function readRatings(cells: Record<string, string>): Ratings | FieldMessage {
  const ratings: Partial<Record<IrmField, Rating>> = {};
  for (const scale of IRM_SCALES) {
    const rating = parseRating(scale, cells[scale.column] ?? '');
    if ('unknown' in rating) return { key: 'commitmentData.problems.ratingUnknown', params: { column: scale.column, value: rating.unknown } };
    ratings[scale.field] = rating;
  }
  return ratings as Ratings;
}

const isProblem = (value: object): value is FieldMessage => 'key' in value && typeof (value as FieldMessage).key === 'string';

/** Reads one row (cells keyed by column); the first problem found refuses it. */
export function readSheetRow(cells: Record<string, string>): RowResult {
  for (const column of REQUIRED_COLUMNS) {
    if ((cells[column] ?? '').trim() === '') return problem('required', { column });
  }
  const ogpId = cells[COLUMN.id]!.trim().toUpperCase();
  if (!OGP_ID.test(ogpId)) return problem('idInvalid', { value: ogpId });
  const member = readMember(cells);
  if (isProblem(member)) return { ok: false, problem: member };
  const plan = readPlan(cells, member.code);
  if (isProblem(plan)) return { ok: false, problem: plan };

  const startDate = parseSheetDate(cells[COLUMN.startDate] ?? '', 'start');
  if ('invalid' in startDate) return problem('dateInvalid', { column: COLUMN.startDate, value: startDate.invalid });
  const endDate = parseSheetDate(cells[COLUMN.endDate] ?? '', 'end');
  if ('invalid' in endDate) return problem('dateInvalid', { column: COLUMN.endDate, value: endDate.invalid });

  const policyAreas: string[] = [];
  for (const column of POLICY_AREA_COLUMNS) {
    const flag = readFlag(cells[column] ?? '');
    if (flag === undefined) return problem('flagInvalid', { column, value: cells[column] ?? '' });
    if (flag) policyAreas.push(column);
  }
  const ratings = readRatings(cells);
  if (isProblem(ratings)) return { ok: false, problem: ratings };
  const progressReportYear = readReportYear(cells[COLUMN.progressReportYear] ?? '');
  if (progressReportYear === undefined) return problem('yearInvalid', { column: COLUMN.progressReportYear, value: cells[COLUMN.progressReportYear] ?? '' });
  const endOfTermReportYear = readReportYear(cells[COLUMN.endOfTermReportYear] ?? '');
  if (endOfTermReportYear === undefined) return problem('yearInvalid', { column: COLUMN.endOfTermReportYear, value: cells[COLUMN.endOfTermReportYear] ?? '' });
  const sheetStars: SheetStar[] = [];
  for (const star of SHEET_STARS) {
    const value = readStarCell(cells[star.column] ?? '');
    if (!value) return problem('flagInvalid', { column: star.column, value: cells[star.column] ?? '' });
    sheetStars.push({ ...star, ...value });
  }
  const url = (cells[COLUMN.url] ?? '').trim();

  return {
    ok: true,
    commitment: {
      ogpId,
      member,
      plan,
      number: cells[COLUMN.number]!.trim(),
      title: cells[COLUMN.title]!.trim(),
      shortTitle: textOrEmpty(cells[COLUMN.shortTitle] ?? ''),
      fullText: textOrEmpty(cells[COLUMN.fullText] ?? ''),
      theme: textOrEmpty(cells[COLUMN.theme] ?? ''),
      startDate: startDate.date,
      endDate: endDate.date,
      lead: splitInstitutions(cells[COLUMN.lead] ?? ''),
      supporting: splitInstitutions(cells[COLUMN.supporting] ?? ''),
      policyAreas,
      ratings,
      progressReportYear,
      endOfTermReportYear,
      sheetStars,
      sourceUrl: /^https?:\/\//i.test(url) ? url : null,
      cells,
    },
  };
}
