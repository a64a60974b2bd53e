import type { DbOrTrx } from '../../db/database.ts';
import { todayIso } from '../members/iso-dates.ts';
import { type PlanTiming, planTiming } from './plan-timing.ts';
import { latestMemberUpdates, listMemberPlans, listPlanCommitments, memberCommitmentGroups, type PlanCommitment, type PlanRow, type RecentUpdate } from './plans.repository.ts';
import { type ProgressSummary, type StatusGroup, summariseProgress } from './progress-summary.ts';
import { type PublicComment, listComments, listPlanSelfAssessments, type SelfAssessmentRow } from './self-assessments.repository.ts';
import { ASSESSMENT_KINDS, type CommentWindow, commentWindow } from './self-assessments.service.ts';

// What the member and plan pages show, each from a fixed handful of grouped queries however many
// plans, commitments and updates there are: no query per plan or per commitment.

/** How many of a member's latest progress updates its page shows. */
export const LATEST_UPDATES = 5;

export interface PlanOverview extends PlanRow {
  commitmentCount: number;
  timing: PlanTiming;
}

export interface MemberPlanSummary {
  plans: PlanOverview[];
  progress: ProgressSummary;
  latestUpdates: RecentUpdate[];
}

export async function getMemberPlanSummary(db: DbOrTrx, memberId: string, today: string = todayIso()): Promise<MemberPlanSummary> {
  const [plans, groups, latestUpdates] = await Promise.all([
    listMemberPlans(db, memberId),
    memberCommitmentGroups(db, memberId),
    latestMemberUpdates(db, memberId, LATEST_UPDATES),
  ]);
  const counts = new Map<string, number>();
  for (const group of groups) counts.set(group.planId, (counts.get(group.planId) ?? 0) + group.count);
  return {
    plans: plans.map((plan) => ({ ...plan, commitmentCount: counts.get(plan.id) ?? 0, timing: planTiming(plan, today) })),
    progress: summariseProgress(groups),
    latestUpdates,
  };
}

export interface AssessmentView extends SelfAssessmentRow {
  window: CommentWindow;
  comments: PublicComment[];
}

export interface PlanDetails {
  timing: PlanTiming;
  commitments: PlanCommitment[];
  progress: ProgressSummary;
  /** Mid-term first, then end of term; only those published. */
  selfAssessments: AssessmentView[];
}

const asStatusGroup = (c: PlanCommitment): StatusGroup => ({
  status: c.implementation_status,
  count: 1,
  withPercent: c.progress_percent === null ? 0 : 1,
  percentSum: c.progress_percent ?? 0,
});

export async function getPlanDetails(db: DbOrTrx, plan: PlanRow, today: string = todayIso()): Promise<PlanDetails> {
  const [commitments, assessments] = await Promise.all([listPlanCommitments(db, plan.id), listPlanSelfAssessments(db, plan.id)]);
  const comments = await listComments(db, assessments.map((a) => a.id));
  const kindOrder = (a: SelfAssessmentRow): number => (ASSESSMENT_KINDS as readonly string[]).indexOf(a.kind);
  const ordered = [...assessments].sort((a, b) => kindOrder(a) - kindOrder(b));
  return {
    timing: planTiming(plan, today),
    commitments,
    // The page lists every commitment of the plan anyway, so the summary is counted from that list.
    progress: summariseProgress(commitments.map(asStatusGroup)),
    selfAssessments: ordered.map((a) => ({ ...a, window: commentWindow(a, today), comments: comments.filter((c) => c.self_assessment_id === a.id) })),
  };
}
