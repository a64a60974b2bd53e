import { COUNTRIES } from './phrases/places.ts';

/**
 * OGP's real size (scale ×1), from its published data: about 225 members (75 national), 600 action plans,
 * 6,000 commitments, 30,000 milestones and 100,000 progress updates. Organisations are not counted by OGP;
 * six per member (four government bodies, two from civil society and elsewhere) gives each member enough
 * institutions to lead and support its commitments.
 */
export const OGP_SIZE = {
  members: 225,
  plans: 600,
  commitments: 6_000,
  milestones: 30_000,
  progressUpdates: 100_000,
} as const;

export const ORGANISATIONS_PER_MEMBER = 6;
export const MAX_SCALE = 1_000;

export interface Sizes {
  members: number;
  nationalMembers: number;
  localMembers: number;
  organisations: number;
  plans: number;
  commitments: number;
  milestones: number;
  progressUpdates: number;
}

/** Exactly how many rows of each kind a scale produces; the counts a run prints and the tests check. */
export function sizesForScale(scale: number): Sizes {
  if (!Number.isFinite(scale) || scale <= 0 || scale > MAX_SCALE) throw new RangeError(`scale must be above 0 and at most ${MAX_SCALE}`);
  const members = Math.max(1, Math.round(OGP_SIZE.members * scale));
  // National members are countries, each once; past ×1 the further members are local ones.
  const nationalMembers = Math.min(COUNTRIES.length, Math.max(1, Math.round(members / 3)));
  // Every member has at least one plan and every plan at least one commitment, so tiny scales stay coherent.
  const plans = Math.max(members, Math.round(OGP_SIZE.plans * scale));
  const commitments = Math.max(plans, Math.round(OGP_SIZE.commitments * scale));
  return {
    members,
    nationalMembers,
    localMembers: members - nationalMembers,
    organisations: members * ORGANISATIONS_PER_MEMBER,
    plans,
    commitments,
    milestones: Math.round(OGP_SIZE.milestones * scale),
    progressUpdates: Math.round(OGP_SIZE.progressUpdates * scale),
  };
}
