import type { Translate } from '../../platform/i18n.ts';
import { dateTimeFormat, remembered } from '../../platform/intl-formats.ts';
import type { MemberPlanSummary, PlanOverview } from './plan-summaries.ts';
import type { PlanTiming } from './plan-timing.ts';
import type { PlanRow } from './plans.repository.ts';
import type { ProgressSummary } from './progress-summary.ts';

// Plans, progress and updates as the pages show them, in the reader's language.

const MEDIUM_DATE: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeZone: 'UTC' };

/** A YYYY-MM-DD date as the reader's language writes it ("30 Jun 2026"); blank for none. */
export function formatDate(lang: string, isoDate: string | null): string {
  return isoDate ? mediumDate(lang, isoDate) : '';
}

const mediumDate = remembered((lang, isoDate) => dateTimeFormat(lang, 'medium', MEDIUM_DATE).format(new Date(`${isoDate}T00:00:00Z`)));

export const planStatusName = (t: Translate, status: string): string => t(`plans.statuses.${status}`, { defaultValue: status });

export const implementationStatusName = (t: Translate, status: string): string => t(`plans.implementation.${status}`, { defaultValue: status });

/** The plan's name: its title, or its number when it has none. */
export const planName = (t: Translate, plan: Pick<PlanRow, 'title' | 'number'>): string => plan.title || t('plans.untitled', { number: plan.number });

export function timingText(t: Translate, timing: PlanTiming): string {
  switch (timing.kind) {
    case 'on_time':
      return t('plans.timing.onTime');
    case 'late':
      return t('plans.timing.late', { count: timing.days });
    case 'overdue':
      return t('plans.timing.overdue', { count: timing.days });
    case 'due':
      return t('plans.timing.due', { count: timing.days });
    default:
      return t('plans.timing.unknown');
  }
}

export function periodText(t: Translate, lang: string, plan: Pick<PlanRow, 'start_date' | 'end_date'>): string {
  if (!plan.start_date && !plan.end_date) return t('plans.timing.unknown');
  return t('plans.period', { start: formatDate(lang, plan.start_date) || '…', end: formatDate(lang, plan.end_date) || '…' });
}

export function planRowView(t: Translate, lang: string, plan: PlanRow & { timing: PlanTiming }) {
  return {
    ...plan,
    name: planName(t, plan),
    statusName: planStatusName(t, plan.status),
    period: periodText(t, lang, plan),
    due: formatDate(lang, plan.due_date),
    submitted: formatDate(lang, plan.submitted_on),
    timingText: timingText(t, plan.timing),
    // Late and overdue are what a reader scans a list for.
    behind: plan.timing.kind === 'late' || plan.timing.kind === 'overdue',
  };
}

export const progressView = (t: Translate, progress: ProgressSummary) => ({
  ...progress,
  byStatus: progress.byStatus.map((s) => ({ ...s, name: implementationStatusName(t, s.status) })),
});

export function planViews(t: Translate, lang: string, summary: MemberPlanSummary) {
  return {
    plans: summary.plans.map((plan: PlanOverview) => planRowView(t, lang, plan)),
    progress: progressView(t, summary.progress),
    latestUpdates: summary.latestUpdates.map((u) => ({
      ...u,
      statusName: implementationStatusName(t, u.status),
      reported: formatDate(lang, u.reported_on),
    })),
  };
}
