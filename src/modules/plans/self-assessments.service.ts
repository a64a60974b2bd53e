import { recordAudit } from '../../platform/audit.ts';
import { changedFields } from '../../platform/changes.ts';
import type { AppContext } from '../../platform/context.ts';
import { FieldErrorCollector, notFound } from '../../platform/errors.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import type { Actor } from '../../platform/roles.ts';
import { addDays, parseOptionalDate, todayIso } from '../members/iso-dates.ts';
import { findPlanById } from './plans.repository.ts';
import {
  type EditableAssessmentFields,
  findSelfAssessment,
  insertComment,
  insertSelfAssessment,
  type SelfAssessmentRow,
  updateSelfAssessment as updateAssessmentRow,
} from './self-assessments.repository.ts';

/** A government reports on its plan half way through and at the end. */
export const ASSESSMENT_KINDS = ['mid_term', 'end_of_term'] as const;
export type AssessmentKind = (typeof ASSESSMENT_KINDS)[number];
export const isAssessmentKind = (value: unknown): value is AssessmentKind =>
  typeof value === 'string' && (ASSESSMENT_KINDS as readonly string[]).includes(value);

/** OGP's rule: a self-assessment is open to public comment for two weeks. */
export const COMMENT_PERIOD_DAYS = 14;
export const BODY_MAX = 20_000;
export const URL_MAX = 2_000;
export const COMMENT_MAX = 5_000;

/** The comment form's field for each kind: both forms share the plan page, so their fields need their own names. */
export const commentField = (kind: AssessmentKind): string => (kind === 'mid_term' ? 'midTermComment' : 'endOfTermComment');

/** The period a new self-assessment starts with: from today, for two weeks, both days included. */
export function defaultCommentPeriod(today: string = todayIso()): { opensOn: string; closesOn: string } {
  return { opensOn: today, closesOn: addDays(today, COMMENT_PERIOD_DAYS - 1) };
}

export type CommentWindow = 'not_open' | 'open' | 'closed';

/** Whether people may comment today; the closing day is included in full (UTC). */
export function commentWindow(assessment: Pick<SelfAssessmentRow, 'comments_open_on' | 'comments_close_on'>, today: string = todayIso()): CommentWindow {
  if (today < assessment.comments_open_on) return 'not_open';
  return today > assessment.comments_close_on ? 'closed' : 'open';
}

export interface AssessmentInput {
  body: string;
  documentUrl: string;
  commentsOpenOn: string;
  commentsCloseOn: string;
}

function isWebAddress(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

function checkAssessment(input: AssessmentInput, errors: FieldErrorCollector): EditableAssessmentFields {
  const body = input.body.trim();
  const documentUrl = input.documentUrl.trim();
  if ([...body].length > BODY_MAX) errors.add('body', 'plans.errors.assessmentBodyTooLong', { max: BODY_MAX });
  if (documentUrl !== '' && (documentUrl.length > URL_MAX || !isWebAddress(documentUrl))) errors.add('documentUrl', 'plans.errors.documentUrlInvalid');
  if (body === '' && documentUrl === '') errors.add('body', 'plans.errors.assessmentEmpty');
  const opens = parseOptionalDate(input.commentsOpenOn);
  const closes = parseOptionalDate(input.commentsCloseOn);
  if (!opens.ok || opens.value === null) errors.add('commentsOpenOn', 'plans.errors.commentsOpenOnInvalid');
  if (!closes.ok || closes.value === null) errors.add('commentsCloseOn', 'plans.errors.commentsCloseOnInvalid');
  const opensOn = opens.ok ? (opens.value ?? '') : '';
  const closesOn = closes.ok ? (closes.value ?? '') : '';
  if (opensOn && closesOn && closesOn < opensOn) errors.add('commentsCloseOn', 'plans.errors.commentsCloseBeforeOpen');
  return { body, document_url: documentUrl || null, comments_open_on: opensOn, comments_close_on: closesOn };
}

/** plan.mid_term_assessment_published and its kin: one action per kind, so the history names the kind in words. */
const publishedAction = (kind: AssessmentKind, verb: 'published' | 'updated'): string => `plan.${kind}_assessment_${verb}`;

/** Publishes the plan's self-assessment of this kind; the audit event goes on the plan, whose page shows it. */
export function publishSelfAssessment(ctx: AppContext, actor: Actor, planId: string, kind: string, input: AssessmentInput): Promise<SelfAssessmentRow> {
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await findPlanById(trx, planId))) throw notFound();
    const errors = new FieldErrorCollector();
    if (!isAssessmentKind(kind)) errors.add('kind', 'plans.errors.kindInvalid');
    else if (await findSelfAssessment(trx, planId, kind)) errors.add('kind', 'plans.errors.kindPublished');
    const fields = checkAssessment(input, errors);
    errors.throwIfAny();
    const now = nowIso();
    const row: SelfAssessmentRow = { id: newId(), plan_id: planId, kind, ...fields, published_by: actor.id, published_at: now, updated_at: now };
    await insertSelfAssessment(trx, row);
    await recordAudit(trx, {
      actorId: actor.id,
      // The kind was checked above: throwIfAny has refused anything else.
      action: publishedAction(kind as AssessmentKind, 'published'),
      entityType: 'plan',
      entityId: planId,
      summary: `Self-assessment published: ${kind}`,
      after: fields,
      isPublic: true,
    });
    return row;
  });
}

export function updateSelfAssessment(ctx: AppContext, actor: Actor, planId: string, kind: AssessmentKind, input: AssessmentInput): Promise<SelfAssessmentRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const current = await findSelfAssessment(trx, planId, kind);
    if (!current) throw notFound();
    const errors = new FieldErrorCollector();
    const fields = checkAssessment(input, errors);
    errors.throwIfAny();
    const changes = changedFields<EditableAssessmentFields>(current, fields);
    if (!changes) return current;
    const updatedAt = nowIso();
    await updateAssessmentRow(trx, current.id, { ...fields, updated_at: updatedAt });
    await recordAudit(trx, {
      actorId: actor.id,
      action: publishedAction(kind, 'updated'),
      entityType: 'plan',
      entityId: planId,
      summary: `Self-assessment updated: ${kind}, ${Object.keys(changes.after).join(', ')}`,
      ...changes,
      isPublic: true,
    });
    return { ...current, ...fields, updated_at: updatedAt };
  });
}

/** Adds a signed-in person's public comment while the comment period is open, and refuses it outside. */
export function addComment(ctx: AppContext, actor: Actor, planId: string, kind: AssessmentKind, text: string): Promise<void> {
  return ctx.db.transaction().execute(async (trx) => {
    const assessment = await findSelfAssessment(trx, planId, kind);
    if (!assessment) throw notFound();
    const field = commentField(kind);
    const errors = new FieldErrorCollector();
    const body = text.trim();
    const window = commentWindow(assessment);
    if (window === 'not_open') errors.add(field, 'plans.errors.commentsNotOpen', { date: assessment.comments_open_on });
    else if (window === 'closed') errors.add(field, 'plans.errors.commentsClosed', { date: assessment.comments_close_on });
    else if (body === '') errors.add(field, 'plans.errors.commentRequired');
    else if ([...body].length > COMMENT_MAX) errors.add(field, 'plans.errors.commentTooLong', { max: COMMENT_MAX });
    errors.throwIfAny();
    const comment = { id: newId(), self_assessment_id: assessment.id, author_id: actor.id, body, created_at: nowIso() };
    await insertComment(trx, comment);
    // The comment itself is public on the plan page; the event is for the log, not the plan's history.
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'self_assessment.commented',
      entityType: 'self_assessment',
      entityId: assessment.id,
      summary: `Comment on the ${kind} self-assessment`,
      after: { comment: body },
    });
  });
}
