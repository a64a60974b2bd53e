// The SQL behind the computed indicators. Each computation answers for every period at once from one
// grouped query, so the dashboard costs one query per computed indicator whatever the number of periods.
import type { DbOrTrx } from '../../db/database.ts';
import type { Period } from './indicators.periods.ts';

/** A period is touched by a span of days when they share at least one day. */
const overlaps = (period: Period, start: string, end: string): boolean => start <= period.end && end >= period.start;

/**
 * 3.1.1, the civil society community engaged with OGP, as far as the platform records it: the
 * civil society organisations named as lead or supporting institutions of commitments in action plans
 * that were being carried out during the period (the plan's dates overlap it). Each organisation counts
 * once per period however many commitments name it. Plans without both dates cannot be placed in time
 * and are not counted.
 */
export async function civilSocietyOrganisationsInActionPlans(db: DbOrTrx, periods: readonly Period[]): Promise<number[]> {
  if (periods.length === 0) return [];
  const earliest = periods.reduce((min, p) => (p.start < min ? p.start : min), periods[0]!.start);
  const latest = periods.reduce((max, p) => (p.end > max ? p.end : max), periods[0]!.end);
  // One row per organisation and distinct plan span: far fewer than commitments, and enough to count any period.
  // Starting from the dated plans and checking each named organisation's type is the cheapest order on both
  // databases. Asked as "among the civil society organisations' ids", SQLite started from every institution
  // of every civil society organisation instead, at twice the cost (60,000 commitments).
  const rows = await db
    .selectFrom('action_plans')
    .innerJoin('commitments', 'commitments.plan_id', 'action_plans.id')
    .innerJoin('commitment_institutions', 'commitment_institutions.commitment_id', 'commitments.id')
    .select(['commitment_institutions.organisation_id', 'action_plans.start_date', 'action_plans.end_date'])
    .where('action_plans.start_date', 'is not', null)
    .where('action_plans.end_date', 'is not', null)
    .where('action_plans.start_date', '<=', latest)
    .where('action_plans.end_date', '>=', earliest)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('organisations')
          .select('organisations.id')
          .whereRef('organisations.id', '=', 'commitment_institutions.organisation_id')
          .where('organisations.org_type', '=', 'civil_society'),
      ),
    )
    .groupBy(['commitment_institutions.organisation_id', 'action_plans.start_date', 'action_plans.end_date'])
    .execute();
  return periods.map((period) => {
    const engaged = new Set<string>();
    for (const row of rows) {
      if (row.start_date !== null && row.end_date !== null && overlaps(period, row.start_date, row.end_date)) engaged.add(row.organisation_id);
    }
    return engaged.size;
  });
}
