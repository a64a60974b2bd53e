import type { ActionPlansTable } from '../db/schema.ts';
import type { PlanStatus } from '../modules/commitments/commitment-status.ts';
import type { PlanTiming } from './irm.ts';
import type { GeneratedMember } from './members.ts';
import { apportion, type Random, weights } from './random.ts';
import type { Sizes } from './sizes.ts';

/**
 * The date the data describes. Fixed, not today, so a seed gives the same data whenever it is run:
 * plans ending before it are completed and assessed, later ones are still being implemented or drafted.
 */
export const AS_OF = '2026-07-01';
export const AS_OF_YEAR = Number(AS_OF.slice(0, 4));
const FIRST_PLAN_YEAR = 2011;
// Plan lengths in years, as often as OGP's data has them.
const DURATIONS = weights({ 1: 4, 2: 87, 3: 3, 4: 6 });

export interface GeneratedPlan {
  row: ActionPlansTable;
  member: GeneratedMember;
  timing: PlanTiming;
  /** How much of the plan's period has passed on AS_OF, from 0 (not started) to 1 (over). */
  elapsed: number;
  commitments: number;
}

const ORDINALS = ['First', 'Second', 'Third', 'Fourth', 'Fifth', 'Sixth', 'Seventh', 'Eighth', 'Ninth', 'Tenth'];
const pad2 = (n: number): string => String(n).padStart(2, '0');
const dayBefore = (isoDate: string): string => new Date(Date.parse(`${isoDate}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
const addDays = (isoDate: string, days: number): string => new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

function statusOn(startDate: string, endDate: string, submittedOn: string | null): PlanStatus {
  if (endDate < AS_OF) return 'completed';
  if (startDate <= AS_OF) return 'implementation';
  if (submittedOn !== null && submittedOn <= AS_OF) return 'submitted';
  return 'consultation';
}

function elapsedShare(startDate: string, endDate: string): number {
  const start = Date.parse(startDate);
  const end = Date.parse(endDate);
  const now = Date.parse(AS_OF);
  return Math.min(1, Math.max(0, (now - start) / (end - start)));
}

/**
 * Every member's action plans, two years apart from the year after it joined (national members have
 * more plans than local ones), and how many commitments each plan holds. The totals are exact.
 */
export function buildPlans(random: Random, members: readonly GeneratedMember[], sizes: Sizes): GeneratedPlan[] {
  const planCounts = apportion(
    sizes.plans,
    members.map((m) => (m.national ? 3 + random.float() * 4 : 1 + random.float() * 1.5)),
    1,
  );
  const plans: GeneratedPlan[] = [];
  members.forEach((member, index) => {
    const count = planCounts[index]!;
    const joined = member.row.joined_year ?? FIRST_PLAN_YEAR;
    // Plans due every two years; a member with more plans than the years allow started earlier or went yearly.
    const gap = count > 1 && (AS_OF_YEAR + 1 - FIRST_PLAN_YEAR) / (count - 1) < 2 ? 1 : 2;
    const first = Math.max(FIRST_PLAN_YEAR, Math.min(joined + 1, AS_OF_YEAR + 1 - gap * (count - 1)));
    for (let k = 0; k < count; k += 1) {
      const submittedYear = first + gap * k;
      const duration = gap === 1 ? 1 : Number(random.weighted(DURATIONS));
      const startDate = `${submittedYear}-${random.chance(0.5) ? '07' : '09'}-01`;
      const endDate = dayBefore(`${submittedYear + duration}-${startDate.slice(5, 7)}-01`);
      const dueDate = `${submittedYear}-${startDate.slice(5, 7) === '07' ? '06-30' : '08-31'}`;
      // One plan in ten arrives late, up to five months after its due date.
      const submittedOn = random.chance(0.1) ? addDays(dueDate, random.int(20, 150)) : addDays(dueDate, -random.int(0, 30));
      const status = statusOn(startDate, endDate, submittedOn);
      const submitted = status === 'consultation' ? null : submittedOn;
      const createdOn = addDays(dueDate, -180);
      const kind = member.national ? 'National' : 'Local';
      const ordinal = ORDINALS[k] ?? `${k + 1}th`;
      plans.push({
        member,
        timing: { submittedYear, startYear: submittedYear, endYear: submittedYear + duration, currentYear: AS_OF_YEAR },
        elapsed: elapsedShare(startDate, endDate),
        commitments: 0,
        row: {
          id: random.uuid(),
          member_id: member.row.id,
          ogp_id: `AP_${member.row.ogp_code}${pad2(k + 1)}`,
          number: k + 1,
          title: `${member.row.name} ${ordinal} ${kind} Action Plan ${submittedYear}–${submittedYear + duration}`,
          start_date: startDate,
          end_date: endDate,
          due_date: dueDate,
          submitted_on: submitted,
          status,
          created_at: `${createdOn}T09:00:00.000Z`,
          updated_at: `${submitted ?? createdOn}T09:00:00.000Z`,
        },
      });
    }
    // The cohort is the parity of the year its plans fall due.
    member.row.cohort = first % 2 === 0 ? 'even' : 'odd';
  });
  const commitmentCounts = apportion(
    sizes.commitments,
    plans.map((p) => (p.member.national ? 8 + random.float() * 10 : 4 + random.float() * 5)),
    1,
  );
  plans.forEach((plan, i) => (plan.commitments = commitmentCounts[i]!));
  return plans;
}
