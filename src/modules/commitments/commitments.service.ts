import type { DbOrTrx } from '../../db/database.ts';
import { notFound } from '../../platform/errors.ts';
import { listPublicHistory } from '../audit/audit.repository.ts';
import { findSimilarCommitments, type SimilarCommitment } from '../explorer/similar.ts';
import {
  type CommitmentLink,
  countMilestoneUpdates,
  type CommitmentRecord,
  findCommitmentByOgpId,
  findCommitmentLink,
  findIrmAssessment,
  findMilestone,
  type InstitutionLink,
  listCarriedForwardInto,
  listInstitutions,
  listMilestones,
  listProgressUpdates,
  listStars,
  listTags,
  type MilestoneRow,
  type TimelineRow,
} from './commitments.repository.ts';

export type { CommitmentRecord, MilestoneRow } from './commitments.repository.ts';

export const commitmentPath = (ogpId: string): string => `/commitments/${encodeURIComponent(ogpId)}`;

export async function getCommitment(db: DbOrTrx, ogpId: string): Promise<CommitmentRecord> {
  const commitment = await findCommitmentByOgpId(db, ogpId);
  if (!commitment) throw notFound();
  return commitment;
}

export async function getMilestone(db: DbOrTrx, commitmentId: string, milestoneId: string): Promise<MilestoneRow> {
  const milestone = await findMilestone(db, commitmentId, milestoneId);
  if (!milestone) throw notFound();
  return milestone;
}

/** The commitment's milestones in their order, for the progress form's choice. */
export const getMilestones = (db: DbOrTrx, commitmentId: string): Promise<MilestoneRow[]> => listMilestones(db, commitmentId);

/** Whether progress has been reported on the milestone, which keeps it from being removed. */
export const milestoneHasUpdates = async (db: DbOrTrx, milestoneId: string): Promise<boolean> => (await countMilestoneUpdates(db, milestoneId)) > 0;

/** The commitment's progress updates, newest first, as the timeline and the chart read them. */
export async function getProgressUpdates(db: DbOrTrx, ogpId: string): Promise<TimelineRow[]> {
  return listProgressUpdates(db, (await getCommitment(db, ogpId)).id);
}

export interface CommitmentDetails {
  commitment: CommitmentRecord;
  institutions: InstitutionLink[];
  tags: Array<{ vocabulary: string; tag: string }>;
  irm: Awaited<ReturnType<typeof findIrmAssessment>>;
  stars: Awaited<ReturnType<typeof listStars>>;
  milestones: MilestoneRow[];
  updates: TimelineRow[];
  carriedForwardFrom: CommitmentLink | undefined;
  carriedForwardInto: CommitmentLink[];
  history: Awaited<ReturnType<typeof listPublicHistory>>;
  /** Commitments of other members with the most similar text, for peer learning. */
  similar: SimilarCommitment[];
}

/** Everything the commitment's public page shows, read one query after another. */
export async function getCommitmentDetails(db: DbOrTrx, ogpId: string): Promise<CommitmentDetails> {
  const commitment = await getCommitment(db, ogpId);
  const id = commitment.id;
  // Asked all at once: on PostgreSQL each is a round trip, and the pool answers them side by side.
  const [institutions, tags, irm, stars, milestones, updates, carriedForwardFrom, carriedForwardInto, history, similar] = await Promise.all([
    listInstitutions(db, id),
    listTags(db, id),
    findIrmAssessment(db, id),
    listStars(db, id),
    listMilestones(db, id),
    listProgressUpdates(db, id),
    commitment.carried_forward_from_id ? findCommitmentLink(db, commitment.carried_forward_from_id) : undefined,
    listCarriedForwardInto(db, id),
    listPublicHistory(db, 'commitment', id),
    findSimilarCommitments(db, id),
  ]);
  return { commitment, institutions, tags, irm, stars, milestones, updates, carriedForwardFrom, carriedForwardInto, history, similar };
}
