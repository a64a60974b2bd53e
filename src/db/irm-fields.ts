/**
 * The IRM fields of a commitment as OGP's data sheet records them (the 20261127180000 migration
 * created one pair of columns for each). Each has a value column holding a slug such as 'moderate'
 * and a `_missing` twin holding 'no_data', 'not_reviewed' or 'not_applicable': ND, NR and NA are never values.
 */
export const IRM_FIELDS = [
  'specificity',
  'verifiable',
  'relevance_access_to_information',
  'relevance_civic_participation',
  'relevance_public_accountability',
  'relevance_technology_innovation',
  'potential_impact',
  'completion_progress',
  'potential_for_results',
  'completion_end_of_term',
  'change_in_completion',
  'early_results',
  'did_it_open_government',
  'diog_access_to_information',
  'diog_civic_participation',
  'diog_public_accountability',
  'carried_forward',
] as const;
export type IrmField = (typeof IRM_FIELDS)[number];

export const MISSING_CODES = ['no_data', 'not_reviewed', 'not_applicable'] as const;
export type MissingCode = (typeof MISSING_CODES)[number];
