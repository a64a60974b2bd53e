import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { actingOn, mayOnCommitment, ogpIdOf } from './commitment-access.ts';
import { CommitmentParams, MilestoneBody, MilestoneParams } from './commitments.schemas.ts';
import { commitmentPath, getCommitment, getMilestone, milestoneHasUpdates, type MilestoneRow } from './commitments.service.ts';
import { evidenceLinksText } from './evidence-links.ts';
import { addMilestone, DESCRIPTION_MAX, editMilestone, removeMilestone, WEIGHT_MAX } from './milestones.service.ts';

const FORM_VIEW = 'modules/commitments/views/milestone-form.njk';
const REMOVE_VIEW = 'modules/commitments/views/milestone-remove.njk';

const milestoneIdOf = (request: FastifyRequest): string => (request.params as { milestoneId: string }).milestoneId;

/** The values an edit form starts with: the milestone as it is now. */
const formValues = (m: MilestoneRow): Record<string, string> => ({
  title: m.title,
  description: m.description,
  startDate: m.start_date ?? '',
  dueDate: m.due_date ?? '',
  weight: String(m.weight),
  evidence: evidenceLinksText(m.evidence_links),
});

/** Adding, editing and removing a commitment's milestones: the Support Unit's and the member's points of contact's work. */
export async function milestonesRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.ctx;
  const mayManage = mayOnCommitment(app, 'commitment.manage');

  async function createContext(request: FastifyRequest): Promise<Record<string, unknown>> {
    const commitment = await getCommitment(db, ogpIdOf(request));
    const path = commitmentPath(commitment.ogp_id);
    return { mode: 'create', commitment, path, action: `${path}/milestones/new`, descriptionMax: DESCRIPTION_MAX, weightMax: WEIGHT_MAX };
  }

  async function editContext(request: FastifyRequest): Promise<Record<string, unknown>> {
    const commitment = await getCommitment(db, ogpIdOf(request));
    const milestone = await getMilestone(db, commitment.id, milestoneIdOf(request));
    const path = commitmentPath(commitment.ogp_id);
    const action = `${path}/milestones/${encodeURIComponent(milestone.id)}/edit`;
    return { mode: 'edit', commitment, milestone, path, action, descriptionMax: DESCRIPTION_MAX, weightMax: WEIGHT_MAX };
  }

  async function removeContext(request: FastifyRequest): Promise<Record<string, unknown>> {
    const commitment = await getCommitment(db, ogpIdOf(request));
    const milestone = await getMilestone(db, commitment.id, milestoneIdOf(request));
    const path = commitmentPath(commitment.ogp_id);
    return {
      commitment,
      milestone,
      path,
      action: `${path}/milestones/${encodeURIComponent(milestone.id)}/remove`,
      hasUpdates: await milestoneHasUpdates(db, milestone.id),
    };
  }

  r.get('/commitments/:ogpId/milestones/new', { schema: { params: CommitmentParams }, onRequest: mayManage }, async (request, reply) => {
    return reply.view(FORM_VIEW, { ...(await createContext(request)), values: { weight: '1' } });
  });

  r.post(
    '/commitments/:ogpId/milestones/new',
    { schema: { params: CommitmentParams, body: MilestoneBody }, onRequest: mayManage, config: { form: { view: FORM_VIEW, context: createContext } } },
    async (request, reply) => {
      const { commitment, actor } = await actingOn(app, request, 'commitment.manage');
      await addMilestone(app.ctx, actor, commitment.id, request.body);
      return reply.redirect(`${commitmentPath(commitment.ogp_id)}?done=milestone_added#milestones`, 303);
    },
  );

  r.get('/commitments/:ogpId/milestones/:milestoneId/edit', { schema: { params: MilestoneParams }, onRequest: mayManage }, async (request, reply) => {
    const context = await editContext(request);
    return reply.view(FORM_VIEW, { ...context, values: formValues(context.milestone as MilestoneRow) });
  });

  r.post(
    '/commitments/:ogpId/milestones/:milestoneId/edit',
    { schema: { params: MilestoneParams, body: MilestoneBody }, onRequest: mayManage, config: { form: { view: FORM_VIEW, context: editContext } } },
    async (request, reply) => {
      const { commitment, actor } = await actingOn(app, request, 'commitment.manage');
      await editMilestone(app.ctx, actor, commitment.id, request.params.milestoneId, request.body);
      return reply.redirect(`${commitmentPath(commitment.ogp_id)}?done=milestone_updated#milestones`, 303);
    },
  );

  r.get('/commitments/:ogpId/milestones/:milestoneId/remove', { schema: { params: MilestoneParams }, onRequest: mayManage }, async (request, reply) => {
    return reply.view(REMOVE_VIEW, { ...(await removeContext(request)), values: {} });
  });

  r.post(
    '/commitments/:ogpId/milestones/:milestoneId/remove',
    { schema: { params: MilestoneParams }, onRequest: mayManage, config: { form: { view: REMOVE_VIEW, context: removeContext } } },
    async (request, reply) => {
      const { commitment, actor } = await actingOn(app, request, 'commitment.manage');
      await removeMilestone(app.ctx, actor, commitment.id, request.params.milestoneId);
      return reply.redirect(`${commitmentPath(commitment.ogp_id)}?done=milestone_removed#milestones`, 303);
    },
  );
}
