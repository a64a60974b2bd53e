import { type ImplementationStatus, isImplementationStatus } from './commitment-status.ts';

// How far a commitment has got, worked out from its milestones or, without any, from what its
// government last reported. Pure, so the rules can be read and tested on their own:
//
// - A withdrawn milestone is left out: it is no longer a deliverable, so it neither drags the
//   commitment down (counting as 0 %) nor props it up (counting as done). The others share 100 %
//   in proportion to their weights: weights 2, 1, 1 count for 50 %, 25 % and 25 %.
// - A milestone's status outranks its percentage: a complete one counts 100 %, a not-started one 0 %,
//   and one in progress at most 99 %, so the commitment is at 100 % exactly when every milestone is complete.
// - The commitment's status follows: every milestone complete → complete; none started → not started;
//   otherwise substantial from half way (SUBSTANTIAL_FROM) and limited below it.
// - A government's own statement that the commitment is withdrawn (its latest commitment-wide update)
//   outranks the milestones; a later update with any other status reinstates it.
// - Without milestones that count, the latest commitment-wide update gives status and percentage.
//   If every milestone was withdrawn and nothing was reported, the commitment is withdrawn.

export const SUBSTANTIAL_FROM = 50;

export interface MilestoneProgress {
  status: string;
  percentComplete: number;
  weight: number;
}

export interface ReportedProgress {
  status: string;
  percentComplete: number;
}

export type ProgressBasis = 'milestones' | 'update' | 'none';

export interface RolledUpProgress {
  status: ImplementationStatus;
  /** Whole percent, 0–100; null when nothing says how far it has got. */
  percent: number | null;
  /** What the figure comes from; 'none' means nothing does, and the stored values should stay as they are. */
  basis: ProgressBasis;
}

const clamp = (value: number, low: number, high: number): number => Math.min(high, Math.max(low, Number.isFinite(value) ? value : low));

const counts = (milestone: MilestoneProgress): boolean => milestone.status !== 'withdrawn';

/** The part of the whole each milestone counts for (0–1), in the order given; withdrawn ones count 0. */
export function milestoneShares(milestones: readonly MilestoneProgress[]): number[] {
  const weights = milestones.map((m) => (counts(m) && Number.isFinite(m.weight) && m.weight > 0 ? m.weight : 0));
  const total = weights.reduce((sum, w) => sum + w, 0);
  const active = milestones.filter(counts).length;
  // Weights are checked to be positive when saved; should none be usable, the milestones count equally.
  if (total <= 0) return milestones.map((m) => (counts(m) && active > 0 ? 1 / active : 0));
  return weights.map((w) => w / total);
}

/** What one milestone contributes, its status deciding the ends of the scale. */
function effectivePercent(milestone: MilestoneProgress): number {
  if (milestone.status === 'complete') return 100;
  if (milestone.status === 'not_started') return 0;
  return clamp(milestone.percentComplete, 0, 99);
}

function statusFromPercent(percent: number): ImplementationStatus {
  return percent >= SUBSTANTIAL_FROM ? 'substantial' : 'limited';
}

function fromMilestones(milestones: readonly MilestoneProgress[]): { status: ImplementationStatus; percent: number } {
  const shares = milestoneShares(milestones);
  const active = milestones.filter(counts);
  if (active.every((m) => m.status === 'complete')) return { status: 'complete', percent: 100 };
  const raw = milestones.reduce((sum, m, i) => sum + (counts(m) ? effectivePercent(m) * (shares[i] ?? 0) : 0), 0);
  // Rounding must not reach 100 % while a milestone is still open.
  const percent = Math.min(99, Math.round(raw));
  if (active.every((m) => m.status === 'not_started')) return { status: 'not_started', percent: 0 };
  return { status: statusFromPercent(percent), percent };
}

export interface RollUpInput {
  milestones: readonly MilestoneProgress[];
  /** The latest update about the whole commitment (not about one milestone), if any. */
  latestUpdate: ReportedProgress | null;
}

export function rollUpProgress({ milestones, latestUpdate }: RollUpInput): RolledUpProgress {
  const active = milestones.filter(counts);
  // An update with a status outside the vocabulary (bad imported data) says nothing usable.
  const status = latestUpdate?.status;
  const reported = latestUpdate && isImplementationStatus(status) ? { status, percent: Math.round(clamp(latestUpdate.percentComplete, 0, 100)) } : null;
  const reportedPercent = reported?.percent ?? null;
  if (reported?.status === 'withdrawn') {
    return active.length > 0
      ? { status: 'withdrawn', percent: fromMilestones(milestones).percent, basis: 'milestones' }
      : { status: 'withdrawn', percent: reportedPercent, basis: 'update' };
  }
  if (active.length > 0) return { ...fromMilestones(milestones), basis: 'milestones' };
  if (reported) return { status: reported.status, percent: reportedPercent, basis: 'update' };
  if (milestones.length > 0) return { status: 'withdrawn', percent: null, basis: 'milestones' };
  return { status: 'not_started', percent: null, basis: 'none' };
}
