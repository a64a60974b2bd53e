import type { MissingCode } from '../../db/irm-fields.ts';
import { MISSING_TO_SHEET } from './irm-scales.ts';
import type { SheetCommitment } from './sheet-row.ts';
import { computeStar } from './stars.ts';

// The platform computes stars from the ratings (stars.ts) and stores those. The sheet has its own star
// columns; where they say something else, the import reports it rather than quietly taking either side.

/**
 * Why a sheet's star and the computed one differ:
 * - after_2020: the sheet gives no star for a report published in 2021 or later, though the ratings are
 *   there; the IRM's reports from then on do not award stars, the formula still gives a result;
 * - without_completion: the sheet gives 0 or 1 although the report's completion is ND, NR or NA;
 * - missing_code: both say there is no star, with different codes (the sheet writes ND or NA for the
 *   same unassessed completion);
 * - value: anything else, a real contradiction between the sheet and the formula.
 */
export type DisagreementReason = 'after_2020' | 'without_completion' | 'missing_code' | 'value';

export interface StarDisagreement {
  row: number;
  ogpId: string;
  column: string;
  sheet: string;
  computed: string;
  reason: DisagreementReason;
}

const STARS_LAST_AWARDED = 2020;

const cell = (starred: 0 | 1 | null, missing: MissingCode | null): string => (starred !== null ? String(starred) : missing ? MISSING_TO_SHEET[missing] : '');

/** The sheet's star columns set against the formulas, one entry per cell that differs. */
export function checkSheetStars(row: number, sheet: SheetCommitment): StarDisagreement[] {
  const found: StarDisagreement[] = [];
  for (const star of sheet.sheetStars) {
    const computed = computeStar(sheet.ratings, star.formula, star.report);
    if (computed.starred === star.starred && computed.missing === star.missing) continue;
    const year = star.report === 'progress' ? sheet.progressReportYear : sheet.endOfTermReportYear;
    let reason: DisagreementReason = 'value';
    if (star.starred === null && computed.starred !== null && year !== null && year > STARS_LAST_AWARDED) reason = 'after_2020';
    else if (star.starred !== null && computed.starred === null) reason = 'without_completion';
    else if (star.starred === null && computed.starred === null) reason = 'missing_code';
    found.push({ row, ogpId: sheet.ogpId, column: star.column, sheet: cell(star.starred, star.missing), computed: cell(computed.starred, computed.missing), reason });
  }
  return found;
}
