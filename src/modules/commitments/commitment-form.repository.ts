import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import type { ActionPlansTable, CommitmentsTable } from '../../db/schema.ts';
import { ID_DIGITS } from './commitment-ids.ts';

// The SQL behind creating and editing a commitment: its row, its policy areas and themes, its institutions.

/**
 * Takes the plan's row lock for the rest of the transaction (an UPDATE that changes nothing: PostgreSQL locks
 * the row, SQLite the database), so two saves to the same plan never both see a commitment number as free.
 */
export async function lockPlan(trx: DbOrTrx, planId: string): Promise<ActionPlansTable | undefined> {
  await trx
    .updateTable('action_plans')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('id', '=', planId)
    .execute();
  return trx.selectFrom('action_plans').selectAll().where('id', '=', planId).executeTakeFirst();
}

/** The OGP ids of a member's commitments: the prefix its next one takes is read off them. */
export async function memberCommitmentIds(db: DbOrTrx, memberId: string): Promise<string[]> {
  const rows = await db.selectFrom('commitments').select('ogp_id').where('member_id', '=', memberId).execute();
  return rows.map((r) => r.ogp_id);
}

/** Ids from PREFIX0000 to PREFIX9999, read off the unique index: at most ten thousand in OGP's pattern. */
export async function idsWithPrefix(db: DbOrTrx, prefix: string): Promise<string[]> {
  const rows = await db
    .selectFrom('commitments')
    .select('ogp_id')
    .where('ogp_id', '>=', `${prefix}${'0'.repeat(ID_DIGITS)}`)
    .where('ogp_id', '<=', `${prefix}${'9'.repeat(ID_DIGITS)}`)
    .execute();
  return rows.map((r) => r.ogp_id);
}

/** Whether another commitment of the plan has this number, letters compared without regard to case. */
export async function planNumberTaken(db: DbOrTrx, planId: string, number: string, exceptId: string | null): Promise<boolean> {
  let query = db
    .selectFrom('commitments')
    .select('id')
    .where('plan_id', '=', planId)
    .where(sql<boolean>`lower(${sql.ref('number')}) = lower(${number})`);
  if (exceptId) query = query.where('id', '<>', exceptId);
  return (await query.limit(1).executeTakeFirst()) !== undefined;
}

/** The highest whole commitment number in the plan, for suggesting the next; numbers like 2.1 are skipped. */
export async function highestWholeNumber(db: DbOrTrx, planId: string): Promise<number> {
  const rows = await db.selectFrom('commitments').select('number').where('plan_id', '=', planId).execute();
  return rows.reduce((highest, r) => (/^\d{1,6}$/.test(r.number) ? Math.max(highest, Number(r.number)) : highest), 0);
}

export interface OrganisationChoice {
  id: string;
  name: string;
  slug: string;
  org_type: string;
}

export function findOrganisationsByIds(db: DbOrTrx, ids: readonly string[]): Promise<OrganisationChoice[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('organisations').select(['id', 'name', 'slug', 'org_type']).where('id', 'in', [...ids]).execute();
}

/** A commitment as a "carried forward from" link needs it: whose it is and which of their plans holds it. */
export interface EarlierCommitment {
  id: string;
  ogp_id: string;
  title: string;
  member_id: string;
  plan_number: number;
}

export function findEarlierCandidate(db: DbOrTrx, by: { ogpId: string } | { id: string }): Promise<EarlierCommitment | undefined> {
  const query = db
    .selectFrom('commitments')
    .innerJoin('action_plans', 'action_plans.id', 'commitments.plan_id')
    .select(['commitments.id', 'commitments.ogp_id', 'commitments.title', 'commitments.member_id', 'action_plans.number as plan_number']);
  return ('ogpId' in by ? query.where('commitments.ogp_id', '=', by.ogpId) : query.where('commitments.id', '=', by.id)).executeTakeFirst();
}

export async function insertCommitment(db: DbOrTrx, row: CommitmentsTable): Promise<void> {
  await db.insertInto('commitments').values(row).execute();
}

export async function updateCommitment(
  db: DbOrTrx,
  id: string,
  changes: Partial<Omit<CommitmentsTable, 'id' | 'ogp_id' | 'plan_id' | 'member_id' | 'created_at'>>,
): Promise<void> {
  await db.updateTable('commitments').set(changes).where('id', '=', id).execute();
}

export async function tagsOf(db: DbOrTrx, commitmentId: string, vocabulary: string): Promise<string[]> {
  const rows = await db.selectFrom('commitment_tags').select('tag').where('commitment_id', '=', commitmentId).where('vocabulary', '=', vocabulary).execute();
  return rows.map((r) => r.tag);
}

export async function replaceTags(db: DbOrTrx, commitmentId: string, vocabulary: string, tags: readonly string[]): Promise<void> {
  await db.deleteFrom('commitment_tags').where('commitment_id', '=', commitmentId).where('vocabulary', '=', vocabulary).execute();
  if (tags.length === 0) return;
  await db
    .insertInto('commitment_tags')
    .values(tags.map((tag) => ({ commitment_id: commitmentId, vocabulary, tag })))
    .execute();
}

export interface InstitutionRow {
  organisation_id: string;
  role: string;
  name: string;
}

/** Lead institutions first, then supporting ones, each in the plan's order. */
export function institutionsOf(db: DbOrTrx, commitmentId: string): Promise<InstitutionRow[]> {
  return db
    .selectFrom('commitment_institutions')
    .innerJoin('organisations', 'organisations.id', 'commitment_institutions.organisation_id')
    .select(['commitment_institutions.organisation_id', 'commitment_institutions.role', 'organisations.name'])
    .where('commitment_institutions.commitment_id', '=', commitmentId)
    .orderBy('commitment_institutions.role')
    .orderBy('commitment_institutions.position')
    .orderBy('organisations.name')
    .execute();
}

export async function replaceInstitutions(db: DbOrTrx, commitmentId: string, institutions: ReadonlyArray<{ organisationId: string; role: 'lead' | 'supporting' }>): Promise<void> {
  await db.deleteFrom('commitment_institutions').where('commitment_id', '=', commitmentId).execute();
  if (institutions.length === 0) return;
  await db
    .insertInto('commitment_institutions')
    .values(institutions.map((i, index) => ({ commitment_id: commitmentId, organisation_id: i.organisationId, role: i.role, position: index })))
    .execute();
}
