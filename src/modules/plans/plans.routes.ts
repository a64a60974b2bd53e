import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Type } from 'typebox';
import type { Translate } from '../../platform/i18n.ts';
import { authorize } from '../../platform/policies.ts';
import { requireActor } from '../../platform/guards.ts';
import { PLAN_STATUSES } from '../commitments/commitment-status.ts';
import { getMember } from '../members/members.service.ts';
import { PLAN_VIEW, planAndMember, planPageContext, planPath } from './plan-page.ts';
import { planName, planStatusName } from './plan-views.ts';
import { planIdFor } from './plan-ids.ts';
import { highestPlanNumber } from './plans.repository.ts';
import { MemberSlugParams, PlanFormBody, PlanParams } from './plans.schemas.ts';
import { createPlan, NUMBER_MAX, type PlanInput, type PlanRow, TITLE_MAX, updatePlan } from './plans.service.ts';
import { selfAssessmentRoutes } from './self-assessments.routes.ts';

const FORM_VIEW = 'modules/plans/views/form.njk';

const slugOf = (request: FastifyRequest): string => (request.params as { slug?: string }).slug ?? '';

const planInput = (body: Type.Static<typeof PlanFormBody>): PlanInput => ({
  ogpId: body.ogpId ?? '',
  number: body.number ?? '',
  title: body.title ?? '',
  startDate: body.startDate ?? '',
  endDate: body.endDate ?? '',
  dueDate: body.dueDate ?? '',
  submittedOn: body.submittedOn ?? '',
  status: body.status ?? '',
});

const formValues = (plan: PlanRow): Record<string, string> => ({
  ogpId: plan.ogp_id,
  number: String(plan.number),
  title: plan.title,
  startDate: plan.start_date ?? '',
  endDate: plan.end_date ?? '',
  dueDate: plan.due_date ?? '',
  submittedOn: plan.submitted_on ?? '',
  status: plan.status,
});

const statusItems = (t: Translate) => PLAN_STATUSES.map((status) => ({ value: status, text: planStatusName(t, status) }));

export async function plansRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.ctx;

  async function createContext(request: FastifyRequest): Promise<Record<string, unknown>> {
    const member = await getMember(db, slugOf(request));
    const next = (await highestPlanNumber(db, member.id)) + 1;
    return {
      mode: 'create',
      member,
      action: `/members/${encodeURIComponent(member.slug)}/plans/new`,
      cancelHref: `/members/${encodeURIComponent(member.slug)}#plans`,
      statusItems: statusItems(request.t),
      exampleId: member.ogp_code ? planIdFor(member.ogp_code, next) : null,
      next,
      numberMax: NUMBER_MAX,
      titleMax: TITLE_MAX,
    };
  }

  async function editContext(request: FastifyRequest): Promise<Record<string, unknown>> {
    const { plan, member } = await planAndMember(app, request);
    return {
      mode: 'edit',
      member,
      plan: { ...plan, name: planName(request.t, plan) },
      action: `${planPath(plan.ogp_id)}/edit`,
      cancelHref: planPath(plan.ogp_id),
      statusItems: statusItems(request.t),
      exampleId: member.ogp_code ? planIdFor(member.ogp_code, plan.number) : null,
      numberMax: NUMBER_MAX,
      titleMax: TITLE_MAX,
    };
  }

  // Route hooks that refuse before the body is validated, so a refused visitor never sees a re-rendered form.
  const mayCreate = async (request: FastifyRequest): Promise<void> => {
    const member = await getMember(db, slugOf(request));
    authorize(request.actor, 'plan.manage', { memberId: member.id });
  };
  const mayEdit = async (request: FastifyRequest): Promise<void> => {
    const { member } = await planAndMember(app, request);
    authorize(request.actor, 'plan.manage', { memberId: member.id });
  };

  r.get('/members/:slug/plans/new', { schema: { params: MemberSlugParams } }, async (request, reply) => {
    await mayCreate(request);
    const context = await createContext(request);
    return reply.view(FORM_VIEW, { ...context, values: { number: String(context.next), status: 'drafting' } });
  });

  r.post(
    '/members/:slug/plans/new',
    { schema: { params: MemberSlugParams, body: PlanFormBody }, preValidation: mayCreate, config: { form: { view: FORM_VIEW, context: createContext } } },
    async (request, reply) => {
      const member = await getMember(db, request.params.slug);
      const actor = requireActor(request, 'plan.manage', { memberId: member.id });
      const plan = await createPlan(app.ctx, actor, member.id, planInput(request.body));
      return reply.redirect(planPath(plan.ogp_id), 303);
    },
  );

  r.get('/plans/:ogpId', { schema: { params: PlanParams } }, async (request, reply) => {
    // A plan is part of its member's public record, so whoever may see the member may see its plans.
    authorize(request.actor, 'member.view');
    // OGP's ids are upper case; a lower-case address is answered by the canonical one.
    const canonical = request.params.ogpId.toUpperCase();
    if (canonical !== request.params.ogpId) return reply.redirect(planPath(canonical), 301);
    return reply.view(PLAN_VIEW, { ...(await planPageContext(app, request)), values: {} });
  });

  r.get('/plans/:ogpId/edit', { schema: { params: PlanParams } }, async (request, reply) => {
    const { plan, member } = await planAndMember(app, request);
    authorize(request.actor, 'plan.manage', { memberId: member.id });
    return reply.view(FORM_VIEW, { ...(await editContext(request)), values: formValues(plan) });
  });

  r.post(
    '/plans/:ogpId/edit',
    { schema: { params: PlanParams, body: PlanFormBody }, preValidation: mayEdit, config: { form: { view: FORM_VIEW, context: editContext } } },
    async (request, reply) => {
      const { plan, member } = await planAndMember(app, request);
      const actor = requireActor(request, 'plan.manage', { memberId: member.id });
      const updated = await updatePlan(app.ctx, actor, plan.id, planInput(request.body));
      return reply.redirect(planPath(updated.ogp_id), 303);
    },
  );

  await selfAssessmentRoutes(app);
}
