import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authorize, can } from '../../platform/policies.ts';
import { PAGE_SIZE, paginationParams, parsePageNumber } from '../../platform/pagination.ts';
import { requireActor } from '../../platform/guards.ts';
import { describeHistory } from '../audit/audit.history.ts';
import { countryName } from './country-codes.ts';
import { isMemberType, MEMBER_TYPES } from './member-types.ts';
import { MemberCreateBody, MemberEditBody, MemberListQuery, MemberSlugParams } from './members.schemas.ts';
import {
  createMember,
  FIRST_JOIN_YEAR,
  getMember,
  getMemberProfile,
  lastJoinYear,
  type MemberRow,
  SEARCH_MAX,
  searchMembers,
  updateMember,
} from './members.service.ts';

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

const formValues = (m: MemberRow): Record<string, string> => ({
  name: m.name,
  countryCode: m.country_code ?? '',
  joinedYear: m.joined_year === null ? '' : String(m.joined_year),
});

export async function membersRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.ctx;

  const createContext = (request: FastifyRequest) => ({
    mode: 'create',
    action: '/members/new',
    years: { min: FIRST_JOIN_YEAR, max: lastJoinYear() },
    typeItems: MEMBER_TYPES.map((type) => ({ value: type, text: request.t(`members.types.${type}`) })),
  });

  async function editContext(request: FastifyRequest): Promise<Record<string, unknown>> {
    const member = await getMember(db, slugOf(request));
    return { mode: 'edit', member, action: `${memberPath(member.slug)}/edit`, years: { min: FIRST_JOIN_YEAR, max: lastJoinYear() } };
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
    // An unknown type in the address is ignored rather than refused: it is only a filter.
    const type = isMemberType(request.query.type) ? request.query.type : '';
    const page = parsePageNumber(request.query.page);
    const result = await searchMembers(db, { q, memberType: type, page, perPage: PAGE_SIZE });
    return reply.view(LIST_VIEW, {
      q,
      type,
      typeItems: [{ value: '', text: t('members.list.allTypes') }, ...MEMBER_TYPES.map((v) => ({ value: v, text: t(`members.types.${v}`) }))],
      members: result.items.map((m) => ({
        ...m,
        typeName: t(`members.types.${m.member_type}`),
        countryName: m.country_code ? countryName(m.country_code, request.lang) : '',
      })),
      total: result.total,
      filtered: q !== '' || type !== '',
      pagination: paginationParams(t, '/members', { q, type }, result),
    });
  });

  r.get('/members/new', async (request, reply) => {
    authorize(request.actor, 'member.create');
    return reply.view(FORM_VIEW, { ...createContext(request), values: {} });
  });

  r.post(
    '/members/new',
    { schema: { body: MemberCreateBody }, preValidation: mayCreate, config: { form: { view: FORM_VIEW, context: createContext } } },
    async (request, reply) => {
      const actor = requireActor(request, 'member.create');
      const body = request.body;
      const member = await createMember(app.ctx, actor, {
        name: body.name ?? '',
        memberType: body.memberType ?? '',
        countryCode: body.countryCode,
        joinedYear: parseYear(body.joinedYear),
      });
      return reply.redirect(memberPath(member.slug), 303);
    },
  );

  r.get('/members/:slug', { schema: { params: MemberSlugParams } }, async (request, reply) => {
    authorize(request.actor, 'member.view');
    const { member, contacts, history } = await getMemberProfile(db, request.params.slug);
    return reply.view(PROFILE_VIEW, {
      member,
      typeName: request.t(`members.types.${member.member_type}`),
      countryName: member.country_code ? countryName(member.country_code, request.lang) : null,
      contacts,
      history: describeHistory(request.t, request.lang, history),
      canEdit: can(request.actor, 'member.update', { memberId: member.id }),
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
      const body = request.body;
      await updateMember(app.ctx, actor, member.id, {
        name: body.name ?? '',
        countryCode: body.countryCode,
        joinedYear: parseYear(body.joinedYear),
      });
      return reply.redirect(memberPath(member.slug), 303);
    },
  );
}
