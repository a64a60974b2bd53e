import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { authorize } from '../../platform/policies.ts';
import { API_DEFAULT_PER_PAGE, ApiError, listResponse, oneResponse } from '../api/api.schemas.ts';
import { findMemberById } from '../members/members.repository.ts';
import { commitmentStatusGroups, countCommitmentsByPlan, listPlans, type PlanWithMember } from './plans.repository.ts';
import { PlanData, type PlanDataType, PlanDetailData, type PlanDetailDataType, PlanIdParams, PlansQuery } from './plans.schemas.ts';
import { getPlan } from './plans.service.ts';
import { summariseProgress } from './progress-summary.ts';
import { countComments, listPlanSelfAssessments } from './self-assessments.repository.ts';
import { ASSESSMENT_KINDS } from './self-assessments.service.ts';

const kindOrder = (kind: string): number => (ASSESSMENT_KINDS as readonly string[]).indexOf(kind);

// /api/v1/plans: the action plans as open data, in the API's own stable camelCase field names.

const planData = (plan: PlanWithMember, commitmentCount: number): PlanDataType => ({
  id: plan.id,
  ogpId: plan.ogp_id,
  number: plan.number,
  title: plan.title,
  member: { slug: plan.member_slug, name: plan.member_name, code: plan.member_code },
  startDate: plan.start_date,
  endDate: plan.end_date,
  dueDate: plan.due_date,
  submittedOn: plan.submitted_on,
  status: plan.status,
  commitmentCount,
  updatedAt: plan.updated_at,
});

export async function plansApiRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.ctx;

  // Open data, readable from any website's scripts, as the rest of the API; no cookies are honoured here.
  r.addHook('onRequest', async (_request, reply) => {
    reply.header('access-control-allow-origin', '*');
  });

  r.get(
    '/v1/plans',
    {
      schema: {
        tags: ['plans'],
        operationId: 'listPlans',
        summary: 'List action plans',
        description: 'Action plans in OGP id order (each member\'s together, by number), optionally only one member\'s (by OGP code) or only those at one stage.',
        querystring: PlansQuery,
        response: { 200: listResponse(PlanData, 'plans'), 400: ApiError },
      },
    },
    async (request) => {
      authorize(request.actor, 'member.view');
      const { member, status, page = 1, perPage = API_DEFAULT_PER_PAGE } = request.query;
      const result = await listPlans(db, { memberCode: member?.toUpperCase(), status }, { page, perPage });
      const counts = await countCommitmentsByPlan(db, { planIds: result.items.map((p) => p.id) });
      return {
        data: result.items.map((plan) => planData(plan, counts.get(plan.id) ?? 0)),
        meta: { total: result.total, page: result.page, perPage: result.perPage },
      };
    },
  );

  r.get(
    '/v1/plans/:ogpId',
    {
      schema: {
        tags: ['plans'],
        operationId: 'getPlan',
        summary: 'Get one action plan',
        description: 'One action plan by its OGP id, with a summary of its commitments and its published self-assessments.',
        params: PlanIdParams,
        response: { 200: oneResponse(PlanDetailData, 'plan'), 400: ApiError, 404: ApiError },
      },
    },
    async (request) => {
      authorize(request.actor, 'member.view');
      const plan = await getPlan(db, request.params.ogpId.toUpperCase());
      const [member, groups, assessments] = await Promise.all([
        findMemberById(db, plan.member_id),
        commitmentStatusGroups(db, { planId: plan.id }),
        listPlanSelfAssessments(db, plan.id),
      ]);
      if (!member) throw new Error(`Plan ${plan.ogp_id} has no member`);
      const comments = await countComments(db, assessments.map((a) => a.id));
      const progress = summariseProgress(groups);
      const data: PlanDetailDataType = {
        ...planData({ ...plan, member_slug: member.slug, member_name: member.name, member_code: member.ogp_code }, progress.total),
        commitments: {
          total: progress.total,
          byStatus: Object.fromEntries(progress.byStatus.map((s) => [s.status, s.count])),
          averageProgress: progress.averagePercent,
          averagedOver: progress.averagedOver,
        },
        selfAssessments: assessments
          .sort((a, b) => kindOrder(a.kind) - kindOrder(b.kind))
          .map((a) => ({
            kind: a.kind,
            text: a.body,
            documentUrl: a.document_url,
            commentsOpenOn: a.comments_open_on,
            commentsCloseOn: a.comments_close_on,
            commentCount: comments.get(a.id) ?? 0,
            publishedAt: a.published_at,
          })),
      };
      return { data };
    },
  );
}
