import type { DbOrTrx } from '../../db/database.ts';
import { recordAudit } from '../../platform/audit.ts';
import { changedFields } from '../../platform/changes.ts';
import type { AppContext } from '../../platform/context.ts';
import { FieldErrorCollector, notFound, validationError } from '../../platform/errors.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import type { Actor } from '../../platform/roles.ts';
import {
  countMilestoneUpdates,
  deleteMilestone,
  findMilestone,
  insertMilestone,
  lockCommitment,
  type MilestoneRow,
  nextMilestonePosition,
  updateMilestone,
} from './commitments.repository.ts';
import { evidenceLinksText, parseEvidenceLinks } from './evidence-links.ts';
import { refreshCommitmentProgress } from './rollup.service.ts';

export const TITLE_MAX = 500;
export const DESCRIPTION_MAX = 5000;
export const WEIGHT_MAX = 1000;

/** The form as typed; every field is checked here and each problem named. */
export interface MilestoneInput {
  title?: string;
  description?: string;
  startDate?: string;
  dueDate?: string;
  weight?: string;
  evidence?: string;
}

type MilestoneFields = Pick<MilestoneRow, 'title' | 'description' | 'start_date' | 'due_date' | 'weight' | 'evidence_links'>;

const length = (text: string): number => [...text].length;

/** A calendar date as YYYY-MM-DD (what a date field sends), checked to exist: 2025-02-30 does not. */
export function parseDate(text: string | undefined): string | null | undefined {
  const value = (text ?? '').trim();
  if (value === '') return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? value : undefined;
}

/** A weight as typed: a positive number, decimals allowed; NaN for anything else. */
export function parseWeight(text: string | undefined): number {
  const value = (text ?? '').trim();
  return /^\d{1,4}(\.\d{1,3})?$/.test(value) ? Number(value) : Number.NaN;
}

export function validateMilestone(input: MilestoneInput): MilestoneFields {
  const errors = new FieldErrorCollector();
  const title = (input.title ?? '').trim();
  const description = (input.description ?? '').replace(/\r\n?/g, '\n').trim();
  const start = parseDate(input.startDate);
  const due = parseDate(input.dueDate);
  const weight = parseWeight(input.weight);
  if (title === '') errors.add('title', 'commitments.errors.titleRequired');
  else if (length(title) > TITLE_MAX) errors.add('title', 'commitments.errors.titleTooLong', { max: TITLE_MAX });
  if (length(description) > DESCRIPTION_MAX) errors.add('description', 'commitments.errors.descriptionTooLong', { max: DESCRIPTION_MAX });
  if (start === undefined) errors.add('startDate', 'commitments.errors.dateInvalid');
  if (due === undefined) errors.add('dueDate', 'commitments.errors.dateInvalid');
  else if (start && due && due < start) errors.add('dueDate', 'commitments.errors.dueBeforeStart');
  if (!(weight > 0 && weight <= WEIGHT_MAX)) errors.add('weight', 'commitments.errors.weightInvalid', { max: WEIGHT_MAX });
  const evidence = parseEvidenceLinks(input.evidence);
  if ('problem' in evidence) errors.add('evidence', evidence.problem.key, evidence.problem.params);
  errors.throwIfAny();
  return {
    title,
    description,
    start_date: start ?? null,
    due_date: due ?? null,
    weight,
    evidence_links: JSON.stringify('links' in evidence ? evidence.links : []),
  };
}

/** A milestone's fields as its history shows them: links one per line rather than as JSON. */
function historyValues(fields: Partial<MilestoneFields>): Record<string, unknown> {
  const { evidence_links: links, ...rest } = fields;
  return links === undefined ? rest : { ...rest, evidence_links: evidenceLinksText(links) };
}

/** The commitment, locked for the transaction: every change here ends by working its progress out again. */
async function commitmentFor(trx: DbOrTrx, commitmentId: string) {
  const commitment = await lockCommitment(trx, commitmentId);
  if (!commitment) throw notFound();
  return commitment;
}

async function milestoneOf(trx: DbOrTrx, commitmentId: string, milestoneId: string): Promise<MilestoneRow> {
  const milestone = await findMilestone(trx, commitmentId, milestoneId);
  if (!milestone) throw notFound();
  return milestone;
}

/** Adds a milestone at the end of the list; the commitment's progress is worked out again with it counted. */
export function addMilestone(ctx: AppContext, actor: Actor, commitmentId: string, input: MilestoneInput): Promise<MilestoneRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const commitment = await commitmentFor(trx, commitmentId);
    const fields = validateMilestone(input);
    const now = nowIso();
    const milestone: MilestoneRow = {
      id: newId(),
      commitment_id: commitmentId,
      position: await nextMilestonePosition(trx, commitmentId),
      ogp_id: null,
      ...fields,
      status: 'not_started',
      percent_complete: 0,
      created_at: now,
      updated_at: now,
    };
    await insertMilestone(trx, milestone);
    const progress = await refreshCommitmentProgress(trx, commitment);
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'commitment.milestone_added',
      entityType: 'commitment',
      entityId: commitmentId,
      isPublic: true,
      summary: `Milestone added to ${commitment.ogp_id}: ${fields.title}`,
      before: progress?.before ?? null,
      after: { ...historyValues(fields), ...(progress?.after ?? {}) },
    });
    return milestone;
  });
}

/** Saves an edit; an unchanged form leaves no trace. Status and percentage change only through progress updates. */
export function editMilestone(ctx: AppContext, actor: Actor, commitmentId: string, milestoneId: string, input: MilestoneInput): Promise<MilestoneRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const commitment = await commitmentFor(trx, commitmentId);
    const current = await milestoneOf(trx, commitmentId, milestoneId);
    const fields = validateMilestone(input);
    const changes = changedFields<MilestoneFields>(current, fields);
    if (!changes) return current;
    await updateMilestone(trx, milestoneId, { ...fields, updated_at: nowIso() });
    const progress = await refreshCommitmentProgress(trx, commitment);
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'commitment.milestone_updated',
      entityType: 'commitment',
      entityId: commitmentId,
      isPublic: true,
      summary: `Milestone of ${commitment.ogp_id} updated: ${Object.keys(changes.after).join(', ')}`,
      // The title names the milestone in the history even when the title is not what changed.
      before: { milestone: current.title, ...historyValues(changes.before), ...(progress?.before ?? {}) },
      after: { milestone: fields.title, ...historyValues(changes.after), ...(progress?.after ?? {}) },
    });
    return { ...current, ...fields };
  });
}

/**
 * Removes a milestone. One with progress updates stays: they are part of the public timeline, which
 * removing it would erase; it can be marked withdrawn by a progress update instead.
 */
export function removeMilestone(ctx: AppContext, actor: Actor, commitmentId: string, milestoneId: string): Promise<MilestoneRow> {
  return ctx.db.transaction().execute(async (trx) => {
    const commitment = await commitmentFor(trx, commitmentId);
    const milestone = await milestoneOf(trx, commitmentId, milestoneId);
    if ((await countMilestoneUpdates(trx, milestoneId)) > 0) throw validationError({ milestone: { key: 'commitments.errors.milestoneHasUpdates' } });
    await deleteMilestone(trx, milestoneId);
    const progress = await refreshCommitmentProgress(trx, commitment);
    const { title, description, start_date, due_date, weight, evidence_links } = milestone;
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'commitment.milestone_removed',
      entityType: 'commitment',
      entityId: commitmentId,
      isPublic: true,
      summary: `Milestone removed from ${commitment.ogp_id}: ${title}`,
      before: { ...historyValues({ title, description, start_date, due_date, weight, evidence_links }), ...(progress?.before ?? {}) },
      after: progress?.after ?? null,
    });
    return milestone;
  });
}
