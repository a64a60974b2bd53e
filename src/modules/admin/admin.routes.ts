import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { requireAction } from '../../platform/guards.ts';
import { UserParams, UserQuery, UsersQuery } from './admin.schemas.ts';
import { listUsersPage, loadUserPage } from './admin.service.ts';
import { paginationParams, parsePageNumber } from '../../platform/pagination.ts';

export const USER_VIEW = 'modules/admin/views/user.njk';
const USERS_VIEW = 'modules/admin/views/users.njk';
const CONFIRMATIONS = new Set(['granted', 'revoked']);

/** The :id of an account URL, for form contexts that run outside the typed handler. */
export function userIdParam(request: FastifyRequest): string {
  const params = request.params as Record<string, unknown> | undefined;
  return typeof params?.id === 'string' ? params.id : '';
}

/** A query-string value as typed, or '' when it is missing or not a single string. */
function queryText(request: FastifyRequest, key: string): string {
  const value = (request.query as Record<string, unknown> | undefined)?.[key];
  return typeof value === 'string' ? value : '';
}

/** What the account page needs besides form values; also used to re-render it after a failed grant. */
export async function userPageContext(request: FastifyRequest): Promise<Record<string, unknown>> {
  return { ...(await loadUserPage(request.server.ctx.db, userIdParam(request))) };
}

export async function adminRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.ctx;

  r.get('/admin', { onRequest: requireAction('users.view') }, async (_request, reply) => reply.view('modules/admin/views/index.njk'));

  r.get(
    '/admin/users',
    {
      schema: { querystring: UsersQuery },
      onRequest: requireAction('users.view'),
      // A search too long to run shows the first page of everyone, with the search as typed and the error beside it.
      config: { form: { view: USERS_VIEW, context: async (request) => ({ ...(await listUsersPage(db, { page: 1 })), search: queryText(request, 'q') }) } },
    },
    async (request, reply) => {
      const search = request.query.q?.trim() ?? '';
      const listing = await listUsersPage(db, { search, page: parsePageNumber(request.query.page) });
      const pagination = paginationParams(request.t, '/admin/users', { q: search }, listing);
      return reply.view(USERS_VIEW, { ...listing, search, pagination });
    },
  );

  r.get(
    '/admin/users/:id',
    { schema: { params: UserParams, querystring: UserQuery }, onRequest: requireAction('users.view') },
    async (request, reply) => {
      const page = await loadUserPage(db, request.params.id);
      const done = request.query.done && CONFIRMATIONS.has(request.query.done) ? request.query.done : null;
      return reply.view(USER_VIEW, { ...page, done });
    },
  );
}
