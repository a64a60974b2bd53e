import type { IrmField, MissingCode } from '../../db/irm-fields.ts';
import type { Rating } from './irm-scales.ts';

// Starred commitments (domain reference, "Starred commitment"). All four conditions must hold:
//   1. specificity Medium or High, or Verifiable = Yes;
//   2. relevant to access to information, civic participation or public accountability;
//   3. potential impact at the formula's threshold: Moderate or Transformative under '2015',
//      Transformative under 'current';
//   4. completion Substantial or Complete in the report concerned.
// A condition can also be unknown, when the rating it needs is ND, NR or NA. As OGP's sheet does:
//   - without the report's completion there is no star, whatever else holds (the star takes the
//     completion's missing code);
//   - otherwise one failed condition settles it (0), even if another is unknown;
//   - otherwise an unknown condition leaves the star unknown, with that rating's missing code.

export const STAR_FORMULAS = ['2015', 'current'] as const;
export type StarFormula = (typeof STAR_FORMULAS)[number];
export const STAR_REPORTS = ['progress', 'end_of_term'] as const;
export type StarReport = (typeof STAR_REPORTS)[number];

export interface StarResult {
  formula: StarFormula;
  report: StarReport;
  starred: 0 | 1 | null;
  missing: MissingCode | null;
}

export type Ratings = Readonly<Record<IrmField, Rating>>;

/** True, false, or unknown with the code of the rating that is missing. */
type Truth = boolean | MissingCode;

function holds(rating: Rating, test: (value: string) => boolean): Truth {
  if (rating.missing) return rating.missing;
  // A blank cell says nothing either; it is treated as "no data".
  if (rating.value === null) return 'no_data';
  return test(rating.value);
}

function any(...truths: Truth[]): Truth {
  if (truths.includes(true)) return true;
  return truths.find((t): t is MissingCode => typeof t === 'string') ?? false;
}

function all(...truths: Truth[]): Truth {
  if (truths.includes(false)) return false;
  return truths.find((t): t is MissingCode => typeof t === 'string') ?? true;
}

const IMPACT_THRESHOLD: Record<StarFormula, ReadonlySet<string>> = {
  '2015': new Set(['moderate', 'transformative']),
  current: new Set(['transformative']),
};

export function computeStar(ratings: Ratings, formula: StarFormula, report: StarReport): StarResult {
  const completion = holds(report === 'progress' ? ratings.completion_progress : ratings.completion_end_of_term, (v) => v === 'substantial' || v === 'complete');
  if (typeof completion === 'string') return { formula, report, starred: null, missing: completion };
  const specific = any(
    holds(ratings.specificity, (v) => v === 'medium' || v === 'high'),
    holds(ratings.verifiable, (v) => v === 'yes'),
  );
  const relevant = any(
    holds(ratings.relevance_access_to_information, (v) => v === 'yes'),
    holds(ratings.relevance_civic_participation, (v) => v === 'yes'),
    holds(ratings.relevance_public_accountability, (v) => v === 'yes'),
  );
  const impact = holds(ratings.potential_impact, (v) => IMPACT_THRESHOLD[formula].has(v));
  const result = all(specific, relevant, impact, completion);
  if (typeof result === 'string') return { formula, report, starred: null, missing: result };
  return { formula, report, starred: result ? 1 : 0, missing: null };
}

/** Every star the platform keeps: both formulas for both reports. */
export function computeStars(ratings: Ratings): StarResult[] {
  return STAR_FORMULAS.flatMap((formula) => STAR_REPORTS.map((report) => computeStar(ratings, formula, report)));
}

/** The three stars OGP's sheet records, with the column each sits in. */
export const SHEET_STARS: ReadonlyArray<{ column: string; formula: StarFormula; report: StarReport }> = [
  { column: 'Starred (2015 Only)', formula: '2015', report: 'progress' },
  { column: 'Starred (Current Formula) Progress Report', formula: 'current', report: 'progress' },
  { column: 'Starred (Current Formula) End of Term', formula: 'current', report: 'end_of_term' },
];
