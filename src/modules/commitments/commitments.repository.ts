import type { DbOrTrx } from '../../db/database.ts';
import type { CommitmentsTable, MilestonesTable, ProgressUpdatesTable } from '../../db/schema.ts';

export type MilestoneRow = MilestonesTable;

/** A commitment with the names its page links to: its member and its action plan. */
export interface CommitmentRecord extends CommitmentsTable {
  member_name: string;
  member_slug: string;
  plan_ogp_id: string;
  plan_number: number;
  plan_title: string;
}

export function findCommitmentByOgpId(db: DbOrTrx, ogpId: string): Promise<CommitmentRecord | undefined> {
  return db
    .selectFrom('commitments')
    .innerJoin('members', 'members.id', 'commitments.member_id')
    .innerJoin('action_plans', 'action_plans.id', 'commitments.plan_id')
    .selectAll('commitments')
    .select([
      'members.name as member_name',
      'members.slug as member_slug',
      'action_plans.ogp_id as plan_ogp_id',
      'action_plans.number as plan_number',
      'action_plans.title as plan_title',
    ])
    .where('commitments.ogp_id', '=', ogpId)
    .executeTakeFirst();
}

export function findCommitmentById(db: DbOrTrx, id: string): Promise<CommitmentsTable | undefined> {
  return db.selectFrom('commitments').selectAll().where('id', '=', id).executeTakeFirst();
}

/**
 * Takes the commitment's row lock for the rest of the transaction (an UPDATE that changes nothing: PostgreSQL
 * locks the row, SQLite the database), so two changes to its milestones or progress never work out its
 * figures from each other's stale state. Returns the row as it is once locked.
 */
export function lockCommitment(trx: DbOrTrx, id: string): Promise<CommitmentsTable | undefined> {
  // The row comes back with the lock: one round trip where a locking update and a read were two.
  return trx
    .updateTable('commitments')
    .set((eb) => ({ updated_at: eb.ref('updated_at') }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export interface CommitmentLink {
  ogp_id: string;
  title: string;
  member_name: string;
}

/** The commitment this one carries forward, if any. */
export function findCommitmentLink(db: DbOrTrx, id: string): Promise<CommitmentLink | undefined> {
  return db
    .selectFrom('commitments')
    .innerJoin('members', 'members.id', 'commitments.member_id')
    .select(['commitments.ogp_id', 'commitments.title', 'members.name as member_name'])
    .where('commitments.id', '=', id)
    .executeTakeFirst();
}

/** Later commitments that carry this one forward. */
export function listCarriedForwardInto(db: DbOrTrx, id: string): Promise<CommitmentLink[]> {
  return db
    .selectFrom('commitments')
    .innerJoin('members', 'members.id', 'commitments.member_id')
    .select(['commitments.ogp_id', 'commitments.title', 'members.name as member_name'])
    .where('commitments.carried_forward_from_id', '=', id)
    .orderBy('commitments.ogp_id')
    .execute();
}

export interface InstitutionLink {
  role: string;
  name: string;
  slug: string;
}

/** Lead institutions first, then supporting ones, each in the order the plan gives them. */
export function listInstitutions(db: DbOrTrx, commitmentId: string): Promise<InstitutionLink[]> {
  return db
    .selectFrom('commitment_institutions')
    .innerJoin('organisations', 'organisations.id', 'commitment_institutions.organisation_id')
    .select(['commitment_institutions.role', 'organisations.name', 'organisations.slug'])
    .where('commitment_institutions.commitment_id', '=', commitmentId)
    .orderBy('commitment_institutions.role')
    .orderBy('commitment_institutions.position')
    .orderBy('organisations.name')
    .execute();
}

export function listTags(db: DbOrTrx, commitmentId: string): Promise<Array<{ vocabulary: string; tag: string }>> {
  return db
    .selectFrom('commitment_tags')
    .select(['vocabulary', 'tag'])
    .where('commitment_id', '=', commitmentId)
    .orderBy('vocabulary')
    .orderBy('tag')
    .execute();
}

export function findIrmAssessment(db: DbOrTrx, commitmentId: string) {
  return db.selectFrom('irm_assessments').selectAll().where('commitment_id', '=', commitmentId).executeTakeFirst();
}

export function listStars(db: DbOrTrx, commitmentId: string) {
  return db.selectFrom('commitment_stars').selectAll().where('commitment_id', '=', commitmentId).orderBy('report').orderBy('formula').execute();
}

export function listMilestones(db: DbOrTrx, commitmentId: string): Promise<MilestoneRow[]> {
  return db.selectFrom('milestones').selectAll().where('commitment_id', '=', commitmentId).orderBy('position').orderBy('created_at').orderBy('id').execute();
}

export function findMilestone(db: DbOrTrx, commitmentId: string, milestoneId: string): Promise<MilestoneRow | undefined> {
  return db.selectFrom('milestones').selectAll().where('commitment_id', '=', commitmentId).where('id', '=', milestoneId).executeTakeFirst();
}

export async function nextMilestonePosition(db: DbOrTrx, commitmentId: string): Promise<number> {
  const row = await db
    .selectFrom('milestones')
    .select((eb) => eb.fn.max<number | null>('position').as('last'))
    .where('commitment_id', '=', commitmentId)
    .executeTakeFirst();
  return Number(row?.last ?? 0) + 1;
}

export async function insertMilestone(db: DbOrTrx, milestone: MilestoneRow): Promise<void> {
  await db.insertInto('milestones').values(milestone).execute();
}

export async function updateMilestone(
  db: DbOrTrx,
  id: string,
  changes: Partial<Omit<MilestoneRow, 'id' | 'commitment_id' | 'created_at'>>,
): Promise<void> {
  await db.updateTable('milestones').set(changes).where('id', '=', id).execute();
}

export async function deleteMilestone(db: DbOrTrx, id: string): Promise<void> {
  await db.deleteFrom('milestones').where('id', '=', id).execute();
}

export async function countMilestoneUpdates(db: DbOrTrx, milestoneId: string): Promise<number> {
  const row = await db
    .selectFrom('progress_updates')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('milestone_id', '=', milestoneId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function insertProgressUpdate(db: DbOrTrx, update: ProgressUpdatesTable): Promise<void> {
  await db.insertInto('progress_updates').values(update).execute();
}

/** A progress update with who wrote it and which milestone it is about, for the timeline. */
export interface TimelineRow extends ProgressUpdatesTable {
  author_name: string | null;
  milestone_title: string | null;
  milestone_position: number | null;
}

/** Every update, newest first; updates of the same day in the order they were made, latest first. */
export function listProgressUpdates(db: DbOrTrx, commitmentId: string): Promise<TimelineRow[]> {
  return db
    .selectFrom('progress_updates')
    .leftJoin('users', 'users.id', 'progress_updates.author_id')
    .leftJoin('milestones', 'milestones.id', 'progress_updates.milestone_id')
    .selectAll('progress_updates')
    .select(['users.display_name as author_name', 'milestones.title as milestone_title', 'milestones.position as milestone_position'])
    .where('progress_updates.commitment_id', '=', commitmentId)
    .orderBy('progress_updates.reported_on', 'desc')
    .orderBy('progress_updates.created_at', 'desc')
    .orderBy('progress_updates.id', 'desc')
    .execute();
}

/** The latest update about the whole commitment rather than one milestone: what the roll-up falls back on. */
export function findLatestCommitmentUpdate(db: DbOrTrx, commitmentId: string): Promise<ProgressUpdatesTable | undefined> {
  return db
    .selectFrom('progress_updates')
    .selectAll()
    .where('commitment_id', '=', commitmentId)
    .where('milestone_id', 'is', null)
    .orderBy('reported_on', 'desc')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function updateCommitmentProgress(
  db: DbOrTrx,
  id: string,
  progress: Pick<CommitmentsTable, 'implementation_status' | 'progress_percent' | 'updated_at'>,
): Promise<void> {
  await db.updateTable('commitments').set(progress).where('id', '=', id).execute();
}
