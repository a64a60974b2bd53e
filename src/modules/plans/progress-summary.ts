import { IMPLEMENTATION_STATUSES } from '../commitments/commitment-status.ts';

// A set of commitments (a plan's, a member's) summed up from one grouped query: how many stand at each
// implementation status, and their average progress. Withdrawn commitments are counted but left out
// of the average, as they are no longer being delivered; commitments that report no percentage are
// left out too, and the summary says how many the average rests on.

export interface StatusGroup {
  status: string;
  count: number;
  /** How many of them have a progress percentage. */
  withPercent: number;
  /** The sum of those percentages. */
  percentSum: number;
}

export interface ProgressSummary {
  total: number;
  /** Every known status in the scale's order, zero counts included, then any status outside it. */
  byStatus: Array<{ status: string; count: number }>;
  /** Whole percent, or null when no commitment being delivered reports one. */
  averagePercent: number | null;
  /** How many commitments the average is taken over. */
  averagedOver: number;
}

export function summariseProgress(groups: readonly StatusGroup[]): ProgressSummary {
  const counts = new Map<string, number>(IMPLEMENTATION_STATUSES.map((status) => [status, 0]));
  let total = 0;
  let averagedOver = 0;
  let percentSum = 0;
  for (const group of groups) {
    counts.set(group.status, (counts.get(group.status) ?? 0) + group.count);
    total += group.count;
    if (group.status === 'withdrawn') continue;
    averagedOver += group.withPercent;
    percentSum += group.percentSum;
  }
  return {
    total,
    byStatus: [...counts].map(([status, count]) => ({ status, count })),
    averagePercent: averagedOver > 0 ? Math.round(percentSum / averagedOver) : null,
    averagedOver,
  };
}
