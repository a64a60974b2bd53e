import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireActor } from '../../platform/guards.ts';
import { authorize } from '../../platform/policies.ts';
import type { Actor } from '../../platform/roles.ts';
import { type CommitmentRecord, getCommitment } from './commitments.service.ts';

// Who may act on a commitment is decided by its member: the Support Unit and the member's points of
// contact manage it; only the points of contact report its progress (src/platform/policies.ts).

export type CommitmentAction = 'commitment.manage' | 'commitment.progress.update';

export const ogpIdOf = (request: FastifyRequest): string => (request.params as { ogpId: string }).ogpId;

/**
 * An onRequest hook: it refuses before the CSRF and body checks, so the signed-out get the sign-in page
 * (GET) or 401 (POST), everyone else without the right 403, and a refused person never sees a re-rendered form.
 */
export const mayOnCommitment =
  (app: FastifyInstance, action: CommitmentAction) =>
  async (request: FastifyRequest): Promise<void> => {
    const commitment = await getCommitment(app.ctx.db, ogpIdOf(request));
    authorize(request.actor, action, { memberId: commitment.member_id });
  };

/** The commitment in the address and the signed-in person allowed to do `action` to it. */
export async function actingOn(
  app: FastifyInstance,
  request: FastifyRequest,
  action: CommitmentAction,
): Promise<{ commitment: CommitmentRecord; actor: Actor }> {
  const commitment = await getCommitment(app.ctx.db, ogpIdOf(request));
  return { commitment, actor: requireActor(request, action, { memberId: commitment.member_id }) };
}
