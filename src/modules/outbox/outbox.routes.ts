import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { requireAction } from '../../platform/guards.ts';
import { paginationParams, parsePageNumber } from '../../platform/pagination.ts';
import { OutboxParams, OutboxQuery } from './outbox.schemas.ts';
import { getOutboxMessage, isMailStatus, listOutboxPage, MAIL_STATUSES } from './outbox.service.ts';

export async function outboxRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db, mailer } = app.ctx;

  r.get('/admin/outbox', { schema: { querystring: OutboxQuery }, onRequest: requireAction('outbox.read') }, async (request, reply) => {
    const status = isMailStatus(request.query.status) ? request.query.status : undefined;
    const listing = await listOutboxPage(db, { status, page: parsePageNumber(request.query.page) });
    const pagination = paginationParams(request.t, '/admin/outbox', { status }, listing);
    return reply.view('modules/outbox/views/index.njk', { ...listing, status: status ?? '', statuses: MAIL_STATUSES, pagination, delivers: mailer.delivers });
  });

  r.get('/admin/outbox/:id', { schema: { params: OutboxParams }, onRequest: requireAction('outbox.read') }, async (request, reply) => {
    const message = await getOutboxMessage(db, request.params.id);
    return reply.view('modules/outbox/views/message.njk', { message, delivers: mailer.delivers });
  });
}
