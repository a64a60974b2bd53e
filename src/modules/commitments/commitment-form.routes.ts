import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Type } from 'typebox';
import type { CommitmentsTable } from '../../db/schema.ts';
import { requireActor } from '../../platform/guards.ts';
import { authorize } from '../../platform/policies.ts';
import { findMemberById, type MemberRow } from '../members/members.repository.ts';
import { getPlan, type PlanRow } from '../plans/plans.service.ts';
import { actingOn, mayOnCommitment, ogpIdOf } from './commitment-access.ts';
import { FULL_TEXT_MAX, NUMBER_MAX, PLAN_MARGIN_YEARS, SECTION_MAX, THEME_MAX, TITLE_MAX, type CommitmentInput } from './commitment-fields.ts';
import { highestWholeNumber } from './commitment-form.repository.ts';
import { createCommitment, editCommitment, previewCommitmentId, storedSelection } from './commitment-form.service.ts';
import { type FormSelection, INSTITUTION_CHOICES, postedSelection, QUERY_MAX, selectionView, statedTicks } from './commitment-form-view.ts';
import { CommitmentFormBody, CommitmentParams, PlanParams } from './commitments.schemas.ts';
import { commitmentPath, getCommitment } from './commitments.service.ts';
import { formatDate } from './dates.ts';

const FORM_VIEW = 'modules/commitments/views/commitment-form.njk';
type Body = Type.Static<typeof CommitmentFormBody>;

const planPath = (ogpId: string): string => `/plans/${encodeURIComponent(ogpId)}`;

/** The form's text fields as the edit form starts them: the commitment as it is now. */
const storedValues = (c: CommitmentsTable, carriedForwardFrom: string): Record<string, string> => ({
  title: c.title,
  shortTitle: c.short_title,
  number: c.number,
  problem: c.problem,
  statusQuo: c.status_quo,
  objective: c.objective,
  ambition: c.ambition,
  fullText: c.full_text,
  theme: c.theme,
  startDate: c.start_date ?? '',
  endDate: c.end_date ?? '',
  carriedForwardFrom,
});

const inputOf = (body: Body): CommitmentInput => {
  const { find: _find, leadQuery: _lead, supportingQuery: _supporting, ...input } = body;
  return input;
};

/** The posted form without its token, to fill the fields again after a search. */
const postedValues = (body: Body): Record<string, unknown> => Object.fromEntries(Object.entries(body).filter(([key]) => key !== '_csrf'));

/** A search button was pressed rather than the save button. */
const isSearch = (body: Body): boolean => (body.find ?? '') !== '';

/** Adding a commitment to a plan, and editing one: the Support Unit's and the member's points of contact's work. */
export async function commitmentFormRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.ctx;

  async function planAndMember(request: FastifyRequest): Promise<{ plan: PlanRow; member: MemberRow }> {
    const plan = await getPlan(db, ogpIdOf(request));
    const member = await findMemberById(db, plan.member_id);
    // The foreign key makes this impossible; the check keeps the types honest.
    if (!member) throw new Error(`Plan ${plan.ogp_id} has no member`);
    return { plan, member };
  }

  /** Refuses before the CSRF and body checks, as mayOnCommitment does for an existing commitment. */
  const mayAddToPlan = async (request: FastifyRequest): Promise<void> => {
    const plan = await getPlan(db, ogpIdOf(request));
    authorize(request.actor, 'commitment.manage', { memberId: plan.member_id });
  };
  const mayEdit = mayOnCommitment(app, 'commitment.manage');

  /** What both forms show: the plan's period (dates are checked against it), the limits and the boxes. */
  async function sharedContext(request: FastifyRequest, plan: PlanRow, selection: FormSelection) {
    return {
      plan,
      planHref: planPath(plan.ogp_id),
      planStart: formatDate(plan.start_date, request.lang),
      planEnd: formatDate(plan.end_date, request.lang),
      marginYears: PLAN_MARGIN_YEARS,
      limits: { title: TITLE_MAX, number: NUMBER_MAX, theme: THEME_MAX, fullText: FULL_TEXT_MAX, section: SECTION_MAX, query: QUERY_MAX, choices: INSTITUTION_CHOICES },
      ...(await selectionView(db, request.t, selection)),
    };
  }

  async function createContext(request: FastifyRequest, selection: FormSelection = postedSelection(request.body)): Promise<Record<string, unknown>> {
    const { plan, member } = await planAndMember(request);
    const action = `${planPath(plan.ogp_id)}/commitments/new`;
    return { mode: 'create', member, action, cancelHref: planPath(plan.ogp_id), idPreview: await previewCommitmentId(db, member), ...(await sharedContext(request, plan, selection)) };
  }

  async function editContext(request: FastifyRequest, selection: FormSelection = postedSelection(request.body)): Promise<Record<string, unknown>> {
    const commitment = await getCommitment(db, ogpIdOf(request));
    const plan = await getPlan(db, commitment.plan_ogp_id);
    const path = commitmentPath(commitment.ogp_id);
    return { mode: 'edit', commitment, action: `${path}/edit`, cancelHref: path, ...(await sharedContext(request, plan, selection)) };
  }

  /** The form again after a search, everything typed and ticked kept; nothing is saved. */
  const showSearch = async (reply: FastifyReply, context: Record<string, unknown>, body: Body) => reply.view(FORM_VIEW, { ...context, values: postedValues(body) });

  r.get('/plans/:ogpId/commitments/new', { schema: { params: PlanParams }, onRequest: mayAddToPlan }, async (request, reply) => {
    const { plan } = await planAndMember(request);
    const empty: FormSelection = { policyAreas: [], statedValues: [], lead: [], supporting: [], leadQuery: '', supportingQuery: '' };
    const context = await createContext(request, empty);
    return reply.view(FORM_VIEW, { ...context, values: { number: String((await highestWholeNumber(db, plan.id)) + 1) } });
  });

  r.post(
    '/plans/:ogpId/commitments/new',
    { schema: { params: PlanParams, body: CommitmentFormBody }, onRequest: mayAddToPlan, config: { form: { view: FORM_VIEW, context: (request) => createContext(request) } } },
    async (request, reply) => {
      if (isSearch(request.body)) return showSearch(reply, await createContext(request), request.body);
      const { plan } = await planAndMember(request);
      const actor = requireActor(request, 'commitment.manage', { memberId: plan.member_id });
      const commitment = await createCommitment(app.ctx, actor, plan.id, inputOf(request.body));
      return reply.redirect(`${commitmentPath(commitment.ogp_id)}?done=created`, 303);
    },
  );

  r.get('/commitments/:ogpId/edit', { schema: { params: CommitmentParams }, onRequest: mayEdit }, async (request, reply) => {
    const commitment = await getCommitment(db, ogpIdOf(request));
    const stored = await storedSelection(db, commitment);
    const selection: FormSelection = { ...stored, statedValues: statedTicks(commitment), leadQuery: '', supportingQuery: '' };
    return reply.view(FORM_VIEW, { ...(await editContext(request, selection)), values: storedValues(commitment, stored.carriedForwardFrom) });
  });

  r.post(
    '/commitments/:ogpId/edit',
    { schema: { params: CommitmentParams, body: CommitmentFormBody }, onRequest: mayEdit, config: { form: { view: FORM_VIEW, context: (request) => editContext(request) } } },
    async (request, reply) => {
      if (isSearch(request.body)) return showSearch(reply, await editContext(request), request.body);
      const { commitment, actor } = await actingOn(app, request, 'commitment.manage');
      await editCommitment(app.ctx, actor, commitment.id, inputOf(request.body));
      return reply.redirect(`${commitmentPath(commitment.ogp_id)}?done=updated`, 303);
    },
  );
}
