import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { requireAction } from '../../platform/guards.ts';
import { paginationParams, parsePageNumber } from '../../platform/pagination.ts';
import { describeHistory } from './audit.history.ts';
import { AuditQuery } from './audit.schemas.ts';
import { auditFiltersFrom, rejectedSearchContext, searchAuditLog } from './audit.service.ts';

const AUDIT_VIEW = 'modules/audit/views/index.njk';

export async function auditRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.ctx;

  r.get(
    '/admin/audit',
    {
      schema: { querystring: AuditQuery },
      onRequest: requireAction('audit.read'),
      config: { form: { view: AUDIT_VIEW, context: async (request) => ({ ...(await rejectedSearchContext(db, request.query)), rejected: true }) } },
    },
    async (request, reply) => {
      const filters = auditFiltersFrom(request.query);
      const search = await searchAuditLog(db, filters, parsePageNumber(request.query.page));
      const pagination = paginationParams(request.t, '/admin/audit', { ...filters }, search);
      const filtered = Object.values(filters).some((value) => value !== '');
      const events = describeHistory(request.t, request.lang, search.events);
      return reply.view(AUDIT_VIEW, { ...search, events, pagination, filtered });
    },
  );
}
