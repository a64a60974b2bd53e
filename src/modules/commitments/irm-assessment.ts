import type { IrmField, MissingCode } from '../../db/irm-fields.ts';
import type { CommitmentStarsTable, IrmAssessmentsTable } from '../../db/schema.ts';
import type { Translate } from '../../platform/i18n.ts';

// The IRM's assessment of a commitment in plain words: every field labelled, every value named in
// the reader's language, and ND, NR and NA said as what they are rather than shown as values.

/** The fields in the order the IRM's reports give them, grouped by the report that assesses them. */
const SECTIONS: ReadonlyArray<{ report: 'progress' | 'review' | 'end_of_term'; fields: readonly IrmField[] }> = [
  {
    report: 'progress',
    fields: [
      'specificity',
      'verifiable',
      'relevance_access_to_information',
      'relevance_civic_participation',
      'relevance_public_accountability',
      'relevance_technology_innovation',
      'potential_impact',
      'completion_progress',
    ],
  },
  { report: 'review', fields: ['potential_for_results'] },
  {
    report: 'end_of_term',
    fields: [
      'completion_end_of_term',
      'change_in_completion',
      'early_results',
      'did_it_open_government',
      'diog_access_to_information',
      'diog_civic_participation',
      'diog_public_accountability',
      'carried_forward',
    ],
  },
];

/** Yes/no fields, which the data sheet records as 1 and 0. */
const FLAGS: ReadonlySet<IrmField> = new Set([
  'verifiable',
  'relevance_access_to_information',
  'relevance_civic_participation',
  'relevance_public_accountability',
  'relevance_technology_innovation',
  'carried_forward',
]);

const YES = new Set(['1', 'yes', 'true']);
const NO = new Set(['0', 'no', 'false']);

export interface IrmRow {
  label: string;
  value: string;
  /** True when the value is one of the missing codes or nothing at all, so the page can set it apart. */
  missing: boolean;
}

export interface IrmSection {
  /** 'progress', 'review' or 'end_of_term'. */
  report: string;
  heading: string;
  rows: IrmRow[];
}

/** A stored slug in the shape the vocabulary keys use, whatever case or separators it arrived with. */
const slugOf = (value: string): string =>
  value
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');

/** An unknown slug as words, so a value outside the vocabulary is still shown rather than lost. */
const humanise = (value: string): string => {
  const words = value.trim().replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

const missingLabel = (t: Translate, code: MissingCode | null): string => t(`commitments.irm.missing.${code ?? 'unrecorded'}`);

function valueLabel(t: Translate, field: IrmField, value: string): string {
  const slug = slugOf(value);
  if (FLAGS.has(field) && YES.has(slug)) return t('common.yes');
  if (FLAGS.has(field) && NO.has(slug)) return t('common.no');
  return t(`commitments.irm.values.${slug}`, { defaultValue: humanise(value) });
}

function fieldRow(t: Translate, irm: IrmAssessmentsTable, field: IrmField): IrmRow {
  const value = irm[field];
  const label = t(`commitments.irm.fields.${field}`);
  if (value === null || value.trim() === '') return { label, value: missingLabel(t, irm[`${field}_missing`]), missing: true };
  return { label, value: valueLabel(t, field, value), missing: false };
}

function starRow(t: Translate, star: CommitmentStarsTable): IrmRow {
  const label = t('commitments.irm.starLabel', {
    formula: t(`commitments.irm.formulas.${star.formula}`, { defaultValue: star.formula }),
    report: t(`commitments.irm.reports.${star.report}`, { defaultValue: star.report }),
  });
  if (star.starred === null) return { label, value: missingLabel(t, star.missing), missing: true };
  return { label, value: t(star.starred === 1 ? 'commitments.irm.starred' : 'commitments.irm.notStarred'), missing: false };
}

const FORMULA_ORDER = ['2015', 'current'];

/** The assessment as sections of labelled rows; empty when the IRM has not assessed the commitment at all. */
export function describeIrmAssessment(t: Translate, irm: IrmAssessmentsTable | undefined, stars: readonly CommitmentStarsTable[]): IrmSection[] {
  if (!irm && stars.length === 0) return [];
  const ordered = [...stars].sort((a, b) => FORMULA_ORDER.indexOf(a.formula) - FORMULA_ORDER.indexOf(b.formula) || a.formula.localeCompare(b.formula));
  return SECTIONS.map(({ report, fields }) => {
    const year = report === 'progress' ? irm?.progress_report_year : report === 'end_of_term' ? irm?.end_of_term_report_year : null;
    const heading = year ? t(`commitments.irm.sections.${report}Year`, { year }) : t(`commitments.irm.sections.${report}`);
    const rows = irm ? fields.map((field) => fieldRow(t, irm, field)) : [];
    // The stars of the design-era reports; the Action Plan Review awards none.
    const starReport = report === 'review' ? null : report;
    rows.push(...ordered.filter((star) => star.report === starReport).map((star) => starRow(t, star)));
    return { report, heading, rows };
  }).filter((section) => section.rows.length > 0);
}
