import type { Db } from '../../src/db/database.ts';
import type { SelfAssessmentsTable } from '../../src/db/schema.ts';
import { addDays, todayIso } from '../../src/modules/members/iso-dates.ts';
import { newId, nowIso } from '../../src/platform/ids.ts';

// Rows for the self-assessment tables, written straight in, so a page can be tested against a
// comment period that opened or closed on any given day; publishing itself is tested through its form.

/** A published self-assessment; its comment period runs from today for two weeks unless told. */
export async function createSelfAssessment(db: Db, planId: string, overrides: Partial<SelfAssessmentsTable> = {}): Promise<SelfAssessmentsTable> {
  const now = nowIso();
  const today = todayIso();
  const row: SelfAssessmentsTable = {
    id: newId(),
    plan_id: planId,
    kind: 'mid_term',
    body: 'We have delivered most of what we promised.',
    document_url: null,
    comments_open_on: today,
    comments_close_on: addDays(today, 13),
    published_by: null,
    published_at: now,
    updated_at: now,
    ...overrides,
  };
  await db.insertInto('self_assessments').values(row).execute();
  return row;
}

type Period = Pick<SelfAssessmentsTable, 'comments_open_on' | 'comments_close_on'>;

/** A two-week comment period whose last day was `daysAgo` days ago. */
export const closedPeriod = (daysAgo: number): Period => ({
  comments_open_on: addDays(todayIso(), -daysAgo - 13),
  comments_close_on: addDays(todayIso(), -daysAgo),
});

/** A two-week comment period that opens `daysAhead` days from now. */
export const futurePeriod = (daysAhead: number): Period => ({
  comments_open_on: addDays(todayIso(), daysAhead),
  comments_close_on: addDays(todayIso(), daysAhead + 13),
});
