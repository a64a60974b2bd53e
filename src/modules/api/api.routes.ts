import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { MemberRow } from '../members/members.service.ts';
import { getMember, searchMembers } from '../members/members.service.ts';
import type { OrganisationRow } from '../organisations/organisations.service.ts';
import { getOrganisation, searchOrganisations } from '../organisations/organisations.service.ts';
import {
  API_DEFAULT_PER_PAGE,
  ApiError,
  type MemberDataType,
  MemberList,
  MemberOne,
  MembersQuery,
  OpenApiDocument,
  type OrganisationDataType,
  OrganisationList,
  OrganisationOne,
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
  countryCode: m.country_code,
  joinedYear: m.joined_year,
  createdAt: m.created_at,
});

const errors = { 400: ApiError, 404: ApiError };

/** The read-only JSON API, registered under /api. */
export async function apiRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.ctx;

  // Open data: any website may read it from a browser. No cookies are honoured here, so this grants nothing else.
  r.addHook('onRequest', async (_request, reply) => {
    reply.header('access-control-allow-origin', '*');
  });

  r.get(
    '/v1/organisations',
    {
      schema: {
        tags: ['organisations'],
        operationId: 'listOrganisations',
        summary: 'List organisations',
        description: 'The registry of organisations in name order, optionally searched by name and filtered by type.',
        querystring: OrganisationsQuery,
        response: { 200: OrganisationList, 400: ApiError },
      },
    },
    async (request) => {
      const { q, type, page = 1, perPage = API_DEFAULT_PER_PAGE } = request.query;
      const result = await searchOrganisations(db, { q, orgType: type, page, perPage });
      return { data: result.items.map(organisationData), meta: { total: result.total, page: result.page, perPage: result.perPage } };
    },
  );

  r.get(
    '/v1/organisations/:slug',
    {
      schema: {
        tags: ['organisations'],
        operationId: 'getOrganisation',
        summary: 'Get one organisation',
        description: 'One organisation by its slug.',
        params: SlugParams,
        response: { 200: OrganisationOne, ...errors },
      },
    },
    async (request) => ({ data: organisationData(await getOrganisation(db, request.params.slug)) }),
  );

  r.get(
    '/v1/members',
    {
      schema: {
        tags: ['members'],
        operationId: 'listMembers',
        summary: 'List members',
        description: 'The national and local members of the partnership in name order, optionally searched by name and filtered by type.',
        querystring: MembersQuery,
        response: { 200: MemberList, 400: ApiError },
      },
    },
    async (request) => {
      const { q, type, page = 1, perPage = API_DEFAULT_PER_PAGE } = request.query;
      const result = await searchMembers(db, { q, memberType: type, page, perPage });
      return { data: result.items.map(memberData), meta: { total: result.total, page: result.page, perPage: result.perPage } };
    },
  );

  r.get(
    '/v1/members/:slug',
    {
      schema: {
        tags: ['members'],
        operationId: 'getMember',
        summary: 'Get one member',
        description: 'One member by its slug.',
        params: SlugParams,
        response: { 200: MemberOne, ...errors },
      },
    },
    async (request) => ({ data: memberData(await getMember(db, request.params.slug)) }),
  );

  r.get('/openapi.json', { schema: { response: { 200: OpenApiDocument } } }, async () => app.swagger());

  // The address people guess for API documentation; the page itself is /developers.
  r.get('/docs', async (_request, reply) => reply.redirect('/developers', 301));
}

interface ParameterView {
  name: string;
  location: string;
  required: boolean;
  type: string;
}

interface EndpointView {
  method: string;
  path: string;
  operationId: string;
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
      }));
      endpoints.push({
        method: method.toUpperCase(),
        path,
        operationId: operation.operationId,
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
