import type { DbOrTrx } from '../../db/database.ts';
import type { SelfAssessmentCommentsTable, SelfAssessmentsTable } from '../../db/schema.ts';

export type SelfAssessmentRow = SelfAssessmentsTable;
export type SelfAssessmentCommentRow = SelfAssessmentCommentsTable;

export type EditableAssessmentFields = Pick<SelfAssessmentRow, 'body' | 'document_url' | 'comments_open_on' | 'comments_close_on'>;

export function listPlanSelfAssessments(db: DbOrTrx, planId: string): Promise<SelfAssessmentRow[]> {
  return db.selectFrom('self_assessments').selectAll().where('plan_id', '=', planId).execute();
}

export function findSelfAssessment(db: DbOrTrx, planId: string, kind: string): Promise<SelfAssessmentRow | undefined> {
  return db.selectFrom('self_assessments').selectAll().where('plan_id', '=', planId).where('kind', '=', kind).executeTakeFirst();
}

export async function insertSelfAssessment(db: DbOrTrx, row: SelfAssessmentRow): Promise<void> {
  await db.insertInto('self_assessments').values(row).execute();
}

export async function updateSelfAssessment(db: DbOrTrx, id: string, changes: EditableAssessmentFields & { updated_at: string }): Promise<void> {
  await db.updateTable('self_assessments').set(changes).where('id', '=', id).execute();
}

export async function insertComment(db: DbOrTrx, row: SelfAssessmentCommentRow): Promise<void> {
  await db.insertInto('self_assessment_comments').values(row).execute();
}

export interface PublicComment {
  id: string;
  self_assessment_id: string;
  body: string;
  created_at: string;
  /** The author's display name, never their email; null once the account is gone. */
  author_name: string | null;
}

/** The comments on these self-assessments, oldest first, with their authors' names. */
export function listComments(db: DbOrTrx, assessmentIds: string[]): Promise<PublicComment[]> {
  if (assessmentIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('self_assessment_comments')
    .leftJoin('users', 'users.id', 'self_assessment_comments.author_id')
    .select([
      'self_assessment_comments.id',
      'self_assessment_comments.self_assessment_id',
      'self_assessment_comments.body',
      'self_assessment_comments.created_at',
      'users.display_name as author_name',
    ])
    .where('self_assessment_comments.self_assessment_id', 'in', assessmentIds)
    .orderBy('self_assessment_comments.created_at')
    .orderBy('self_assessment_comments.id')
    .execute();
}

/** How many comments each self-assessment has, in one grouped query. */
export async function countComments(db: DbOrTrx, assessmentIds: string[]): Promise<Map<string, number>> {
  if (assessmentIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('self_assessment_comments')
    .select(['self_assessment_id', (eb) => eb.fn.countAll<number>().as('count')])
    .where('self_assessment_id', 'in', assessmentIds)
    .groupBy('self_assessment_id')
    .execute();
  return new Map(rows.map((r) => [r.self_assessment_id, Number(r.count)]));
}
