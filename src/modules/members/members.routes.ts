import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Type } from 'typebox';
import { authorize, can } from '../../platform/policies.ts';
import { PAGE_SIZE, paginationParams, parsePageNumber } from '../../platform/pagination.ts';
import { requireActor } from '../../platform/guards.ts';
import { describeHistory } from '../audit/audit.history.ts';
import { MEMBER_STATUSES } from '../commitments/commitment-status.ts';
import { planViews } from '../plans/plan-views.ts';
import { countryName } from './country-codes.ts';
import { memberProfile } from './member-page-cache.ts';
import { cohortForYear } from './cohorts.ts';
import { memberStandingRoutes } from './member-standing.routes.ts';
import { isMemberStatus } from './member-status.service.ts';
import { cohortItems, formValues, regionItems, regionName, statusName, typeItems } from './member-views.ts';
import { isMemberType } from './member-types.ts';
import { MemberCreateBody, MemberEditBody, MemberListQuery, MemberSlugParams } from './members.schemas.ts';
import {
  createMember,
  FIRST_JOIN_YEAR,
  getMember,
  lastJoinYear,
  type MemberChanges,
  SEARCH_MAX,
  searchMembers,
  updateMember,
} from './members.service.ts';
import { isRegion } from './regions.ts';

const LIST_VIEW = 'modules/members/views/list.njk';
const PROFILE_VIEW = 'modules/members/views/profile.njk';
const FORM_VIEW = 'modules/members/views/form.njk';

export const memberPath = (slug: string): string => `/members/${encodeURIComponent(slug)}`;

/** A year as typed: blank means not known, anything but digits can never be a valid year. */
export function parseYear(text: string | undefined): number | null {
  const value = (text ?? '').trim();
  if (value === '') return null;
  return /^\d{1,6}$/.test(value) ? Number(value) : Number.NaN;
}

const slugOf = (request: FastifyRequest): string => (request.params as { slug: string }).slug;

/** The form as the service takes it. */
const memberChanges = (body: Type.Static<typeof MemberEditBody>): MemberChanges => ({
  name: body.name ?? '',
  countryCode: body.countryCode,
  joinedYear: parseYear(body.joinedYear),
  joinedOn: body.joinedOn,
  ogpCode: body.ogpCode,
  region: body.region,
  cohort: body.cohort,
});

export async function membersRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.ctx;

  const formContext = (request: FastifyRequest) => ({
    years: { min: FIRST_JOIN_YEAR, max: lastJoinYear() },
    regionItems: regionItems(request.t, request.t('members.form.regionNotRecorded')),
    cohortItems: cohortItems(request.t),
  });

  const createContext = (request: FastifyRequest) => ({
    ...formContext(request),
    mode: 'create',
    action: '/members/new',
    typeItems: typeItems(request.t),
  });

  async function editContext(request: FastifyRequest): Promise<Record<string, unknown>> {
    const member = await getMember(db, slugOf(request));
    return { ...formContext(request), mode: 'edit', member, action: `${memberPath(member.slug)}/edit` };
  }

  // Route hooks that refuse before the body is validated, so a refused visitor never sees a re-rendered form.
  const mayCreate = async (request: FastifyRequest): Promise<void> => authorize(request.actor, 'member.create');
  const mayUpdate = async (request: FastifyRequest): Promise<void> => {
    const member = await getMember(db, slugOf(request));
    authorize(request.actor, 'member.update', { memberId: member.id });
  };

  r.get('/members', { schema: { querystring: MemberListQuery } }, async (request, reply) => {
    authorize(request.actor, 'member.view');
    const t = request.t;
    const q = (request.query.q ?? '').trim().slice(0, SEARCH_MAX);
    // Unknown values in the address are ignored rather than refused: they are only filters.
    const type = isMemberType(request.query.type) ? request.query.type : '';
    const region = isRegion(request.query.region) ? request.query.region : '';
    const status = isMemberStatus(request.query.status) ? request.query.status : '';
    const page = parsePageNumber(request.query.page);
    const result = await searchMembers(db, { q, memberType: type, region, status, page, perPage: PAGE_SIZE });
    return reply.view(LIST_VIEW, {
      q,
      type,
      region,
      status,
      typeItems: [{ value: '', text: t('members.list.allTypes') }, ...typeItems(t)],
      regionItems: regionItems(t, t('members.list.allRegions')),
      statusItems: [{ value: '', text: t('members.list.allStatuses') }, ...MEMBER_STATUSES.map((s) => ({ value: s, text: statusName(t, s) }))],
      members: result.items.map((m) => ({
        ...m,
        typeName: t(`members.types.${m.member_type}`),
        countryName: m.country_code ? countryName(m.country_code, request.lang) : '',
        regionName: regionName(t, m.region) ?? '',
        statusName: statusName(t, m.status),
      })),
      total: result.total,
      filtered: q !== '' || type !== '' || region !== '' || status !== '',
      pagination: paginationParams(t, '/members', { q, type, region, status }, result),
    });
  });

  r.get('/members/new', async (request, reply) => {
    authorize(request.actor, 'member.create');
    return reply.view(FORM_VIEW, { ...createContext(request), values: { cohort: 'auto' } });
  });

  r.post(
    '/members/new',
    { schema: { body: MemberCreateBody }, preValidation: mayCreate, config: { form: { view: FORM_VIEW, context: createContext } } },
    async (request, reply) => {
      const actor = requireActor(request, 'member.create');
      const member = await createMember(app.ctx, actor, { ...memberChanges(request.body), memberType: request.body.memberType ?? '' });
      return reply.redirect(memberPath(member.slug), 303);
    },
  );

  r.get('/members/:slug', { schema: { params: MemberSlugParams } }, async (request, reply) => {
    authorize(request.actor, 'member.view');
    const t = request.t;
    const { member, contacts, history, statusHistory, leadAgency, summary } = await memberProfile(db, request.params.slug);
    const resource = { memberId: member.id };
    return reply.view(PROFILE_VIEW, {
      member,
      typeName: t(`members.types.${member.member_type}`),
      countryName: member.country_code ? countryName(member.country_code, request.lang) : null,
      regionName: regionName(t, member.region),
      statusName: statusName(t, member.status),
      cohortName: member.cohort ? t(`members.cohorts.${member.cohort}`, { defaultValue: member.cohort }) : null,
      // Said only when someone chose the other cohort, e.g. after a late plan moved the member.
      cohortMoved: member.cohort !== null && member.joined_year !== null && member.cohort !== cohortForYear(member.joined_year),
      statusHistory: [...statusHistory].reverse().map((entry) => ({ ...entry, statusName: statusName(t, entry.status) })),
      leadAgency,
      contacts,
      ...planViews(t, request.lang, summary),
      history: describeHistory(t, request.lang, history),
      canEdit: can(request.actor, 'member.update', resource),
      canChangeStatus: can(request.actor, 'member.status.change', resource),
      canManagePlans: can(request.actor, 'plan.manage', resource),
    });
  });

  r.get('/members/:slug/edit', { schema: { params: MemberSlugParams } }, async (request, reply) => {
    const member = await getMember(db, request.params.slug);
    authorize(request.actor, 'member.update', { memberId: member.id });
    return reply.view(FORM_VIEW, { ...(await editContext(request)), values: formValues(member) });
  });

  r.post(
    '/members/:slug/edit',
    { schema: { params: MemberSlugParams, body: MemberEditBody }, preValidation: mayUpdate, config: { form: { view: FORM_VIEW, context: editContext } } },
    async (request, reply) => {
      const member = await getMember(db, request.params.slug);
      const actor = requireActor(request, 'member.update', { memberId: member.id });
      await updateMember(app.ctx, actor, member.id, memberChanges(request.body));
      return reply.redirect(memberPath(member.slug), 303);
    },
  );

  await memberStandingRoutes(app);
}
