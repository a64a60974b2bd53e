import type { FastifyInstance } from 'fastify';

export async function homeRoutes(app: FastifyInstance): Promise<void> {
  app.get('/', async (request, reply) => reply.view('modules/home/views/home.njk', { title: request.t('home.title') }));
}
