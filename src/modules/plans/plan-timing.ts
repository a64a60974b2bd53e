import { daysBetween } from '../members/iso-dates.ts';

// Whether a plan reached OGP on time: its submission date against its due date, or, while it has not
// been submitted, today against the due date. Plans past the submitted stage with no recorded
// submission date (common in imported data) say nothing either way.

export type PlanTiming =
  | { kind: 'on_time' }
  | { kind: 'late'; days: number }
  | { kind: 'overdue'; days: number }
  | { kind: 'due'; days: number }
  | { kind: 'unknown' };

/** Stages before the plan goes to OGP: only these can be overdue. */
const BEFORE_SUBMISSION = new Set(['drafting', 'consultation']);

export interface TimedPlan {
  status: string;
  due_date: string | null;
  submitted_on: string | null;
}

export function planTiming(plan: TimedPlan, today: string): PlanTiming {
  if (!plan.due_date) return { kind: 'unknown' };
  if (plan.submitted_on) {
    const late = daysBetween(plan.due_date, plan.submitted_on);
    return late > 0 ? { kind: 'late', days: late } : { kind: 'on_time' };
  }
  if (!BEFORE_SUBMISSION.has(plan.status)) return { kind: 'unknown' };
  const left = daysBetween(today, plan.due_date);
  return left < 0 ? { kind: 'overdue', days: -left } : { kind: 'due', days: left };
}
