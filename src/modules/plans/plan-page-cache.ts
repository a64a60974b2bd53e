import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import { VersionedData } from '../../platform/page-cache.ts';
import { listPublicHistory } from '../audit/audit.repository.ts';
import { todayIso } from '../members/iso-dates.ts';
import { findMemberById, type MemberRow } from '../members/members.repository.ts';
import { getPlanDetails, type PlanDetails } from './plan-summaries.ts';
import { getPlan, type PlanRow } from './plans.service.ts';

// An action plan's page reads its plan, member, commitments, self-assessments with their comments, and history. What
// it shows is kept under the data version it was read at (plan_page_version, which triggers move with every committed
// change to anything the page shows) and the day (the plan's timing and comment periods count days). Only the data is
// kept: the page is rendered for each request, in the reader's language, with the reader's permissions.

export interface PlanPageData {
  plan: PlanRow;
  member: MemberRow;
  details: PlanDetails;
  history: Awaited<ReturnType<typeof listPublicHistory>>;
}

/** The data version plans' pages are read at. */
async function planPageVersion(db: DbOrTrx): Promise<number> {
  const { rows } = await sql<{ version: number | string }>`SELECT version FROM plan_page_version WHERE id = 1`.execute(db);
  return Number(rows[0]?.version ?? 0);
}

/** The plan's member. */
export async function memberOfPlan(db: DbOrTrx, plan: PlanRow): Promise<MemberRow> {
  const member = await findMemberById(db, plan.member_id);
  // The foreign key makes this impossible; the check keeps the types honest.
  if (!member) throw new Error(`Plan ${plan.ogp_id} has no member`);
  return member;
}

async function readPlanPage(db: DbOrTrx, ogpId: string, today: string): Promise<PlanPageData> {
  const plan = await getPlan(db, ogpId);
  // Once the plan is known the rest is asked for at once, saving round trips to PostgreSQL.
  const [member, details, history] = await Promise.all([memberOfPlan(db, plan), getPlanDetails(db, plan, today), listPublicHistory(db, 'plan', plan.id)]);
  return { plan, member, details, history };
}

/** A plan's page's data is a few kilobytes (more with many comments): some thousands of pages. */
const kept = new VersionedData<PlanPageData>(planPageVersion, 16 * 1024 * 1024);

/** Everything the plan's page shows, kept until any of it changes. Callers must not change what it answers. */
export function planPageData(db: DbOrTrx, ogpId: string): Promise<PlanPageData> {
  const today = todayIso();
  return kept.get(db, `${today}\u0000${ogpId}`, () => readPlanPage(db, ogpId, today));
}
