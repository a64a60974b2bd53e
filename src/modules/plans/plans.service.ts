import type { DbOrTrx } from '../../db/database.ts';
import { recordAudit } from '../../platform/audit.ts';
import { changedFields } from '../../platform/changes.ts';
import type { AppContext } from '../../platform/context.ts';
import { FieldErrorCollector, notFound } from '../../platform/errors.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import type { Actor } from '../../platform/roles.ts';
import { PLAN_STATUSES, type PlanStatus } from '../commitments/commitment-status.ts';
import { parseOptionalDate, todayIso } from '../members/iso-dates.ts';
import { findMemberById, type MemberRow } from '../members/members.repository.ts';
import { isPlanId, memberCodeOfPlanId, planIdFor } from './plan-ids.ts';
import {
  type EditablePlanFields,
  findPlanByNumber,
  findPlanByOgpId,
  findPlanById,
  insertPlan,
  type PlanRow,
  updatePlan as updatePlanRow,
} from './plans.repository.ts';

export type { PlanRow } from './plans.repository.ts';

export const TITLE_MAX = 300;
export const NUMBER_MAX = 99;

export const isPlanStatus = (value: unknown): value is PlanStatus => typeof value === 'string' && (PLAN_STATUSES as readonly string[]).includes(value);

export interface PlanInput {
  /** Blank to take OGP's id for the member's code and the plan's number. */
  ogpId: string;
  /** As typed; the service refuses anything but a whole number from 1. */
  number: string;
  title: string;
  startDate: string;
  endDate: string;
  dueDate: string;
  submittedOn: string;
  status: string;
}

/** Each date field, checked the same way: blank or a real YYYY-MM-DD day. */
function checkDates(input: PlanInput, errors: FieldErrorCollector): Pick<EditablePlanFields, 'start_date' | 'end_date' | 'due_date' | 'submitted_on'> {
  const read = (field: 'startDate' | 'endDate' | 'dueDate' | 'submittedOn'): string | null => {
    const check = parseOptionalDate(input[field]);
    if (check.ok) return check.value;
    errors.add(field, 'plans.errors.dateInvalid');
    return null;
  };
  const dates = { start_date: read('startDate'), end_date: read('endDate'), due_date: read('dueDate'), submitted_on: read('submittedOn') };
  if (dates.start_date && dates.end_date && dates.end_date <= dates.start_date) errors.add('endDate', 'plans.errors.endBeforeStart');
  if (dates.submitted_on && dates.submitted_on > todayIso()) errors.add('submittedOn', 'plans.errors.submittedFuture');
  return dates;
}

async function checkPlan(trx: DbOrTrx, member: MemberRow, input: PlanInput, planId: string | null): Promise<EditablePlanFields> {
  const errors = new FieldErrorCollector();
  const numberText = input.number.trim();
  const number = /^\d{1,3}$/.test(numberText) ? Number(numberText) : Number.NaN;
  if (!(number >= 1 && number <= NUMBER_MAX)) errors.add('number', 'plans.errors.numberInvalid', { max: NUMBER_MAX });
  let ogpId = input.ogpId.trim().toUpperCase();
  if (ogpId === '' && member.ogp_code && !errors.has('number')) ogpId = planIdFor(member.ogp_code, number);
  if (ogpId === '') errors.add('ogpId', member.ogp_code ? 'plans.errors.ogpIdInvalid' : 'plans.errors.ogpIdRequired');
  else if (!isPlanId(ogpId)) errors.add('ogpId', 'plans.errors.ogpIdInvalid');
  else if (member.ogp_code && memberCodeOfPlanId(ogpId) !== member.ogp_code) errors.add('ogpId', 'plans.errors.ogpIdOtherMember', { code: member.ogp_code });
  const title = input.title.trim();
  if ([...title].length > TITLE_MAX) errors.add('title', 'plans.errors.titleTooLong', { max: TITLE_MAX });
  const status = input.status.trim();
  if (!isPlanStatus(status)) errors.add('status', 'plans.errors.statusInvalid');
  const dates = checkDates(input, errors);

  // Uniqueness last, and only for values that are otherwise fine; the UNIQUE indexes back these up in a race.
  if (!errors.has('ogpId')) {
    const holder = await findPlanByOgpId(trx, ogpId);
    if (holder && holder.id !== planId) errors.add('ogpId', 'plans.errors.ogpIdTaken', { ogpId });
  }
  if (!errors.has('number')) {
    const holder = await findPlanByNumber(trx, member.id, number);
    if (holder && holder.id !== planId) errors.add('number', 'plans.errors.numberTaken', { number, ogpId: holder.ogp_id });
  }
  errors.throwIfAny();
  return { ogp_id: ogpId, number, title, status, ...dates };
}

/** The fields as the audit records them: `status` is named for whose it is, as members have one too. */
const audited = ({ status, ...rest }: Partial<EditablePlanFields>): Record<string, unknown> =>
  status === undefined ? rest : { ...rest, plan_status: status };

export function createPlan(ctx: AppContext, actor: Actor, memberId: string, input: PlanInput): Promise<PlanRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const member = await findMemberById(trx, memberId);
    if (!member) throw notFound();
    const fields = await checkPlan(trx, member, input, null);
    const now = nowIso();
    const plan: PlanRow = { id: newId(), member_id: member.id, ...fields, created_at: now, updated_at: now };
    await insertPlan(trx, plan);
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'plan.created',
      entityType: 'plan',
      entityId: plan.id,
      summary: `Action plan created: ${plan.ogp_id}`,
      after: audited(fields),
      isPublic: true,
    });
    return plan;
  });
}

export function updatePlan(ctx: AppContext, actor: Actor, planId: string, input: PlanInput): Promise<PlanRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const current = await findPlanById(trx, planId);
    const member = current && (await findMemberById(trx, current.member_id));
    if (!current || !member) throw notFound();
    const fields = await checkPlan(trx, member, input, planId);
    const changes = changedFields<EditablePlanFields>(current, fields);
    if (!changes) return current;
    const updatedAt = nowIso();
    await updatePlanRow(trx, planId, { ...fields, updated_at: updatedAt });
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'plan.updated',
      entityType: 'plan',
      entityId: planId,
      summary: `Action plan updated: ${Object.keys(changes.after).join(', ')}`,
      before: audited(changes.before),
      after: audited(changes.after),
      isPublic: true,
    });
    return { ...current, ...fields, updated_at: updatedAt };
  });
}

export async function getPlan(db: DbOrTrx, ogpId: string): Promise<PlanRow> {
  const plan = await findPlanByOgpId(db, ogpId);
  if (!plan) throw notFound();
  return plan;
}
