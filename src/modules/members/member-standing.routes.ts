import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authorize } from '../../platform/policies.ts';
import { requireActor } from '../../platform/guards.ts';
import { todayIso } from './iso-dates.ts';
import { getLeadAgency, LEAD_AGENCY_CHOICES, searchLeadAgencyChoices, setLeadAgency } from './lead-agency.service.ts';
import { changeMemberStatus, REASON_MAX } from './member-status.service.ts';
import { statusItems, statusName } from './member-views.ts';
import { LeadAgencyBody, LeadAgencyQuery, MemberSlugParams, MemberStatusBody } from './members.schemas.ts';
import { getMember, SEARCH_MAX } from './members.service.ts';

// A member's standing: its status, changed by the Support Unit with a date and a reason, and its
// lead agency, chosen by the Support Unit or the member's own points of contact.

const STATUS_VIEW = 'modules/members/views/status-form.njk';
const LEAD_AGENCY_VIEW = 'modules/members/views/lead-agency.njk';

const memberPath = (slug: string): string => `/members/${encodeURIComponent(slug)}`;
const slugOf = (request: FastifyRequest): string => (request.params as { slug: string }).slug;

export async function memberStandingRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.ctx;

  /** Refuses before the body is validated, so a refused visitor never sees a re-rendered form. */
  const mayOnMember = (action: 'member.status.change' | 'member.update') => async (request: FastifyRequest): Promise<void> => {
    const member = await getMember(db, slugOf(request));
    authorize(request.actor, action, { memberId: member.id });
  };

  async function statusContext(request: FastifyRequest): Promise<Record<string, unknown>> {
    const member = await getMember(db, slugOf(request));
    return {
      member,
      statusName: statusName(request.t, member.status),
      statusItems: statusItems(request.t),
      reasonMax: REASON_MAX,
      today: todayIso(),
    };
  }

  async function leadAgencyContext(request: FastifyRequest): Promise<Record<string, unknown>> {
    const member = await getMember(db, slugOf(request));
    const asked = (request.body as { q?: unknown } | undefined)?.q ?? (request.query as { q?: unknown }).q;
    const q = (typeof asked === 'string' ? asked : '').trim().slice(0, SEARCH_MAX);
    const [current, choices] = await Promise.all([getLeadAgency(db, member.id), searchLeadAgencyChoices(db, q)]);
    return {
      member,
      current,
      q,
      searched: q !== '',
      choices: choices.items.map((o) => ({ value: o.id, text: o.name, hint: { text: request.t(`organisations.types.${o.org_type}`) }, checked: o.id === current?.id })),
      more: choices.total > choices.items.length,
      shown: LEAD_AGENCY_CHOICES,
    };
  }

  r.get('/members/:slug/status', { schema: { params: MemberSlugParams } }, async (request, reply) => {
    const member = await getMember(db, request.params.slug);
    authorize(request.actor, 'member.status.change', { memberId: member.id });
    return reply.view(STATUS_VIEW, { ...(await statusContext(request)), values: { effectiveOn: todayIso() } });
  });

  r.post(
    '/members/:slug/status',
    {
      schema: { params: MemberSlugParams, body: MemberStatusBody },
      preValidation: mayOnMember('member.status.change'),
      config: { form: { view: STATUS_VIEW, context: statusContext } },
    },
    async (request, reply) => {
      const member = await getMember(db, request.params.slug);
      const actor = requireActor(request, 'member.status.change', { memberId: member.id });
      const { status = '', effectiveOn = '', reason = '' } = request.body;
      await changeMemberStatus(app.ctx, actor, member.id, { status, effectiveOn, reason });
      return reply.redirect(`${memberPath(member.slug)}#status`, 303);
    },
  );

  r.get('/members/:slug/lead-agency', { schema: { params: MemberSlugParams, querystring: LeadAgencyQuery } }, async (request, reply) => {
    const member = await getMember(db, request.params.slug);
    authorize(request.actor, 'member.update', { memberId: member.id });
    return reply.view(LEAD_AGENCY_VIEW, { ...(await leadAgencyContext(request)), values: {} });
  });

  r.post(
    '/members/:slug/lead-agency',
    {
      schema: { params: MemberSlugParams, body: LeadAgencyBody },
      preValidation: mayOnMember('member.update'),
      config: { form: { view: LEAD_AGENCY_VIEW, context: leadAgencyContext } },
    },
    async (request, reply) => {
      const member = await getMember(db, request.params.slug);
      const actor = requireActor(request, 'member.update', { memberId: member.id });
      // An empty choice is a mistake in this form; removing the lead agency has its own button.
      await setLeadAgency(app.ctx, actor, member.id, request.body.organisationId?.trim() || '');
      return reply.redirect(`${memberPath(member.slug)}#lead-agency`, 303);
    },
  );

  r.post(
    '/members/:slug/lead-agency/remove',
    { schema: { params: MemberSlugParams }, preValidation: mayOnMember('member.update') },
    async (request, reply) => {
      const member = await getMember(db, request.params.slug);
      const actor = requireActor(request, 'member.update', { memberId: member.id });
      await setLeadAgency(app.ctx, actor, member.id, null);
      return reply.redirect(`${memberPath(member.slug)}#lead-agency`, 303);
    },
  );
}
