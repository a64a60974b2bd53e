import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireActor } from '../../platform/guards.ts';
import { authorize, can } from '../../platform/policies.ts';
import { actingOn, mayOnCommitment, ogpIdOf } from './commitment-access.ts';
import { IMPLEMENTATION_STATUSES } from './commitment-status.ts';
import { commitmentPageView } from './commitment-page-cache.ts';
import { CommitmentPageQuery, CommitmentParams, ProgressFormQuery, ProgressUpdateBody } from './commitments.schemas.ts';
import { type CommitmentRecord, commitmentPath, getCommitment, getMilestones } from './commitments.service.ts';
import { commitmentFormRoutes } from './commitment-form.routes.ts';
import { milestonesRoutes } from './milestones.routes.ts';
import { progressChartRoutes } from './progress-chart.routes.ts';
import { NARRATIVE_MAX, recordProgressUpdate } from './progress.service.ts';

const PAGE_VIEW = 'modules/commitments/views/commitment.njk';
const PROGRESS_VIEW = 'modules/commitments/views/progress-form.njk';

/** What was just saved, for the banner on the commitment's page. */
const DONE_NOTICES = new Set(['created', 'updated', 'progress', 'milestone_added', 'milestone_updated', 'milestone_removed']);

export async function commitmentsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.ctx;

  async function progressContext(request: FastifyRequest): Promise<Record<string, unknown>> {
    const commitment = await getCommitment(db, ogpIdOf(request));
    const milestones = await getMilestones(db, commitment.id);
    const t = request.t;
    return {
      commitment,
      path: commitmentPath(commitment.ogp_id),
      action: `${commitmentPath(commitment.ogp_id)}/progress/new`,
      narrativeMax: NARRATIVE_MAX,
      hasMilestones: milestones.some((m) => m.status !== 'withdrawn'),
      statusItems: IMPLEMENTATION_STATUSES.map((status) => ({
        value: status,
        text: t(`commitments.statuses.${status}`),
        hint: { text: t(`commitments.statusHints.${status}`) },
      })),
      milestoneItems: [
        { value: '', text: t('commitments.progressForm.wholeCommitment') },
        ...milestones.map((m) => ({ value: m.id, text: t('commitments.progressForm.milestoneOption', { number: m.position, title: m.title }) })),
      ],
    };
  }

  /** The form starts from where things stand: the chosen milestone's figures, or the commitment's. */
  async function progressStart(commitment: CommitmentRecord, milestoneId: string | undefined): Promise<Record<string, string>> {
    const milestone = milestoneId ? (await getMilestones(db, commitment.id)).find((m) => m.id === milestoneId) : undefined;
    if (milestone) return { milestone: milestone.id, status: milestone.status, percent: String(milestone.percent_complete) };
    return { milestone: '', status: commitment.implementation_status, percent: commitment.progress_percent === null ? '' : String(commitment.progress_percent) };
  }

  r.get('/commitments/:ogpId', { schema: { params: CommitmentParams, querystring: CommitmentPageQuery } }, async (request, reply) => {
    authorize(request.actor, 'commitment.view');
    const page = await commitmentPageView(db, request.params.ogpId, request.t, request.lang);
    const resource = { memberId: page.commitment.member_id };
    const done = request.query.done ?? '';
    return reply.view(PAGE_VIEW, {
      ...page,
      canUpdateProgress: can(request.actor, 'commitment.progress.update', resource),
      canManage: can(request.actor, 'commitment.manage', resource),
      notice: DONE_NOTICES.has(done) ? request.t(`commitments.done.${done}`) : null,
    });
  });

  r.get(
    '/commitments/:ogpId/progress/new',
    { schema: { params: CommitmentParams, querystring: ProgressFormQuery }, onRequest: mayOnCommitment(app, 'commitment.progress.update') },
    async (request, reply) => {
      const { commitment } = await actingOn(app, request, 'commitment.progress.update');
      return reply.view(PROGRESS_VIEW, { ...(await progressContext(request)), values: await progressStart(commitment, request.query.milestone) });
    },
  );

  // The commitment read to refuse a request early is the one the update is made to: one read, not two.
  const progressTargets = new WeakMap<FastifyRequest, CommitmentRecord>();
  async function mayReportProgress(request: FastifyRequest): Promise<void> {
    const commitment = await getCommitment(db, ogpIdOf(request));
    authorize(request.actor, 'commitment.progress.update', { memberId: commitment.member_id });
    progressTargets.set(request, commitment);
  }

  r.post(
    '/commitments/:ogpId/progress/new',
    {
      schema: { params: CommitmentParams, body: ProgressUpdateBody },
      onRequest: mayReportProgress,
      config: { form: { view: PROGRESS_VIEW, context: progressContext } },
    },
    async (request, reply) => {
      const commitment = progressTargets.get(request) ?? (await getCommitment(db, ogpIdOf(request)));
      const actor = requireActor(request, 'commitment.progress.update', { memberId: commitment.member_id });
      await recordProgressUpdate(app.ctx, actor, commitment.id, request.body);
      return reply.redirect(`${commitmentPath(commitment.ogp_id)}?done=progress#timeline`, 303);
    },
  );

  await milestonesRoutes(app);
  await progressChartRoutes(app);
  await commitmentFormRoutes(app);
}
