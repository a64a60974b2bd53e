import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import type { ActionPlansTable } from '../../db/schema.ts';
import { type Page, type PageRequest, pageOffset } from '../../platform/pagination.ts';
import type { StatusGroup } from './progress-summary.ts';

export type PlanRow = ActionPlansTable;

/** The columns a plan's form edits. */
export type EditablePlanFields = Pick<PlanRow, 'ogp_id' | 'number' | 'title' | 'start_date' | 'end_date' | 'due_date' | 'submitted_on' | 'status'>;

export function findPlanByOgpId(db: DbOrTrx, ogpId: string): Promise<PlanRow | undefined> {
  return db.selectFrom('action_plans').selectAll().where('ogp_id', '=', ogpId).executeTakeFirst();
}

export function findPlanById(db: DbOrTrx, id: string): Promise<PlanRow | undefined> {
  return db.selectFrom('action_plans').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findPlanByNumber(db: DbOrTrx, memberId: string, number: number): Promise<PlanRow | undefined> {
  return db.selectFrom('action_plans').selectAll().where('member_id', '=', memberId).where('number', '=', number).executeTakeFirst();
}

export async function highestPlanNumber(db: DbOrTrx, memberId: string): Promise<number> {
  const row = await db
    .selectFrom('action_plans')
    .select((eb) => eb.fn.max('number').as('highest'))
    .where('member_id', '=', memberId)
    .executeTakeFirst();
  return Number(row?.highest ?? 0);
}

export async function insertPlan(db: DbOrTrx, plan: PlanRow): Promise<void> {
  await db.insertInto('action_plans').values(plan).execute();
}

export async function updatePlan(db: DbOrTrx, id: string, changes: EditablePlanFields & { updated_at: string }): Promise<void> {
  await db.updateTable('action_plans').set(changes).where('id', '=', id).execute();
}

/** A member's plans in number order. */
export function listMemberPlans(db: DbOrTrx, memberId: string): Promise<PlanRow[]> {
  return db.selectFrom('action_plans').selectAll().where('member_id', '=', memberId).orderBy('number').execute();
}

/** How many commitments each plan holds, in one grouped query; plans with none are absent. */
export async function countCommitmentsByPlan(db: DbOrTrx, scope: { memberId: string } | { planIds: string[] }): Promise<Map<string, number>> {
  if ('planIds' in scope && scope.planIds.length === 0) return new Map();
  let query = db.selectFrom('commitments').select(['plan_id', (eb) => eb.fn.countAll<number>().as('count')]);
  query = 'memberId' in scope ? query.where('member_id', '=', scope.memberId) : query.where('plan_id', 'in', scope.planIds);
  const rows = await query.groupBy('plan_id').execute();
  return new Map(rows.map((r) => [r.plan_id, Number(r.count)]));
}

/** Commitments by implementation status, with their progress, for one member or one plan. */
export async function commitmentStatusGroups(db: DbOrTrx, scope: { memberId: string } | { planId: string }): Promise<StatusGroup[]> {
  let query = db
    .selectFrom('commitments')
    .select((eb) => [
      'implementation_status',
      eb.fn.countAll<number>().as('count'),
      eb.fn.count<number>('progress_percent').as('with_percent'),
      eb.fn.sum<number>('progress_percent').as('percent_sum'),
    ]);
  query = 'memberId' in scope ? query.where('member_id', '=', scope.memberId) : query.where('plan_id', '=', scope.planId);
  const rows = await query.groupBy('implementation_status').execute();
  // PostgreSQL answers counts and sums as strings (bigint, numeric).
  return rows.map((r) => ({
    status: r.implementation_status,
    count: Number(r.count),
    withPercent: Number(r.with_percent),
    percentSum: Number(r.percent_sum ?? 0),
  }));
}

export interface PlanStatusGroup extends StatusGroup {
  planId: string;
}

/** A member's commitments by plan and implementation status, with their progress: both of its page's summaries in one query. */
export async function memberCommitmentGroups(db: DbOrTrx, memberId: string): Promise<PlanStatusGroup[]> {
  const rows = await db
    .selectFrom('commitments')
    .select((eb) => [
      'plan_id',
      'implementation_status',
      eb.fn.countAll<number>().as('count'),
      eb.fn.count<number>('progress_percent').as('with_percent'),
      eb.fn.sum<number>('progress_percent').as('percent_sum'),
    ])
    .where('member_id', '=', memberId)
    .groupBy(['plan_id', 'implementation_status'])
    .execute();
  // PostgreSQL answers counts and sums as strings (bigint, numeric).
  return rows.map((r) => ({
    planId: r.plan_id,
    status: r.implementation_status,
    count: Number(r.count),
    withPercent: Number(r.with_percent),
    percentSum: Number(r.percent_sum ?? 0),
  }));
}

export interface PlanCommitment {
  ogp_id: string;
  number: string;
  title: string;
  short_title: string;
  implementation_status: string;
  progress_percent: number | null;
}

/** A plan's commitments in number order: '2' before '10', as the numbers are text. */
export function listPlanCommitments(db: DbOrTrx, planId: string): Promise<PlanCommitment[]> {
  return db
    .selectFrom('commitments')
    .select(['ogp_id', 'number', 'title', 'short_title', 'implementation_status', 'progress_percent'])
    .where('plan_id', '=', planId)
    .orderBy(sql`length(${sql.ref('number')})`)
    .orderBy('number')
    .orderBy('ogp_id')
    .execute();
}

export interface RecentUpdate {
  id: string;
  reported_on: string;
  status: string;
  percent_complete: number;
  narrative: string;
  commitment_ogp_id: string;
  commitment_title: string;
}

/**
 * The member's latest progress updates across all its commitments, newest first, without reading every update the
 * member has (a few hundred at any scale, which cost half a millisecond to gather and sort on every view of its page).
 * Each of its commitments' newest date is one step down the (commitment, date) index; the `limit`-th newest of those
 * is a date that at least `limit` updates reach, so every update among the newest `limit` is on or after it, and only
 * those few are read. With fewer commitments than that reporting, every update of the member is read.
 * The member's commitments are gathered first (materialized): left to choose, PostgreSQL walked every update of every
 * member by date looking for this member's (365 ms at 1,000,000 updates).
 */
export function latestMemberUpdates(db: DbOrTrx, memberId: string, limit: number): Promise<RecentUpdate[]> {
  return db
    .with(
      (cte) => cte('member_commitments').materialized(),
      (qb) =>
        qb
          .selectFrom('commitments')
          .select((eb) => [
            'commitments.id',
            eb
              .selectFrom('progress_updates')
              .select((inner) => inner.fn.max('progress_updates.reported_on').as('newest'))
              .whereRef('progress_updates.commitment_id', '=', 'commitments.id')
              .as('newest'),
          ])
          .where('commitments.member_id', '=', memberId),
    )
    .with('threshold', (qb) =>
      qb
        .selectFrom('member_commitments')
        .select('newest')
        .where('newest', 'is not', null)
        .orderBy('newest', 'desc')
        .limit(1)
        .offset(limit - 1),
    )
    // Every date is text at or after '', which stands for "no threshold": a plain bound keeps the index range usable.
    // Gathered apart from their ordering (materialized), for the same reason as the commitments: asked for the first
    // few in date order, PostgreSQL walked the date index of every member's updates (880 ms at ×1).
    .with(
      (cte) => cte('candidates').materialized(),
      (qb) =>
        qb
          .selectFrom('member_commitments')
          .innerJoin('progress_updates', 'progress_updates.commitment_id', 'member_commitments.id')
          .select(['progress_updates.id', 'progress_updates.reported_on', 'progress_updates.created_at'])
          .where('progress_updates.reported_on', '>=', (eb) => eb.fn.coalesce(eb.selectFrom('threshold').select('newest'), sql.lit(''))),
    )
    .with('latest', (qb) =>
      qb.selectFrom('candidates').select('id').orderBy('reported_on', 'desc').orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit),
    )
    // Only the few shown are read in full.
    .selectFrom('latest')
    .innerJoin('progress_updates', 'progress_updates.id', 'latest.id')
    .innerJoin('commitments', 'commitments.id', 'progress_updates.commitment_id')
    .select([
      'progress_updates.id',
      'progress_updates.reported_on',
      'progress_updates.status',
      'progress_updates.percent_complete',
      'progress_updates.narrative',
      'commitments.ogp_id as commitment_ogp_id',
      'commitments.title as commitment_title',
    ])
    .orderBy('progress_updates.reported_on', 'desc')
    .orderBy('progress_updates.created_at', 'desc')
    .orderBy('progress_updates.id', 'desc')
    .execute();
}

export interface PlanListFilter {
  /** The member's OGP code, e.g. ALB. */
  memberCode?: string;
  status?: string;
}

export interface PlanWithMember extends PlanRow {
  member_slug: string;
  member_name: string;
  member_code: string | null;
}

/** One page of plans in id order (a member's plans together, by number), with their members. */
export async function listPlans(db: DbOrTrx, filter: PlanListFilter, request: PageRequest): Promise<Page<PlanWithMember>> {
  let query = db.selectFrom('action_plans').innerJoin('members', 'members.id', 'action_plans.member_id');
  if (filter.memberCode) query = query.where('members.ogp_code', '=', filter.memberCode);
  if (filter.status) query = query.where('action_plans.status', '=', filter.status);
  const [items, counted] = await Promise.all([
    query
      .selectAll('action_plans')
      .select(['members.slug as member_slug', 'members.name as member_name', 'members.ogp_code as member_code'])
      .orderBy('action_plans.ogp_id')
      .limit(request.perPage)
      .offset(pageOffset(request))
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(counted.count), page: request.page, perPage: request.perPage };
}
