import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Type } from 'typebox';
import { notFound } from '../../platform/errors.ts';
import { authorize } from '../../platform/policies.ts';
import { requireAction, requireActor } from '../../platform/guards.ts';
import { planName } from './plan-views.ts';
import { PLAN_VIEW, planAndMember, planPageContext, planPath } from './plan-page.ts';
import { AssessmentFormBody, AssessmentParams, CommentBody, PlanParams } from './plans.schemas.ts';
import { findSelfAssessment, listPlanSelfAssessments } from './self-assessments.repository.ts';
import {
  addComment,
  ASSESSMENT_KINDS,
  type AssessmentInput,
  type AssessmentKind,
  BODY_MAX,
  COMMENT_PERIOD_DAYS,
  commentField,
  defaultCommentPeriod,
  isAssessmentKind,
  publishSelfAssessment,
  updateSelfAssessment,
} from './self-assessments.service.ts';

// A plan's self-assessments: published and corrected by those who manage the plan, commented on
// by anyone signed in while the comment period is open.

const FORM_VIEW = 'modules/plans/views/self-assessment-form.njk';

const kindOf = (request: FastifyRequest): AssessmentKind => {
  const kind = (request.params as { kind?: string }).kind;
  if (!isAssessmentKind(kind)) throw notFound();
  return kind;
};

const assessmentInput = (body: Type.Static<typeof AssessmentFormBody>): AssessmentInput => ({
  body: body.body ?? '',
  documentUrl: body.documentUrl ?? '',
  commentsOpenOn: body.commentsOpenOn ?? '',
  commentsCloseOn: body.commentsCloseOn ?? '',
});

export async function selfAssessmentRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.ctx;

  async function formContext(request: FastifyRequest, mode: 'create' | 'edit'): Promise<Record<string, unknown>> {
    const { plan, member } = await planAndMember(app, request);
    const published = new Set((await listPlanSelfAssessments(db, plan.id)).map((a) => a.kind));
    const kind = mode === 'edit' ? kindOf(request) : null;
    return {
      mode,
      plan: { ...plan, name: planName(request.t, plan) },
      member,
      kind,
      kindItems: ASSESSMENT_KINDS.filter((k) => !published.has(k)).map((k) => ({ value: k, text: request.t(`plans.assessmentKinds.${k}`) })),
      action: kind ? `${planPath(plan.ogp_id)}/self-assessments/${kind}/edit` : `${planPath(plan.ogp_id)}/self-assessments/new`,
      cancelHref: `${planPath(plan.ogp_id)}#self-assessments`,
      bodyMax: BODY_MAX,
      periodDays: COMMENT_PERIOD_DAYS,
    };
  }

  const mayManage = async (request: FastifyRequest): Promise<void> => {
    const { member } = await planAndMember(app, request);
    authorize(request.actor, 'plan.manage', { memberId: member.id });
  };

  r.get('/plans/:ogpId/self-assessments/new', { schema: { params: PlanParams } }, async (request, reply) => {
    await mayManage(request);
    const context = await formContext(request, 'create');
    const period = defaultCommentPeriod();
    const kinds = context.kindItems as Array<{ value: string }>;
    // Both published: there is nothing left to publish, only to correct.
    if (kinds.length === 0) return reply.redirect(`${planPath((context.plan as { ogp_id: string }).ogp_id)}#self-assessments`, 303);
    return reply.view(FORM_VIEW, { ...context, values: { kind: kinds[0]?.value, commentsOpenOn: period.opensOn, commentsCloseOn: period.closesOn } });
  });

  r.post(
    '/plans/:ogpId/self-assessments/new',
    {
      schema: { params: PlanParams, body: AssessmentFormBody },
      preValidation: mayManage,
      config: { form: { view: FORM_VIEW, context: (request) => formContext(request, 'create') } },
    },
    async (request, reply) => {
      const { plan, member } = await planAndMember(app, request);
      const actor = requireActor(request, 'plan.manage', { memberId: member.id });
      await publishSelfAssessment(app.ctx, actor, plan.id, request.body.kind ?? '', assessmentInput(request.body));
      return reply.redirect(`${planPath(plan.ogp_id)}#self-assessments`, 303);
    },
  );

  r.get('/plans/:ogpId/self-assessments/:kind/edit', { schema: { params: AssessmentParams } }, async (request, reply) => {
    await mayManage(request);
    const { plan } = await planAndMember(app, request);
    const assessment = await findSelfAssessment(db, plan.id, kindOf(request));
    if (!assessment) throw notFound();
    return reply.view(FORM_VIEW, {
      ...(await formContext(request, 'edit')),
      values: {
        body: assessment.body,
        documentUrl: assessment.document_url ?? '',
        commentsOpenOn: assessment.comments_open_on,
        commentsCloseOn: assessment.comments_close_on,
      },
    });
  });

  r.post(
    '/plans/:ogpId/self-assessments/:kind/edit',
    {
      schema: { params: AssessmentParams, body: AssessmentFormBody },
      preValidation: mayManage,
      config: { form: { view: FORM_VIEW, context: (request) => formContext(request, 'edit') } },
    },
    async (request, reply) => {
      const { plan, member } = await planAndMember(app, request);
      const actor = requireActor(request, 'plan.manage', { memberId: member.id });
      await updateSelfAssessment(app.ctx, actor, plan.id, kindOf(request), assessmentInput(request.body));
      return reply.redirect(`${planPath(plan.ogp_id)}#self-assessments`, 303);
    },
  );

  r.post(
    '/plans/:ogpId/self-assessments/:kind/comments',
    {
      schema: { params: AssessmentParams, body: CommentBody },
      onRequest: requireAction('self_assessment.comment'),
      config: { form: { view: PLAN_VIEW, context: (request) => planPageContext(app, request) } },
    },
    async (request, reply) => {
      const actor = requireActor(request, 'self_assessment.comment');
      const { plan } = await planAndMember(app, request);
      const kind = kindOf(request);
      const text = (request.body as Record<string, string | undefined>)[commentField(kind)] ?? '';
      await addComment(app.ctx, actor, plan.id, kind, text);
      return reply.redirect(`${planPath(plan.ogp_id)}#comments-${kind}`, 303);
    },
  );
}
