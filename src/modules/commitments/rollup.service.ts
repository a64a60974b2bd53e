import type { DbOrTrx } from '../../db/database.ts';
import type { CommitmentsTable } from '../../db/schema.ts';
import { changedFields } from '../../platform/changes.ts';
import { nowIso } from '../../platform/ids.ts';
import { findLatestCommitmentUpdate, listMilestones, type MilestoneRow, updateCommitmentProgress } from './commitments.repository.ts';
import { rollUpProgress } from './progress.ts';

type Progress = Pick<CommitmentsTable, 'implementation_status' | 'progress_percent'>;

/** What the roll-up reads of a milestone. */
export type MilestoneProgress = Pick<MilestoneRow, 'status' | 'percent_complete' | 'weight'>;

/**
 * Works the commitment's progress out again from its milestones and latest update (see progress.ts)
 * and stores it. Returns the fields that changed, before and after, for the caller's audit event; null when none did, or
 * when nothing yet says how far the commitment has got (its stored figures, from an import say, stand).
 * `current`: every milestone of the commitment as it now stands, when the caller holds them (one query fewer);
 * read here otherwise.
 */
export async function refreshCommitmentProgress(
  trx: DbOrTrx,
  commitment: Progress & { id: string },
  current?: readonly MilestoneProgress[],
): Promise<{ before: Partial<Progress>; after: Partial<Progress> } | null> {
  // One after the other: a transaction holds one connection.
  const milestones = current ?? (await listMilestones(trx, commitment.id));
  const latest = await findLatestCommitmentUpdate(trx, commitment.id);
  const rolled = rollUpProgress({
    milestones: milestones.map((m) => ({ status: m.status, percentComplete: m.percent_complete, weight: m.weight })),
    latestUpdate: latest ? { status: latest.status, percentComplete: latest.percent_complete } : null,
  });
  if (rolled.basis === 'none') return null;
  const before: Progress = { implementation_status: commitment.implementation_status, progress_percent: commitment.progress_percent };
  const after: Progress = { implementation_status: rolled.status, progress_percent: rolled.percent };
  const changes = changedFields<Progress>(before, after);
  if (changes) await updateCommitmentProgress(trx, commitment.id, { ...after, updated_at: nowIso() });
  return changes;
}
