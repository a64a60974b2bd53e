import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError, notFound, validationError } from '../../platform/errors.ts';
import { requireAction } from '../../platform/guards.ts';
import { USER_VIEW, userIdParam, userPageContext } from '../admin/admin.routes.ts';
import { userExists } from '../admin/admin.service.ts';
import { GrantBody, GrantParams, RevokeBody, UserRoleParams } from './roles.schemas.ts';
import { grantRole, revokeRole } from './roles.service.ts';

const userPath = (userId: string): string => `/admin/users/${encodeURIComponent(userId)}`;

export async function rolesRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.ctx;

  // A failed grant re-renders the account page, so the account must exist before the body is even checked.
  const requireUser = async (request: FastifyRequest): Promise<void> => {
    if (!(await userExists(db, userIdParam(request)))) throw notFound();
  };

  r.post(
    '/admin/users/:id/roles',
    {
      schema: { params: UserRoleParams, body: GrantBody },
      onRequest: [requireAction('roles.manage'), requireUser],
      config: { form: { view: USER_VIEW, context: userPageContext } },
    },
    async (request, reply) => {
      const { id } = request.params;
      const body = request.body;
      try {
        await grantRole(db, request.actor?.id ?? null, {
          userId: id,
          role: body.role ?? '',
          memberId: body.memberId || null,
          organisationId: body.organisationId || null,
        });
      } catch (error) {
        // A role already held is a mistake in the form, shown beside the role, not a bare conflict page.
        if (error instanceof AppError && error.code === 'CONFLICT') throw validationError(error.fields);
        throw error;
      }
      return reply.redirect(`${userPath(id)}?done=granted`, 303);
    },
  );

  r.post(
    '/admin/users/:id/roles/:grantId/revoke',
    {
      schema: { params: GrantParams, body: RevokeBody },
      onRequest: [requireAction('roles.manage'), requireUser],
      config: { form: { view: USER_VIEW, context: userPageContext } },
    },
    async (request, reply) => {
      const { id, grantId } = request.params;
      await revokeRole(db, request.actor?.id ?? null, grantId, { userId: id });
      return reply.redirect(`${userPath(id)}?done=revoked`, 303);
    },
  );
}
