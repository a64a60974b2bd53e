/**
 * How an actual compares with its target for one period.
 *
 * - no_data: there is no actual (the indicator has no data source yet, or nothing is recorded for the period);
 * - no_target: there is an actual but the plan sets no target for exactly this period;
 * - not_compared: the target is qualitative (a descriptor, no number) or the indicator is qualitative,
 *   so no status is claimed;
 * - otherwise, with a margin of 10 % of the target (all the strategy's indicators count up, more is better):
 *   ahead when the actual reaches 110 % of the target or more, on_track from 90 % up to that, behind below
 *   90 %. A target of 0 is met exactly (on track) and beaten by anything above it (ahead).
 *
 * A period that has not ended yet is judged on the actual so far, so it may show behind until it ends.
 */
export const STATUSES = ['ahead', 'on_track', 'behind', 'no_target', 'not_compared', 'no_data'] as const;
export type IndicatorStatus = (typeof STATUSES)[number];

/** 10 %: a tenth of the target either side of it is "on track". */
export const STATUS_MARGIN = 0.1;

export interface TargetForStatus {
  /** Null for a qualitative target (a descriptor only). */
  numberOfUnits: number | null;
}

export function indicatorStatus(target: TargetForStatus | null, actual: number | null, qualitative = false): IndicatorStatus {
  if (actual === null) return 'no_data';
  if (target === null) return 'no_target';
  if (qualitative || target.numberOfUnits === null) return 'not_compared';
  const goal = target.numberOfUnits;
  if (actual === goal) return 'on_track';
  const margin = STATUS_MARGIN * Math.abs(goal);
  // Decimal targets are not exact in binary: 0.33 against 0.3 is 110 %, though 0.3 + 0.03 is 0.33000000000000007.
  const slack = Math.abs(goal) * 1e-9;
  if (actual >= goal + margin - slack) return 'ahead';
  if (actual >= goal - margin - slack) return 'on_track';
  return 'behind';
}
