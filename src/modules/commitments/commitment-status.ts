/**
 * How far a commitment or a milestone has got, on the IRM's completion scale, so government
 * reports and IRM assessments speak the same language. 'withdrawn' ends a commitment early.
 */
export const IMPLEMENTATION_STATUSES = ['not_started', 'limited', 'substantial', 'complete', 'withdrawn'] as const;
export type ImplementationStatus = (typeof IMPLEMENTATION_STATUSES)[number];
export const isImplementationStatus = (value: unknown): value is ImplementationStatus =>
  typeof value === 'string' && (IMPLEMENTATION_STATUSES as readonly string[]).includes(value);

/** A member's standing in OGP; every change is kept in member_status_history. */
export const MEMBER_STATUSES = ['active', 'procedural_review', 'inactive', 'withdrawn'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

/** An action plan's stage in its two-year cycle. */
export const PLAN_STATUSES = ['drafting', 'consultation', 'submitted', 'implementation', 'completed'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

/** The four regions as OGP's data names them. */
export const REGIONS = ['Africa and the Middle East', 'Americas', 'Asia and the Pacific', 'Europe'] as const;
export type Region = (typeof REGIONS)[number];
