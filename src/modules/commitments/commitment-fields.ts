import type { CommitmentsTable } from '../../db/schema.ts';
import type { FieldErrorCollector } from '../../platform/errors.ts';
import { POLICY_AREA_COLUMNS } from '../commitment-data/sheet-columns.ts';
import { parseDate } from './milestones.service.ts';

// The commitment form as typed, checked field by field without the database: each problem is added to
// the caller's collector, so the service can add the ones only the database can see and show them all at once.

export const TITLE_MAX = 1000;
export const NUMBER_MAX = 20;
export const THEME_MAX = 300;
/** OGP's longest full text is under 28,000 characters; the other sections are shorter parts of the same. */
export const FULL_TEXT_MAX = 30000;
export const SECTION_MAX = 10000;
/** How far before the plan starts or after it ends a commitment may run: OGP's own data stays within a year (the messages say so). */
export const PLAN_MARGIN_YEARS = 1;

/** The four OGP values, as the form names them and as the commitments table stores them. */
export const STATED_VALUES = {
  access_to_information: 'stated_access_to_information',
  civic_participation: 'stated_civic_participation',
  public_accountability: 'stated_public_accountability',
  technology_innovation: 'stated_technology_innovation',
} as const;
export type StatedValue = keyof typeof STATED_VALUES;
export const STATED_VALUE_NAMES = Object.keys(STATED_VALUES) as StatedValue[];
type StatedColumn = (typeof STATED_VALUES)[StatedValue];

/** The commitment's own columns that the form edits. */
export type CommitmentColumns = Pick<
  CommitmentsTable,
  'number' | 'title' | 'short_title' | 'full_text' | 'problem' | 'status_quo' | 'objective' | 'ambition' | 'theme' | 'start_date' | 'end_date' | StatedColumn
>;

/** The form as posted: text fields are strings, ticked boxes lists (absent when none is ticked). */
export interface CommitmentInput {
  title?: string;
  shortTitle?: string;
  number?: string;
  problem?: string;
  statusQuo?: string;
  objective?: string;
  ambition?: string;
  fullText?: string;
  theme?: string;
  policyAreas?: string[];
  statedValues?: string[];
  lead?: string[];
  supporting?: string[];
  startDate?: string;
  endDate?: string;
  carriedForwardFrom?: string;
}

/** What the form says, before the database has checked the parts it alone can. */
export interface CommitmentDraft {
  columns: CommitmentColumns;
  policyAreas: string[];
  leadIds: string[];
  supportingIds: string[];
  /** The OGP id typed, upper-cased; null when left empty. */
  carriedForwardFrom: string | null;
}

const length = (text: string): number => [...text].length;
const line = (text: string | undefined): string => (text ?? '').replace(/\s+/g, ' ').trim();
const block = (text: string | undefined): string => (text ?? '').replace(/\r\n?/g, '\n').trim();
const unique = (values: readonly string[] | undefined): string[] => [...new Set((values ?? []).map((v) => v.trim()).filter((v) => v !== ''))];

// Letters and digits, with dots and dashes between: 3, 12, 2.1, 3b, B.1.A, SC17 all appear in OGP's data.
const NUMBER_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N}.-]*$/u;
const POLICY_AREAS: ReadonlySet<string> = new Set(POLICY_AREA_COLUMNS);

function readText(errors: FieldErrorCollector, field: string, value: string, max: number): string {
  if (length(value) > max) errors.add(field, 'commitments.errors.textTooLong', { max });
  return value;
}

/**
 * A stated value from its box: ticked is relevant (1). A box cannot tell "not relevant" from "not stated",
 * so an unticked box keeps a value that was never stated as not stated (null), and records one that was as not relevant (0).
 */
const statedFrom = (ticked: boolean, current: number | null): number | null => (ticked ? 1 : current === null ? null : 0);

/**
 * Checks the fields that need no database. `current` is the commitment being edited (null for a new one): its
 * stated values decide what an unticked box means, and a number it already had (imported, in whatever shape) stands.
 */
export function readCommitmentForm(
  input: CommitmentInput,
  current: Pick<CommitmentsTable, StatedColumn | 'number'> | null,
  errors: FieldErrorCollector,
): CommitmentDraft {
  const title = line(input.title);
  if (title === '') errors.add('title', 'commitments.errors.commitmentTitleRequired');
  else if (length(title) > TITLE_MAX) errors.add('title', 'commitments.errors.titleTooLong', { max: TITLE_MAX });
  const shortTitle = line(input.shortTitle);
  if (length(shortTitle) > TITLE_MAX) errors.add('shortTitle', 'commitments.errors.titleTooLong', { max: TITLE_MAX });
  const number = line(input.number);
  if (number === '') errors.add('number', 'commitments.errors.numberRequired');
  else if (number !== current?.number && (length(number) > NUMBER_MAX || !NUMBER_PATTERN.test(number))) errors.add('number', 'commitments.errors.numberInvalid', { max: NUMBER_MAX });
  const theme = line(input.theme);
  if (length(theme) > THEME_MAX) errors.add('theme', 'commitments.errors.textTooLong', { max: THEME_MAX });

  const start = parseDate(input.startDate);
  const end = parseDate(input.endDate);
  if (start === undefined) errors.add('startDate', 'commitments.errors.dateInvalid');
  if (end === undefined) errors.add('endDate', 'commitments.errors.dateInvalid');
  else if (start && end && end <= start) errors.add('endDate', 'commitments.errors.endNotAfterStart');

  const policyAreas = unique(input.policyAreas);
  if (policyAreas.some((area) => !POLICY_AREAS.has(area))) errors.add('policyAreas', 'commitments.errors.policyAreaUnknown');
  const ticked = new Set(unique(input.statedValues));
  if ([...ticked].some((value) => !(value in STATED_VALUES))) errors.add('statedValues', 'commitments.errors.statedValueUnknown');

  // OGP's data names several lead institutions for some commitments, so the lead is a list too.
  const leadIds = unique(input.lead);
  const supportingIds = unique(input.supporting);
  if (supportingIds.some((id) => leadIds.includes(id))) errors.add('supporting', 'commitments.errors.leadAlsoSupporting');
  const carried = (input.carriedForwardFrom ?? '').trim().toUpperCase();

  const stated = (value: StatedValue): number | null => statedFrom(ticked.has(value), current ? current[STATED_VALUES[value]] : null);
  return {
    columns: {
      number,
      title,
      short_title: shortTitle,
      full_text: readText(errors, 'fullText', block(input.fullText), FULL_TEXT_MAX),
      problem: readText(errors, 'problem', block(input.problem), SECTION_MAX),
      status_quo: readText(errors, 'statusQuo', block(input.statusQuo), SECTION_MAX),
      objective: readText(errors, 'objective', block(input.objective), SECTION_MAX),
      ambition: readText(errors, 'ambition', block(input.ambition), SECTION_MAX),
      theme,
      start_date: start ?? null,
      end_date: end ?? null,
      stated_access_to_information: stated('access_to_information'),
      stated_civic_participation: stated('civic_participation'),
      stated_public_accountability: stated('public_accountability'),
      stated_technology_innovation: stated('technology_innovation'),
    },
    // In the taxonomy's own order, so the same choice is always stored and compared the same way.
    policyAreas: POLICY_AREA_COLUMNS.filter((area) => policyAreas.includes(area)),
    leadIds,
    supportingIds,
    carriedForwardFrom: carried === '' ? null : carried,
  };
}

/** The day `years` before or after an ISO date (29 February falls back to the 28th in other years). */
export function shiftYears(isoDate: string, years: number): string {
  const [year, month, day] = isoDate.slice(0, 10).split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year + years, month - 1, day));
  if (date.getUTCDate() !== day) date.setUTCDate(0);
  return date.toISOString().slice(0, 10);
}

export interface PlanPeriod {
  start_date: string | null;
  end_date: string | null;
}

/**
 * Refuses a date far from the plan's period: a commitment runs within its plan, give or take a year
 * (OGP's data has commitments starting before their plan was submitted and ending after it closed). A date
 * the commitment already had is not judged again, so correcting an imported commitment never trips over it.
 */
export function checkAgainstPlan(columns: Pick<CommitmentColumns, 'start_date' | 'end_date'>, plan: PlanPeriod, kept: Partial<Pick<CommitmentColumns, 'start_date' | 'end_date'>>, errors: FieldErrorCollector): void {
  const earliest = plan.start_date ? shiftYears(plan.start_date, -PLAN_MARGIN_YEARS) : null;
  const latest = plan.end_date ? shiftYears(plan.end_date, PLAN_MARGIN_YEARS) : null;
  const check = (field: string, value: string | null, keptValue: string | null | undefined) => {
    if (value === null || value === keptValue) return;
    if (earliest && value < earliest) errors.add(field, 'commitments.errors.dateBeforePlan', { date: earliest });
    else if (latest && value > latest) errors.add(field, 'commitments.errors.dateAfterPlan', { date: latest });
  };
  check('startDate', columns.start_date, kept.start_date);
  check('endDate', columns.end_date, kept.end_date);
}
