import type { IrmField, MissingCode } from '../db/irm-fields.ts';
import type { Rating } from '../modules/commitment-data/irm-scales.ts';
import type { Ratings } from '../modules/commitment-data/stars.ts';
import { type Random, weights } from './random.ts';

/**
 * Synthetic IRM assessments with the distributions of OGP's own sheet (counted per era from
 * g0v-ogp-commitments_open_parliament_0703.csv), including how often a field is ND (no data), NR (not reviewed)
 * or NA (not applicable). Stars are then computed from the ratings by the platform's own rules, never drawn.
 * Values are the sheet's labels as slugs ('did_not_change'); missing codes go in the `_missing` twin.
 */
export type Assessment = Record<IrmField, string>;

const MISSING = new Set<string>(['no_data', 'not_reviewed', 'not_applicable']);
export const isMissing = (value: string): value is MissingCode => MISSING.has(value);

export interface PlanTiming {
  /** Year the plan was submitted; 2020 onwards is the Action Plan Review / Results Report era. */
  submittedYear: number;
  startYear: number;
  endYear: number;
  /** The year "today" is, for deciding which reports exist yet. */
  currentYear: number;
}

export interface IrmResult {
  assessment: Assessment;
  progressReportYear: number | null;
  endOfTermReportYear: number | null;
}

const SPECIFICITY = weights({ none: 1, low: 9, medium: 28, high: 35 });
const IMPACT = weights({ none: 4, minor: 28, moderate: 45, transformative: 22 });
const COMPLETION_PROGRESS = weights({ withdrawn: 1, not_started: 11, limited: 37, substantial: 31, complete: 19 });
const END_OF_TERM_WITHOUT_PROGRESS = weights({ not_started: 7, limited: 30, substantial: 38, complete: 24, unclear: 1 });
const COMPLETION_STEPS = ['not_started', 'limited', 'substantial', 'complete'] as const;
const DIOG = weights({ worsens: 1, did_not_change: 42, marginal: 35, major: 18, outstanding: 4 });
const POTENTIAL_FOR_RESULTS = weights({ unclear: 13, modest: 57, substantial: 30 });
const COMPLETION_RESULTS = weights({ unclear: 1, not_started: 6, limited: 47, substantial: 33, complete: 13 });
const EARLY_RESULTS = weights({ no_notable_results: 70, moderate: 20, significant: 10 });
const DIOG_RESULTS = weights({ no_early_results_to_report_yet: 40, did_not_change: 5, marginal: 40, major: 13, outstanding: 2 });

const yesNo = (random: Random, yes: number): string => (random.chance(yes) ? 'yes' : 'no');

function allMissing(code: MissingCode): Assessment {
  return {
    specificity: code,
    verifiable: code,
    relevance_access_to_information: code,
    relevance_civic_participation: code,
    relevance_public_accountability: code,
    relevance_technology_innovation: code,
    potential_impact: code,
    completion_progress: code,
    potential_for_results: code,
    completion_end_of_term: code,
    change_in_completion: code,
    early_results: code,
    did_it_open_government: code,
    diog_access_to_information: code,
    diog_civic_participation: code,
    diog_public_accountability: code,
    carried_forward: code,
  };
}

function changeInCompletion(before: string, after: string): string {
  if (isMissing(before)) return before;
  if (isMissing(after)) return after;
  const rank = (v: string): number => COMPLETION_STEPS.indexOf(v as (typeof COMPLETION_STEPS)[number]);
  if (rank(before) < 0 || rank(after) < 0) return 'not_applicable';
  return rank(after) > rank(before) ? 'increase' : rank(after) < rank(before) ? 'decrease' : 'no_change';
}

/** 2012–2019: progress report about 18 months in, end-of-term report after the plan. */
function assessOldEra(random: Random, timing: PlanTiming): IrmResult {
  const progressYear = timing.startYear + 1 + (random.chance(0.3) ? 1 : 0);
  const endYear = timing.endYear + 1;
  // About one commitment in six was never assessed by the IRM.
  if (progressYear > timing.currentYear || random.chance(0.16)) return { assessment: allMissing('no_data'), progressReportYear: null, endOfTermReportYear: null };
  const a = allMissing('no_data');
  // Specificity was replaced by "verifiable" in 2017.
  a.specificity = progressYear < 2017 ? random.weighted(SPECIFICITY) : 'no_data';
  a.verifiable = yesNo(random, 0.9);
  a.relevance_access_to_information = yesNo(random, 0.71);
  a.relevance_civic_participation = yesNo(random, 0.44);
  a.relevance_public_accountability = yesNo(random, 0.29);
  a.relevance_technology_innovation = yesNo(random, 0.26);
  a.potential_impact = random.weighted(IMPACT);
  a.completion_progress = random.chance(0.09) ? 'not_applicable' : random.weighted(COMPLETION_PROGRESS);
  a.potential_for_results = 'no_data';
  a.early_results = 'no_data';
  const hasEndOfTerm = endYear <= timing.currentYear && random.chance(0.8);
  if (hasEndOfTerm) {
    const start = COMPLETION_STEPS.indexOf(a.completion_progress as (typeof COMPLETION_STEPS)[number]);
    // Work goes on after the progress report: completion moves up a step about half the time.
    a.completion_end_of_term =
      start >= 0 ? COMPLETION_STEPS[Math.min(3, start + (random.chance(0.45) ? 1 : 0))]! : random.weighted(END_OF_TERM_WITHOUT_PROGRESS);
    a.change_in_completion = changeInCompletion(a.completion_progress, a.completion_end_of_term);
    a.did_it_open_government = random.weighted(DIOG);
    a.diog_access_to_information = a.relevance_access_to_information === 'yes' ? random.weighted(DIOG) : 'not_applicable';
    a.diog_civic_participation = a.relevance_civic_participation === 'yes' ? random.weighted(DIOG) : 'not_applicable';
    a.diog_public_accountability = a.relevance_public_accountability === 'yes' ? random.weighted(DIOG) : 'not_applicable';
    a.carried_forward = yesNo(random, 0.27);
  }
  return { assessment: a, progressReportYear: progressYear, endOfTermReportYear: hasEndOfTerm ? endYear : null };
}

/** 2020 onwards: Action Plan Review (potential for results), then the Results Report after the plan. */
function assessNewEra(random: Random, timing: PlanTiming): IrmResult {
  // A fifth of commitments were not reviewed individually (clustered or out of scope): NR throughout.
  if (random.chance(0.2)) return { assessment: allMissing('not_reviewed'), progressReportYear: null, endOfTermReportYear: null };
  const reviewYear = timing.startYear + (random.chance(0.5) ? 0 : 1);
  if (reviewYear > timing.currentYear) return { assessment: allMissing('no_data'), progressReportYear: null, endOfTermReportYear: null };
  const a = allMissing('no_data');
  a.verifiable = yesNo(random, 0.97);
  if (random.chance(0.3)) {
    a.relevance_access_to_information = yesNo(random, 0.8);
    a.relevance_civic_participation = yesNo(random, 0.75);
    a.relevance_public_accountability = yesNo(random, 0.15);
    a.relevance_technology_innovation = 'no';
    a.potential_impact = random.weighted(IMPACT);
  }
  a.potential_for_results = random.weighted(POTENTIAL_FOR_RESULTS);
  const resultsYear = timing.endYear + 1;
  const hasResults = resultsYear <= timing.currentYear && random.chance(0.85);
  if (hasResults) {
    a.completion_end_of_term = random.weighted(COMPLETION_RESULTS);
    a.early_results = random.weighted(EARLY_RESULTS);
    a.did_it_open_government = random.weighted(DIOG_RESULTS);
  }
  return { assessment: a, progressReportYear: reviewYear, endOfTermReportYear: hasResults ? resultsYear : null };
}

export function assessCommitment(random: Random, timing: PlanTiming): IrmResult {
  return timing.submittedYear < 2020 ? assessOldEra(random, timing) : assessNewEra(random, timing);
}

/** The ratings as the platform's star rules read them: a value, or a missing code. */
export function toRatings(a: Assessment): Ratings {
  const ratings = {} as Record<IrmField, Rating>;
  for (const [field, value] of Object.entries(a) as Array<[IrmField, string]>) {
    ratings[field] = isMissing(value) ? { value: null, missing: value } : { value, missing: null };
  }
  return ratings;
}
