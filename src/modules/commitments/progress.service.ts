import type { ProgressUpdatesTable } from '../../db/schema.ts';
import { recordAudit } from '../../platform/audit.ts';
import type { AppContext } from '../../platform/context.ts';
import { FieldErrorCollector, notFound } from '../../platform/errors.ts';
import { newId, nowIso } from '../../platform/ids.ts';
import type { Actor } from '../../platform/roles.ts';
import { isImplementationStatus } from './commitment-status.ts';
import { insertProgressUpdate, listMilestones, lockCommitment, type MilestoneRow, updateMilestone } from './commitments.repository.ts';
import { parseEvidenceLinks } from './evidence-links.ts';
import { refreshCommitmentProgress } from './rollup.service.ts';

export const NARRATIVE_MAX = 10000;

/** The form as typed; every field is checked here and each problem named. */
export interface ProgressUpdateInput {
  status?: string;
  percent?: string;
  narrative?: string;
  evidence?: string;
  /** A milestone's id, or blank for the whole commitment. */
  milestone?: string;
}

interface CheckedUpdate {
  status: string;
  percent: number;
  narrative: string;
  links: string[];
  milestone: MilestoneRow | null;
}

const length = (text: string): number => [...text].length;

/** A whole number from 0 to 100, as typed with or without a percent sign; NaN for anything else. */
export function parsePercent(text: string | undefined): number {
  const value = (text ?? '').trim().replace(/\s*%$/, '');
  return /^\d{1,3}$/.test(value) ? Number(value) : Number.NaN;
}

function checkUpdate(input: ProgressUpdateInput, milestones: readonly MilestoneRow[]): CheckedUpdate {
  const errors = new FieldErrorCollector();
  const status = input.status ?? '';
  const percent = parsePercent(input.percent);
  const narrative = (input.narrative ?? '').replace(/\r\n?/g, '\n').trim();
  const milestoneId = (input.milestone ?? '').trim();
  const milestone = milestoneId === '' ? null : (milestones.find((m) => m.id === milestoneId) ?? null);

  if (!isImplementationStatus(status)) errors.add('status', 'commitments.errors.statusRequired');
  if (!Number.isInteger(percent) || percent < 0 || percent > 100) errors.add('percent', 'commitments.errors.percentInvalid');
  // The status and the figure must tell the same story, as the roll-up reads them (progress.ts).
  else if (status === 'complete' && percent !== 100) errors.add('percent', 'commitments.errors.percentComplete');
  else if (status === 'not_started' && percent !== 0) errors.add('percent', 'commitments.errors.percentNotStarted');
  else if (percent === 100 && (status === 'limited' || status === 'substantial')) errors.add('percent', 'commitments.errors.percentFull');
  if (narrative === '') errors.add('narrative', 'commitments.errors.narrativeRequired');
  else if (length(narrative) > NARRATIVE_MAX) errors.add('narrative', 'commitments.errors.narrativeTooLong', { max: NARRATIVE_MAX });
  const evidence = parseEvidenceLinks(input.evidence);
  if ('problem' in evidence) errors.add('evidence', evidence.problem.key, evidence.problem.params);
  if (milestoneId !== '' && !milestone) errors.add('milestone', 'commitments.errors.milestoneUnknown');
  errors.throwIfAny();
  return { status, percent, narrative, links: 'links' in evidence ? evidence.links : [], milestone };
}

/**
 * Publishes a point of contact's progress update: a dated entry on the public timeline, the milestone
 * it is about (if any) brought up to date, and the commitment's own status and percentage worked out
 * again, all with one public audit event in the same transaction.
 */
export function recordProgressUpdate(ctx: AppContext, actor: Actor, commitmentId: string, input: ProgressUpdateInput): Promise<ProgressUpdatesTable> {
  // Updates come in bursts (a point of contact's whole plan, a busy reporting deadline): they may share a commit.
  return ctx.database.writeTransaction(async (trx) => {
    // Locked first, so a simultaneous update about another milestone waits and the roll-up sees both.
    const commitment = await lockCommitment(trx, commitmentId);
    if (!commitment) throw notFound();
    const milestones = await listMilestones(trx, commitmentId);
    const update = checkUpdate(input, milestones);
    const now = nowIso();
    const row: ProgressUpdatesTable = {
      id: newId(),
      commitment_id: commitmentId,
      milestone_id: update.milestone?.id ?? null,
      author_id: actor.id,
      status: update.status,
      percent_complete: update.percent,
      narrative: update.narrative,
      evidence_links: JSON.stringify(update.links),
      reported_on: now.slice(0, 10),
      source: 'platform',
      created_at: now,
    };
    await insertProgressUpdate(trx, row);
    const reported = { status: update.status, percent_complete: update.percent };
    if (update.milestone) await updateMilestone(trx, update.milestone.id, { ...reported, updated_at: now });
    // The milestones as they now stand: the commitment's lock keeps every other change to them out until commit.
    const current = milestones.map((m) => (m.id === update.milestone?.id ? { ...m, ...reported } : m));
    const progress = await refreshCommitmentProgress(trx, commitment, current);
    await recordAudit(trx, {
      actorId: actor.id,
      action: 'commitment.progress_updated',
      entityType: 'commitment',
      entityId: commitmentId,
      isPublic: true,
      summary: `Progress update on ${commitment.ogp_id}${update.milestone ? ` (milestone: ${update.milestone.title})` : ''}: ${update.status}, ${update.percent}%`,
      before: progress?.before ?? null,
      after: {
        ...(update.milestone ? { milestone: update.milestone.title } : {}),
        reported_status: update.status,
        reported_percent: update.percent,
        narrative: update.narrative,
        ...(update.links.length > 0 ? { evidence_links: update.links.join('\n') } : {}),
        ...(progress?.after ?? {}),
      },
    });
    return row;
  });
}
