import type { IrmField, MissingCode } from '../../db/irm-fields.ts';
import { IMPLEMENTATION_STATUSES } from '../commitments/commitment-status.ts';

// The explorer's facets: what each one filters on and how its values are named in the address.
// Selecting several values of one facet widens (OR); selecting in several facets narrows (AND).

/** The IRM ratings offered as facets, each with its scale in the IRM's own order. */
export const IRM_FACETS = [
  { name: 'potentialImpact', field: 'potential_impact', scale: ['none', 'minor', 'moderate', 'transformative'] },
  { name: 'potentialForResults', field: 'potential_for_results', scale: ['unclear', 'modest', 'substantial'] },
  { name: 'completionProgress', field: 'completion_progress', scale: ['withdrawn', 'not_started', 'limited', 'substantial', 'complete'] },
  { name: 'completionEndOfTerm', field: 'completion_end_of_term', scale: ['unclear', 'not_started', 'limited', 'substantial', 'complete'] },
  {
    name: 'didItOpenGovernment',
    field: 'did_it_open_government',
    scale: ['worsens', 'did_not_change', 'no_early_results_to_report_yet', 'marginal', 'major', 'outstanding'],
  },
  { name: 'earlyResults', field: 'early_results', scale: ['no_notable_results', 'moderate', 'significant'] },
] as const satisfies ReadonlyArray<{ name: string; field: IrmField; scale: readonly string[] }>;

/** Stars, one facet per formula and report, as commitment_stars records them. */
export const STAR_FACETS = [
  { name: 'starred2015Progress', formula: '2015', report: 'progress' },
  { name: 'starredCurrentProgress', formula: 'current', report: 'progress' },
  { name: 'starredCurrentEndOfTerm', formula: 'current', report: 'end_of_term' },
  { name: 'starred2015EndOfTerm', formula: '2015', report: 'end_of_term' },
] as const;

/** The four OGP values, each an IRM relevance flag; 'yes' is how a relevant commitment is recorded. */
export const OGP_VALUES = [
  { value: 'access_to_information', field: 'relevance_access_to_information' },
  { value: 'civic_participation', field: 'relevance_civic_participation' },
  { value: 'public_accountability', field: 'relevance_public_accountability' },
  { value: 'technology_innovation', field: 'relevance_technology_innovation' },
] as const satisfies ReadonlyArray<{ value: string; field: IrmField }>;
export const RELEVANT = 'yes';

export const FACET_NAMES = [
  'member',
  'region',
  'memberType',
  'theme',
  'value',
  'status',
  'period',
  ...IRM_FACETS.map((f) => f.name),
  ...STAR_FACETS.map((f) => f.name),
] as const;
export type FacetName = (typeof FACET_NAMES)[number];
export const isFacetName = (value: unknown): value is FacetName => typeof value === 'string' && (FACET_NAMES as readonly string[]).includes(value);

/** policy_area tags are the sheet's taxonomy columns; the theme facet offers them. */
export const THEME_VOCABULARY = 'policy_area';

export const STATUS_ORDER: readonly string[] = IMPLEMENTATION_STATUSES;

/**
 * ND, NR and NA as the sheet writes them: a rating facet's buckets for commitments the IRM gave no value,
 * in capitals so they can never be mistaken for a value's lower-case slug.
 */
export const MISSING_TOKENS: Readonly<Record<MissingCode, string>> = { no_data: 'ND', not_reviewed: 'NR', not_applicable: 'NA' };
const MISSING_BY_TOKEN = new Map(Object.entries(MISSING_TOKENS).map(([code, token]) => [token, code as MissingCode]));

export const missingCodeOf = (token: string): MissingCode | undefined => MISSING_BY_TOKEN.get(token);

export const SORTS = ['relevance', 'newest', 'title', 'member'] as const;
export type Sort = (typeof SORTS)[number];
export const isSort = (value: unknown): value is Sort => typeof value === 'string' && (SORTS as readonly string[]).includes(value);
