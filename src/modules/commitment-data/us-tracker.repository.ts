import type { DbOrTrx } from '../../db/database.ts';
import type { CommitmentsTable, MilestonesTable, ProgressUpdatesTable } from '../../db/schema.ts';

// SQL for the US tracker import: what is stored for the tracker's commitments, read in a few queries.

export type TrackedCommitment = Pick<CommitmentsTable, 'id' | 'ogp_id' | 'plan_id' | 'member_id' | 'number' | 'title' | 'full_text' | 'theme' | 'source' | 'source_url' | 'implementation_status' | 'progress_percent'>;

export function listTrackedCommitments(db: DbOrTrx, ogpIds: readonly string[]): Promise<TrackedCommitment[]> {
  if (ogpIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('commitments')
    .select(['id', 'ogp_id', 'plan_id', 'member_id', 'number', 'title', 'full_text', 'theme', 'source', 'source_url', 'implementation_status', 'progress_percent'])
    .where('ogp_id', 'in', [...ogpIds])
    .execute();
}

export function listMilestonesOf(db: DbOrTrx, commitmentIds: readonly string[]): Promise<MilestonesTable[]> {
  if (commitmentIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('milestones').selectAll().where('commitment_id', 'in', [...commitmentIds]).execute();
}

/** The updates an earlier import wrote (source 'import'); a person's own updates are never touched. */
export function listImportedUpdates(db: DbOrTrx, commitmentIds: readonly string[]): Promise<ProgressUpdatesTable[]> {
  if (commitmentIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('progress_updates').selectAll().where('source', '=', 'import').where('commitment_id', 'in', [...commitmentIds]).execute();
}

export async function insertTrackedCommitment(db: DbOrTrx, row: CommitmentsTable): Promise<void> {
  await db.insertInto('commitments').values(row).execute();
}

export async function updateTrackedCommitment(db: DbOrTrx, id: string, values: Partial<CommitmentsTable>): Promise<void> {
  await db.updateTable('commitments').set(values).where('id', '=', id).execute();
}

export async function replaceTrackedLinks(db: DbOrTrx, commitmentId: string, theme: string, leadIds: readonly string[]): Promise<void> {
  await db.deleteFrom('commitment_tags').where('commitment_id', '=', commitmentId).where('vocabulary', '=', 'theme').execute();
  if (theme !== '') await db.insertInto('commitment_tags').values({ commitment_id: commitmentId, vocabulary: 'theme', tag: theme }).execute();
  await db.deleteFrom('commitment_institutions').where('commitment_id', '=', commitmentId).execute();
  if (leadIds.length > 0) {
    await db
      .insertInto('commitment_institutions')
      .values(leadIds.map((organisation_id, position) => ({ commitment_id: commitmentId, organisation_id, role: 'lead', position })))
      .execute();
  }
}

export async function listTrackedLinks(db: DbOrTrx, commitmentIds: readonly string[]): Promise<{ themes: Map<string, string[]>; leads: Map<string, string[]> }> {
  const themes = new Map<string, string[]>();
  const leads = new Map<string, string[]>();
  if (commitmentIds.length === 0) return { themes, leads };
  const tags = await db.selectFrom('commitment_tags').select(['commitment_id', 'tag']).where('vocabulary', '=', 'theme').where('commitment_id', 'in', [...commitmentIds]).execute();
  for (const t of tags) themes.set(t.commitment_id, [...(themes.get(t.commitment_id) ?? []), t.tag]);
  const institutions = await db
    .selectFrom('commitment_institutions')
    .select(['commitment_id', 'organisation_id'])
    .where('role', '=', 'lead')
    .where('commitment_id', 'in', [...commitmentIds])
    .orderBy('commitment_id')
    .orderBy('position')
    .execute();
  for (const i of institutions) leads.set(i.commitment_id, [...(leads.get(i.commitment_id) ?? []), i.organisation_id]);
  return { themes, leads };
}

export async function insertMilestoneRow(db: DbOrTrx, row: MilestonesTable): Promise<void> {
  await db.insertInto('milestones').values(row).execute();
}

export async function updateMilestoneRow(db: DbOrTrx, id: string, values: Partial<MilestonesTable>): Promise<void> {
  await db.updateTable('milestones').set(values).where('id', '=', id).execute();
}

export async function replaceImportedUpdate(db: DbOrTrx, milestoneId: string, update: ProgressUpdatesTable | null): Promise<void> {
  await db.deleteFrom('progress_updates').where('milestone_id', '=', milestoneId).where('source', '=', 'import').execute();
  if (update) await db.insertInto('progress_updates').values(update).execute();
}
