import { recordAudit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { FieldErrorCollector, notFound } from '../../platform/errors.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import type { Actor } from '../../platform/roles.ts';
import { MEMBER_STATUSES, type MemberStatus } from '../commitments/commitment-status.ts';
import { isIsoDate, todayIso } from './iso-dates.ts';
import { insertStatusChange, listStatusHistory, setMemberStatus, type StatusHistoryRow } from './member-status.repository.ts';
import { findMemberById, type MemberRow } from './members.repository.ts';
import { FIRST_JOIN_YEAR } from './members.service.ts';

export const REASON_MAX = 2000;

export const isMemberStatus = (value: unknown): value is MemberStatus =>
  typeof value === 'string' && (MEMBER_STATUSES as readonly string[]).includes(value);

export interface StatusChangeInput {
  status: string;
  /** YYYY-MM-DD: when the change took effect. */
  effectiveOn: string;
  reason: string;
}

/** Orders entries as they took effect; entries of the same day in the order they were recorded. */
const byEffect = (a: StatusHistoryRow, b: StatusHistoryRow): number =>
  a.effective_on.localeCompare(b.effective_on) || a.recorded_at.localeCompare(b.recorded_at) || a.id.localeCompare(b.id);

/**
 * Appends a status change to the member's history. The history may be filled in after the fact, so
 * an entry can take effect before the latest one; the member's current status is always the
 * status of the entry that took effect last. An entry must change something: it may not repeat the
 * status already in effect on its date.
 */
export function changeMemberStatus(ctx: AppContext, actor: Actor, memberId: string, input: StatusChangeInput): Promise<MemberRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const member = await findMemberById(trx, memberId);
    if (!member) throw notFound();
    const errors = new FieldErrorCollector();
    const status = input.status.trim();
    const effectiveOn = input.effectiveOn.trim();
    const reason = input.reason.trim();
    const earliest = member.joined_on ?? `${FIRST_JOIN_YEAR}-01-01`;
    if (!isMemberStatus(status)) errors.add('status', 'members.errors.statusInvalid');
    if (!isIsoDate(effectiveOn)) errors.add('effectiveOn', 'members.errors.effectiveOnInvalid');
    else if (effectiveOn > todayIso()) errors.add('effectiveOn', 'members.errors.effectiveOnFuture');
    else if (effectiveOn < earliest) errors.add('effectiveOn', 'members.errors.effectiveOnEarly', { date: earliest });
    if (reason === '') errors.add('reason', 'members.errors.reasonRequired');
    else if ([...reason].length > REASON_MAX) errors.add('reason', 'members.errors.reasonTooLong', { max: REASON_MAX });
    errors.throwIfAny();

    const history = await listStatusHistory(trx, memberId);
    const entry: StatusHistoryRow = {
      id: newId(),
      member_id: memberId,
      status,
      effective_on: effectiveOn,
      reason,
      recorded_by: actor.id,
      recorded_at: nowIso(),
    };
    const timeline = [...history, entry].sort(byEffect);
    const previous = timeline[timeline.indexOf(entry) - 1];
    if (previous?.status === status) errors.add('status', 'members.errors.statusUnchanged', { date: previous.effective_on });
    errors.throwIfAny();

    await insertStatusChange(trx, entry);
    const current = timeline[timeline.length - 1]?.status ?? member.status;
    if (current !== member.status) await setMemberStatus(trx, memberId, current);
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'member.status_changed',
      entityType: 'member',
      entityId: memberId,
      summary: `Member status ${status} from ${effectiveOn}`,
      before: { member_status: member.status },
      after: { member_status: status, effective_on: effectiveOn, reason },
      isPublic: true,
    });
    return { ...member, status: current };
  });
}
