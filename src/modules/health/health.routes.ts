import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { isMigrated } from '../../db/database.ts';

const HealthReply = Type.Object({ status: Type.String() });

export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get('/healthz', { schema: { response: { 200: HealthReply } } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { response: { 200: HealthReply, 503: HealthReply } } }, async (request, reply) => {
    try {
      if (await isMigrated(app.ctx.db)) return { status: 'ready' };
      return reply.status(503).send({ status: 'migrations pending' });
    } catch (error) {
      request.log.warn({ err: error }, 'readiness check failed');
      return reply.status(503).send({ status: 'database unreachable' });
    }
  });
}
