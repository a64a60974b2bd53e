import type { DbOrTrx } from '../../db/database.ts';
import type { MemberStatusHistoryTable, OrganisationsTable } from '../../db/schema.ts';

export type StatusHistoryRow = MemberStatusHistoryTable;

/** A member's status changes in the order they took effect, oldest first; same-day changes in the order recorded. */
export function listStatusHistory(db: DbOrTrx, memberId: string): Promise<StatusHistoryRow[]> {
  return db
    .selectFrom('member_status_history')
    .selectAll()
    .where('member_id', '=', memberId)
    .orderBy('effective_on')
    .orderBy('recorded_at')
    .orderBy('id')
    .execute();
}

export async function insertStatusChange(db: DbOrTrx, row: StatusHistoryRow): Promise<void> {
  await db.insertInto('member_status_history').values(row).execute();
}

export async function setMemberStatus(db: DbOrTrx, memberId: string, status: string): Promise<void> {
  await db.updateTable('members').set({ status }).where('id', '=', memberId).execute();
}

export type LeadAgency = Pick<OrganisationsTable, 'id' | 'slug' | 'name' | 'org_type'>;

export function findLeadAgency(db: DbOrTrx, memberId: string): Promise<LeadAgency | undefined> {
  return db
    .selectFrom('member_lead_agencies')
    .innerJoin('organisations', 'organisations.id', 'member_lead_agencies.organisation_id')
    .select(['organisations.id', 'organisations.slug', 'organisations.name', 'organisations.org_type'])
    .where('member_lead_agencies.member_id', '=', memberId)
    .executeTakeFirst();
}

/** Makes the organisation the member's one lead agency, replacing any other. */
export async function replaceLeadAgency(db: DbOrTrx, memberId: string, organisationId: string | null): Promise<void> {
  await db.deleteFrom('member_lead_agencies').where('member_id', '=', memberId).execute();
  if (organisationId) await db.insertInto('member_lead_agencies').values({ member_id: memberId, organisation_id: organisationId }).execute();
}
