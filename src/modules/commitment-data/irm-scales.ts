import type { IrmField, MissingCode } from '../../db/irm-fields.ts';

// The IRM's rating scales as OGP's data sheet writes them: each field has a text column ("Moderate") and,
// for most, a numeric twin column whose name starts with "_" ("2"). Values are stored as slugs of the
// labels ('did_not_change'); ND, NR and NA are stored as missing codes, never as values.

/** One step of a scale: the stored slug, the sheet's label and the sheet's numeric code. */
export interface ScaleStep {
  slug: string;
  label: string;
  code: string;
}

export interface IrmScale {
  field: IrmField;
  /** The sheet column holding the label. */
  column: string;
  /** The sheet column holding the numeric code, when the sheet has one. */
  codeColumn: string | null;
  steps: readonly ScaleStep[];
  /** Other spellings the sheet uses for a step (e.g. "1" for Yes in Verifiable). */
  aliases?: Readonly<Record<string, string>>;
  /** The code the code column holds for "not applicable", when it differs from "NA" (the DIOG values use 0). */
  notApplicableCode?: string;
}

const step = (slug: string, label: string, code: string): ScaleStep => ({ slug, label, code });

// 0/1 flags. The sheet writes them as 1 and 0; the stored slugs are 'yes' and 'no'.
const FLAG_STEPS = [step('yes', '1', '1'), step('no', '0', '0')];
const flag = (field: IrmField, column: string): IrmScale => ({ field, column, codeColumn: null, steps: FLAG_STEPS });

// The per-value "did it open government" columns code Not Applicable as 0 and shift the scale up by one.
const DIOG_VALUE_STEPS = [
  step('worsens', 'Worsens', '1'),
  step('did_not_change', 'Did Not Change', '2'),
  step('marginal', 'Marginal', '3'),
  step('major', 'Major', '4'),
  step('outstanding', 'Outstanding', '5'),
];

/** Every IRM field of the sheet, in column order. */
export const IRM_SCALES: readonly IrmScale[] = [
  {
    field: 'specificity',
    column: 'Specificity',
    codeColumn: '_Specificity',
    steps: [step('none', 'None', '0'), step('low', 'Low', '1'), step('medium', 'Medium', '2'), step('high', 'High', '3')],
  },
  {
    field: 'verifiable',
    column: 'Verifiable',
    codeColumn: null,
    steps: [step('yes', 'Yes', '1'), step('no', 'No', '0')],
    aliases: { '1': 'yes', '0': 'no' },
  },
  flag('relevance_access_to_information', 'OGP Value Access To Information'),
  flag('relevance_civic_participation', 'OGP Value Civic Participation'),
  flag('relevance_public_accountability', 'OGP Value Public Accountability'),
  flag('relevance_technology_innovation', 'OGP Value Technology'),
  {
    field: 'potential_impact',
    column: 'Potential Impact',
    codeColumn: '_Potential Impact',
    steps: [step('none', 'None', '0'), step('minor', 'Minor', '1'), step('moderate', 'Moderate', '2'), step('transformative', 'Transformative', '3')],
  },
  {
    field: 'completion_progress',
    column: 'Completion (Progress Report)',
    codeColumn: '_CompletionProgress',
    steps: [
      step('withdrawn', 'Withdrawn', '0'),
      step('not_started', 'Not Started', '2'),
      step('limited', 'Limited', '3'),
      step('substantial', 'Substantial', '4'),
      step('complete', 'Complete', '5'),
    ],
  },
  {
    field: 'potential_for_results',
    column: 'Potential for Results',
    codeColumn: '_Potential for Results',
    steps: [step('unclear', 'Unclear', '0'), step('modest', 'Modest', '1'), step('substantial', 'Substantial', '2')],
  },
  {
    field: 'completion_end_of_term',
    column: 'Completion (End Of Term)',
    codeColumn: '_CompletionEndTerm',
    steps: [
      step('unclear', 'Unclear', '1'),
      step('not_started', 'Not Started', '2'),
      step('limited', 'Limited', '3'),
      step('substantial', 'Substantial', '4'),
      step('complete', 'Complete', '5'),
    ],
  },
  {
    // The code column holds the difference in completion steps (-2…2), not a code for the label.
    field: 'change_in_completion',
    column: 'Change In Completion',
    codeColumn: '_ChangeCompletion',
    steps: [step('decrease', 'Decrease', '-1'), step('no_change', 'No Change', '0'), step('increase', 'Increase', '1')],
  },
  {
    field: 'early_results',
    column: 'Early Results',
    codeColumn: '_Early Results',
    steps: [step('no_notable_results', 'No notable results', '0'), step('moderate', 'Moderate', '1'), step('significant', 'Significant', '2')],
  },
  {
    field: 'did_it_open_government',
    column: 'Did It Open Government (Overall)',
    codeColumn: '_OpenGovernment',
    steps: [
      step('worsens', 'Worsens', '0'),
      step('did_not_change', 'Did Not Change', '1'),
      // The Results Report's answer before any results exist; the sheet codes it like "did not change".
      step('no_early_results_to_report_yet', 'No early results to report yet', '1'),
      step('marginal', 'Marginal', '2'),
      step('major', 'Major', '3'),
      step('outstanding', 'Outstanding', '4'),
    ],
  },
  { field: 'diog_access_to_information', column: 'Did It Open Government (Access To Information)', codeColumn: '_DIOGATI', steps: DIOG_VALUE_STEPS, notApplicableCode: '0' },
  { field: 'diog_civic_participation', column: 'Did It Open Government (Civic Participation)', codeColumn: '_DIOGCP', steps: DIOG_VALUE_STEPS, notApplicableCode: '0' },
  { field: 'diog_public_accountability', column: 'Did It Open Government: Public Accountability', codeColumn: '_DIOGPA', steps: DIOG_VALUE_STEPS, notApplicableCode: '0' },
  flag('carried_forward', 'Carried Forward'),
];

/** ND, NR and NA as the sheet writes them; "Not Applicable" is how the DIOG columns spell NA. */
const MISSING_SPELLINGS: Readonly<Record<string, MissingCode>> = {
  nd: 'no_data',
  nr: 'not_reviewed',
  na: 'not_applicable',
  'not applicable': 'not_applicable',
};

export const MISSING_TO_SHEET: Readonly<Record<MissingCode, string>> = { no_data: 'ND', not_reviewed: 'NR', not_applicable: 'NA' };

/** A rating as read: a value slug, a missing code, or neither when the cell is blank. */
export interface Rating {
  value: string | null;
  missing: MissingCode | null;
}

export const BLANK: Rating = { value: null, missing: null };

/** ND/NR/NA (any case) as a missing code; undefined for anything else. */
export function parseMissing(cell: string): MissingCode | undefined {
  return MISSING_SPELLINGS[cell.trim().toLowerCase()];
}

/** A cell of a scale's text column as a rating; a string problem when the text is not on the scale. */
export function parseRating(scale: IrmScale, cell: string): Rating | { unknown: string } {
  const text = cell.trim();
  if (text === '') return BLANK;
  const missing = parseMissing(text);
  if (missing) return { value: null, missing };
  const lower = text.toLowerCase();
  const alias = scale.aliases?.[text];
  if (alias) return { value: alias, missing: null };
  const found = scale.steps.find((s) => s.label.toLowerCase() === lower);
  return found ? { value: found.slug, missing: null } : { unknown: text };
}

/** The text column's cell for a stored rating. */
export function ratingLabel(scale: IrmScale, rating: Rating): string {
  if (rating.missing) return rating.missing === 'not_applicable' && scale.notApplicableCode !== undefined ? 'Not Applicable' : MISSING_TO_SHEET[rating.missing];
  if (rating.value === null) return '';
  return scale.steps.find((s) => s.slug === rating.value)?.label ?? rating.value;
}

/** The code column's cell for a stored rating. */
export function ratingCode(scale: IrmScale, rating: Rating): string {
  if (rating.missing) return rating.missing === 'not_applicable' && scale.notApplicableCode !== undefined ? scale.notApplicableCode : MISSING_TO_SHEET[rating.missing];
  if (rating.value === null) return '';
  return scale.steps.find((s) => s.slug === rating.value)?.code ?? '';
}

export const sameRating = (a: Rating, b: Rating): boolean => a.value === b.value && a.missing === b.missing;
