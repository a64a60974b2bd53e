import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Type } from 'typebox';
import type { Translate } from '../../platform/i18n.ts';
import { authorize, can } from '../../platform/policies.ts';
import type { Actor } from '../../platform/roles.ts';
import { describeHistory } from '../audit/audit.history.ts';
import { isOrganisationType, ORGANISATION_TYPES } from './organisation-types.ts';
import {
  addOrganisationPerson,
  createOrganisation,
  DESCRIPTION_MAX,
  getOrganisation,
  getOrganisationProfile,
  type OrganisationInput,
  type OrganisationRow,
  removeOrganisationPerson,
  SEARCH_MAX,
  searchOrganisations,
  updateOrganisation,
} from './organisations.service.ts';
import {
  OrganisationFormBody,
  OrganisationGrantParams,
  OrganisationListQuery,
  OrganisationPersonBody,
  OrganisationSlugParams,
} from './organisations.schemas.ts';
import { PAGE_SIZE, paginationParams, parsePageNumber } from '../../platform/pagination.ts';
import { requireActor } from '../../platform/guards.ts';

const LIST_VIEW = 'modules/organisations/views/list.njk';
const PROFILE_VIEW = 'modules/organisations/views/profile.njk';
const FORM_VIEW = 'modules/organisations/views/form.njk';

export const organisationPath = (slug: string): string => `/organisations/${encodeURIComponent(slug)}`;

/** The type choices for a select, translated; `blank` heads the list. */
function organisationTypeItems(t: Translate, blank: string): Array<{ value: string; text: string }> {
  return [{ value: '', text: blank }, ...ORGANISATION_TYPES.map((type) => ({ value: type, text: t(`organisations.types.${type}`) }))];
}

const slugOf = (request: FastifyRequest): string => (request.params as { slug: string }).slug;

type OrganisationAction = 'organisation.update' | 'organisation.members.manage';

/** The form as the service takes it; blanks are the service's to refuse, with a message for each. */
const organisationInput = (body: Type.Static<typeof OrganisationFormBody>): OrganisationInput => ({
  name: body.name ?? '',
  orgType: body.orgType ?? '',
  country: body.country,
  website: body.website,
  description: body.description,
});

/** The values an edit form starts with: the record as it is now. */
const formValues = (o: OrganisationRow): Record<string, string> => ({
  name: o.name,
  orgType: o.org_type,
  country: o.country ?? '',
  website: o.website ?? '',
  description: o.description,
});

export async function organisationsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.ctx;

  async function profileContext(request: FastifyRequest): Promise<Record<string, unknown>> {
    const { organisation, people, history } = await getOrganisationProfile(db, slugOf(request));
    const resource = { organisationId: organisation.id };
    const canManage = can(request.actor, 'organisation.members.manage', resource);
    return {
      organisation,
      typeName: request.t(`organisations.types.${organisation.org_type}`),
      // Emails are for the Support Unit telling two people of the same name apart; nobody else gets them.
      people: people.map((p) => ({ grantId: p.grantId, displayName: p.displayName, email: canManage ? p.email : null })),
      history: describeHistory(request.t, request.lang, history),
      canManage,
      canEdit: can(request.actor, 'organisation.update', resource),
    };
  }

  const createContext = (request: FastifyRequest) => ({
    mode: 'create',
    descriptionMax: DESCRIPTION_MAX,
    action: '/organisations/new',
    typeItems: organisationTypeItems(request.t, request.t('organisations.form.chooseType')),
  });

  async function editContext(request: FastifyRequest): Promise<Record<string, unknown>> {
    const organisation = await getOrganisation(db, slugOf(request));
    return {
      mode: 'edit',
      descriptionMax: DESCRIPTION_MAX,
      organisation,
      action: `${organisationPath(organisation.slug)}/edit`,
      typeItems: organisationTypeItems(request.t, request.t('organisations.form.chooseType')),
    };
  }

  // Route hooks that refuse before the body is validated, so a refused visitor never sees a re-rendered form.
  const mayCreate = async (request: FastifyRequest): Promise<void> => authorize(request.actor, 'organisation.create');
  const mayOnOrganisation = (action: OrganisationAction) => async (request: FastifyRequest): Promise<void> => {
    const organisation = await getOrganisation(db, slugOf(request));
    authorize(request.actor, action, { organisationId: organisation.id });
  };

  /** The organisation in the address, and the signed-in person allowed to do `action` to it. */
  async function actingOn(request: FastifyRequest, action: OrganisationAction): Promise<{ organisation: OrganisationRow; actor: Actor }> {
    const organisation = await getOrganisation(db, slugOf(request));
    return { organisation, actor: requireActor(request, action, { organisationId: organisation.id }) };
  }

  r.get('/organisations', { schema: { querystring: OrganisationListQuery } }, async (request, reply) => {
    authorize(request.actor, 'organisation.view');
    const t = request.t;
    const q = (request.query.q ?? '').trim().slice(0, SEARCH_MAX);
    // An unknown type in the address is ignored rather than refused: it is only a filter.
    const type = isOrganisationType(request.query.type) ? request.query.type : '';
    const page = parsePageNumber(request.query.page);
    const result = await searchOrganisations(db, { q, orgType: type, page, perPage: PAGE_SIZE });
    return reply.view(LIST_VIEW, {
      q,
      type,
      typeItems: organisationTypeItems(t, t('organisations.list.allTypes')),
      organisations: result.items.map((o) => ({ ...o, typeName: t(`organisations.types.${o.org_type}`) })),
      total: result.total,
      filtered: q !== '' || type !== '',
      pagination: paginationParams(t, '/organisations', { q, type }, result),
    });
  });

  r.get('/organisations/new', async (request, reply) => {
    authorize(request.actor, 'organisation.create');
    return reply.view(FORM_VIEW, { ...createContext(request), values: {} });
  });

  r.post(
    '/organisations/new',
    { schema: { body: OrganisationFormBody }, preValidation: mayCreate, config: { form: { view: FORM_VIEW, context: createContext } } },
    async (request, reply) => {
      const actor = requireActor(request, 'organisation.create');
      const organisation = await createOrganisation(app.ctx, actor, organisationInput(request.body));
      return reply.redirect(organisationPath(organisation.slug), 303);
    },
  );

  r.get('/organisations/:slug', { schema: { params: OrganisationSlugParams } }, async (request, reply) => {
    authorize(request.actor, 'organisation.view');
    return reply.view(PROFILE_VIEW, { ...(await profileContext(request)), values: {} });
  });

  r.get('/organisations/:slug/edit', { schema: { params: OrganisationSlugParams } }, async (request, reply) => {
    const organisation = await getOrganisation(db, request.params.slug);
    authorize(request.actor, 'organisation.update', { organisationId: organisation.id });
    return reply.view(FORM_VIEW, { ...(await editContext(request)), values: formValues(organisation) });
  });

  r.post(
    '/organisations/:slug/edit',
    {
      schema: { params: OrganisationSlugParams, body: OrganisationFormBody },
      preValidation: mayOnOrganisation('organisation.update'),
      config: { form: { view: FORM_VIEW, context: editContext } },
    },
    async (request, reply) => {
      const { organisation, actor } = await actingOn(request, 'organisation.update');
      await updateOrganisation(app.ctx, actor, organisation.id, organisationInput(request.body));
      return reply.redirect(organisationPath(organisation.slug), 303);
    },
  );

  r.post(
    '/organisations/:slug/members',
    {
      schema: { params: OrganisationSlugParams, body: OrganisationPersonBody },
      preValidation: mayOnOrganisation('organisation.members.manage'),
      config: { form: { view: PROFILE_VIEW, context: profileContext } },
    },
    async (request, reply) => {
      const { organisation, actor } = await actingOn(request, 'organisation.members.manage');
      await addOrganisationPerson(app.ctx, actor, organisation.id, request.body.email ?? '');
      return reply.redirect(`${organisationPath(organisation.slug)}#people`, 303);
    },
  );

  r.post(
    '/organisations/:slug/members/:grantId/remove',
    { schema: { params: OrganisationGrantParams }, preValidation: mayOnOrganisation('organisation.members.manage') },
    async (request, reply) => {
      const { organisation, actor } = await actingOn(request, 'organisation.members.manage');
      await removeOrganisationPerson(app.ctx, actor, organisation.id, request.params.grantId);
      return reply.redirect(`${organisationPath(organisation.slug)}#people`, 303);
    },
  );
}
