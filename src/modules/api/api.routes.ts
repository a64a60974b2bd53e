import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { TSchema, Type } from 'typebox';
import type { DbOrTrx } from '../../db/database.ts';
import { setPageLocals } from '../../platform/views.ts';
import type { Page, PageRequest } from '../../platform/pagination.ts';
import { type Action, authorize } from '../../platform/policies.ts';
import { getMember, type MemberRow, searchMembers } from '../members/members.service.ts';
import { getOrganisation, type OrganisationRow, searchOrganisations } from '../organisations/organisations.service.ts';
import { commitmentsApiRoutes } from './api.commitments.ts';
import { operationsFromOpenApi } from './api.docs.ts';
import {
  API_DEFAULT_PER_PAGE,
  ApiError,
  type ListQuerySchema,
  type ListQueryType,
  listResponse,
  MemberData,
  type MemberDataType,
  MembersQuery,
  type MetaType,
  oneResponse,
  OpenApiDocument,
  OrganisationData,
  type OrganisationDataType,
  OrganisationsQuery,
  SlugParams,
} from './api.schemas.ts';

// The API's own field names: stable, camelCase, and with nothing private (no people, no emails).
const organisationData = (o: OrganisationRow): OrganisationDataType => ({
  id: o.id,
  slug: o.slug,
  name: o.name,
  type: o.org_type,
  country: o.country,
  website: o.website,
  description: o.description,
  createdAt: o.created_at,
  updatedAt: o.updated_at,
});

const memberData = (m: MemberRow): MemberDataType => ({
  id: m.id,
  slug: m.slug,
  name: m.name,
  type: m.member_type,
  ogpCode: m.ogp_code,
  countryCode: m.country_code,
  region: m.region,
  joinedYear: m.joined_year,
  cohort: m.cohort,
  status: m.status,
  createdAt: m.created_at,
});

const errors = { 400: ApiError, 404: ApiError };

/** One registry as the API offers it: a searchable list and one record by slug, alike for every registry. */
interface Registry<Row, Data extends TSchema> {
  /** These name the paths, the tag, the operation ids and the summaries: /v1/organisations, listOrganisations… */
  singular: string;
  plural: string;
  listDescription: string;
  /** The policy action that reading this registry needs; open data today, but decided by the policy module. */
  viewAction: Action;
  query: ListQuerySchema;
  data: Data;
  search(db: DbOrTrx, query: ListQueryType & PageRequest): Promise<Page<Row>>;
  get(db: DbOrTrx, slug: string): Promise<Row>;
  toData(row: Row): Type.Static<Data>;
}

const capitalised = (word: string): string => `${word.charAt(0).toUpperCase()}${word.slice(1)}`;

// The route types are spelt out because the type provider cannot read them through the generic schemas.
function registryRoutes<Row, Data extends TSchema>(app: FastifyInstance, registry: Registry<Row, Data>): void {
  const { db } = app.ctx;
  const { singular, plural } = registry;

  app.get<{ Querystring: ListQueryType; Reply: { data: Array<Type.Static<Data>>; meta: MetaType } }>(
    `/v1/${plural}`,
    {
      schema: {
        tags: [plural],
        operationId: `list${capitalised(plural)}`,
        summary: `List ${plural}`,
        description: registry.listDescription,
        querystring: registry.query,
        response: { 200: listResponse(registry.data, plural), 400: ApiError },
      },
    },
    async (request) => {
      authorize(request.actor, registry.viewAction);
      const { page = 1, perPage = API_DEFAULT_PER_PAGE } = request.query;
      const result = await registry.search(db, { ...request.query, page, perPage });
      return { data: result.items.map(registry.toData), meta: { total: result.total, page: result.page, perPage: result.perPage } };
    },
  );

  app.get<{ Params: Type.Static<typeof SlugParams>; Reply: { data: Type.Static<Data> } }>(
    `/v1/${plural}/:slug`,
    {
      schema: {
        tags: [plural],
        operationId: `get${capitalised(singular)}`,
        summary: `Get one ${singular}`,
        description: `One ${singular} by its slug.`,
        params: SlugParams,
        response: { 200: oneResponse(registry.data, singular), ...errors },
      },
    },
    async (request) => {
      authorize(request.actor, registry.viewAction);
      return { data: registry.toData(await registry.get(db, request.params.slug)) };
    },
  );
}

/** The read-only JSON API, registered under /api. */
export async function apiRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  // Open data, so every website may read it from a browser. No cookies are honoured here, so this grants nothing else.
  r.addHook('onRequest', async (_request, reply) => {
    reply.header('access-control-allow-origin', '*');
  });

  registryRoutes(app, {
    singular: 'organisation',
    plural: 'organisations',
    listDescription: 'The registry of organisations in name order, optionally searched by name and filtered by type.',
    viewAction: 'organisation.view',
    query: OrganisationsQuery,
    data: OrganisationData,
    search: (db, { type, ...rest }) => searchOrganisations(db, { ...rest, orgType: type }),
    get: getOrganisation,
    toData: organisationData,
  });

  registryRoutes(app, {
    singular: 'member',
    plural: 'members',
    listDescription: 'The national and local members of the partnership in name order, optionally searched by name and filtered by type.',
    viewAction: 'member.view',
    query: MembersQuery,
    data: MemberData,
    search: (db, { type, ...rest }) => searchMembers(db, { ...rest, memberType: type }),
    get: getMember,
    toData: memberData,
  });

  commitmentsApiRoutes(app);

  r.get('/openapi.json', { schema: { response: { 200: OpenApiDocument } } }, async () => app.swagger());

  // The full reference, as a page of the site. /api requests skip the site's page set-up (they are
  // anonymous JSON), so this page provides its own: the visitor's language, no session.
  r.get('/docs', async (request, reply) => {
    setPageLocals(request, reply, '');
    return reply.view('modules/api/views/docs.njk', { operations: operationsFromOpenApi(app.swagger()), openApiUrl: '/api/openapi.json' });
  });
}

interface ParameterView {
  name: string;
  location: string;
  required: boolean;
  type: string;
  /** The schema's own (English) description, for a parameter with no translation. */
  description: string;
}

interface EndpointView {
  method: string;
  path: string;
  operationId: string;
  /** The operation's own (English) description, for an operation with no translation. */
  description: string;
  parameters: ParameterView[];
  /** A link to try, for endpoints that need no path parameter. */
  example: string | null;
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A parameter's type as a reader wants it: the allowed values when there is a fixed list. */
function describeType(schema: unknown): string {
  if (!isRecord(schema)) return '';
  if (Array.isArray(schema.enum)) return schema.enum.map(String).join(' | ');
  if (Array.isArray(schema.anyOf)) return schema.anyOf.map(describeType).filter(Boolean).join(' | ');
  if (schema.const !== undefined) return String(schema.const);
  if (schema.type === 'array') return `array of ${describeType(schema.items) || 'string'}`;
  return typeof schema.type === 'string' ? schema.type : '';
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** The documented operations, read from the OpenAPI document so the page cannot drift from the API. */
export function endpointsFromOpenApi(document: unknown): EndpointView[] {
  if (!isRecord(document) || !isRecord(document.paths)) return [];
  const endpoints: EndpointView[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    if (!isRecord(item)) continue;
    for (const method of METHODS) {
      const operation = item[method];
      if (!isRecord(operation) || typeof operation.operationId !== 'string') continue;
      const parameters = (Array.isArray(operation.parameters) ? operation.parameters : []).filter(isRecord).map((p) => ({
        name: String(p.name ?? ''),
        location: String(p.in ?? ''),
        required: p.required === true,
        type: describeType(p.schema),
        description: typeof p.description === 'string' ? p.description : isRecord(p.schema) && typeof p.schema.description === 'string' ? p.schema.description : '',
      }));
      endpoints.push({
        method: method.toUpperCase(),
        path,
        operationId: operation.operationId,
        description: typeof operation.description === 'string' ? operation.description : '',
        parameters,
        example: method === 'get' && !path.includes('{') ? path : null,
      });
    }
  }
  return endpoints;
}

/** The human page about the API. It lives outside /api so it gets the site's page furniture. */
export async function developersRoutes(app: FastifyInstance): Promise<void> {
  app.get('/developers', async (_request, reply) =>
    reply.view('modules/api/views/developers.njk', { endpoints: endpointsFromOpenApi(app.swagger()), openApiUrl: '/api/openapi.json' }),
  );
}
