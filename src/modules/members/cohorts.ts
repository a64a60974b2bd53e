// OGP groups members by the parity of the year their action plans fall due: the even-year and the
// odd-year cohorts deliver new plans in alternate years. A member starts in the cohort of the year it
// joined; a late plan can move it to the other one, so the stored cohort may differ from the derived one.

export const COHORTS = ['even', 'odd'] as const;
export type Cohort = (typeof COHORTS)[number];

export const isCohort = (value: unknown): value is Cohort => typeof value === 'string' && (COHORTS as readonly string[]).includes(value);

/** The cohort a member joining in this year starts in; null when the year is not known. */
export const cohortForYear = (year: number | null): Cohort | null => (year === null ? null : year % 2 === 0 ? 'even' : 'odd');
